"""A WordPress post's stored content to the Markdown body of an article.

WordPress stores what the author typed and builds the page on display; we
replay the parts of that display pipeline that make the *text*, in
WordPress's order, and drop the parts that need the live site:

1. ``<!--more-->``, ``<!--nextpage-->`` and ``<!--noteaser-->`` go.
2. Block-editor posts lose their ``<!-- wp:… -->`` delimiters and keep the
   blocks' HTML; text between blocks (classic "freeform" content) and
   classic-editor posts go through :func:`~reader.core.importers.autop.wpautop`.
3. A URL alone on its line (WordPress's auto-embed) becomes a link.
4. Shortcodes become HTML or vanish (:mod:`reader.core.importers.shortcodes`).
5. Images become links to the original file, or ``assets/`` images when a copy
   of ``wp-content/uploads`` is given; iframes, audio and video become links.
6. markdownify turns the HTML into Markdown (rendering sanitizes it again).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from reader.core.archive.model import ImportedArticle
from reader.core.errors import SourceError
from reader.core.i18n import _
from reader.core.importers import shortcodes, slugify
from reader.core.importers.autop import replace_in_tags, wpautop
from reader.core.importers.converter import ALIGN_CLASSES, alignment_class
from reader.core.importers.html import DROP_TAGS, Converter, safe_url
from reader.core.importers.nesting import MAX_NESTING, TOO_DEEP, nesting_depth
from reader.core.importers.wxr import WxrItem, parse_date, plain_text

log = logging.getLogger("reader.import")

_MORE = re.compile(r"<!--(?:more|nextpage|noteaser)(?:\s.*?)?-->", re.IGNORECASE | re.DOTALL)
#: WordPress's block delimiter (``WP_Block_Parser``): opener, closer or void.
_BLOCK_DELIMITER = re.compile(
    r"<!--\s+(/)?wp:((?:[a-z][a-z0-9_-]*/)?[a-z][a-z0-9_-]*)\s+({(?:[^}]+|}+(?=})|(?!}\s+/?-->).)*+}\s+)?(/)?-->",
    re.DOTALL,
)
_LINE_URL = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.IGNORECASE | re.MULTILINE)
_PARAGRAPH_URL = re.compile(r"(<p(?: [^>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", re.IGNORECASE)
_CAPTION_PARTS = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL)
_RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile("\ue000(\\d+)\ue001")
_MANY_BLANKS = re.compile(r"\n{3,}")
_LINE_BREAK_MARK = "<!-- wp-line-break -->"

FOOTNOTE_SHORTCODES = frozenset({"footnote", "ref", "efn_note", "mfn"})
AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "wav", "wma", "flac")
VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")


@dataclass(frozen=True)
class Attachment:
    """A media item of the export (``post_type`` attachment)."""

    url: str
    title: str = ""
    parent: int = 0
    menu_order: int = 0
    caption: str = ""  # the attachment's excerpt, which WordPress shows under it in a gallery


@dataclass
class Media:
    """The site's attachments, and where to find copies of its uploads (``--media``)."""

    attachments: dict[int, Attachment] = field(default_factory=dict)
    uploads: Path | None = None
    assets: Path | None = None  # the archive's assets/ folder, when uploads is given
    copied: int = 0

    def children(self, post_id: int) -> list[Attachment]:
        found = [a for a in self.attachments.values() if a.parent == post_id and _IMAGE_FILE.search(a.url)]
        return sorted(found, key=lambda a: a.menu_order)

    def local(self, url: str) -> str | None:
        """``assets/uploads/…`` for an uploaded file we have a copy of (copied on first use).

        Without ``--media``, a file an earlier import already copied into the
        archive's ``assets/`` is still used: the image, not a link to the site.
        """
        if self.assets is None or "/wp-content/uploads/" not in url:
            return None
        relative = unquote(urlsplit(url).path).split("/wp-content/uploads/", 1)[1]
        parts = PurePosixPath(relative).parts
        if not parts or any(part in ("..", ".", "") or "\\" in part for part in parts):
            return None
        candidates = (relative, _RESIZED.sub("", relative))
        if self.uploads is None:
            kept = self.assets / "uploads"
            return next((f"assets/uploads/{candidate}" for candidate in candidates
                         if kept.joinpath(*PurePosixPath(candidate).parts).is_file()), None)
        for candidate in candidates:
            source = self.uploads.joinpath(*PurePosixPath(candidate).parts)
            if source.is_file():
                target = self.assets / "uploads" / Path(*PurePosixPath(candidate).parts)
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
                    shutil.copyfile(source, partial)
                    partial.replace(target)
                    self.copied += 1
                return f"assets/uploads/{candidate}"
        return None


_CONVERTER = Converter(heading_style="ATX", bullets="-", escape_asterisks=False, escape_underscores=False)


def _autoembed(text: str) -> str:
    """URLs alone on a line or in their own paragraph become links (WordPress auto-embed)."""
    if "http" not in text:
        return text
    text = replace_in_tags(text, "\n", _LINE_BREAK_MARK)
    link = r'\1<a href="\2">\2</a>\3'
    text = _LINE_URL.sub(link, text)
    text = _PARAGRAPH_URL.sub(link, text)
    return text.replace(_LINE_BREAK_MARK, "\n")


def _is_web(url: str) -> bool:
    """Embeds and media become links only to web pages and files (never data:, file:...)."""
    return url.startswith(("http://", "https://"))


def _file_label(kind: str, url: str) -> str:
    name = unquote(PurePosixPath(urlsplit(url).path).name) or url
    return f"{kind}: {name}"


def _link(url: str, label: str) -> str:
    return f'<p><a href="{escape(url)}">{escape(label)}</a></p>'


class _Post:
    """The per-post state of a conversion: its media and its footnotes."""

    def __init__(self, post_id: int, media: Media) -> None:
        self.post_id, self.media = post_id, media
        self.footnotes: list[str] = []

    def shortcode(self, code: shortcodes.Shortcode) -> str | None:
        name = code.name
        if name in ("caption", "wp_caption"):
            match = _CAPTION_PARTS.match((code.content or "").strip())
            if not match:
                return code.content or ""
            caption = match.group(2).strip() or code.get("caption")
            align = code.get("align") if code.get("align") in ALIGN_CLASSES else ""
            figure = f'<figure class="{align}">' if align else "<figure>"
            return f"{figure}{match.group(1)}<figcaption>{caption}</figcaption></figure>"
        if name == "gallery":
            return self._gallery(code)
        if name in ("embed", "youtube", "vimeo"):
            url = (code.content or "").strip() or code.get("url", "src") or next(iter(code.positional), "")
            url = re.sub(r"<[^>]+>", "", url).strip()
            return _link(url, url) if _is_web(url) else ""
        if name in ("audio", "video"):
            keys = AUDIO_KEYS if name == "audio" else VIDEO_KEYS
            url = code.get(*keys) or (code.content or "").strip() or next(iter(code.positional), "")
            url = re.sub(r"<[^>]+>", "", url).strip()
            if not _is_web(url):
                return ""
            return _link(url, _file_label(name.capitalize(), url))
        if name == "playlist":
            items = [self.media.attachments.get(i) for i in _ids(code.get("ids"))]
            links = [_link(a.url, _file_label("Audio", a.url)) for a in items if a is not None]
            return "".join(links)
        if name in FOOTNOTE_SHORTCODES and code.content:
            self.footnotes.append(code.content)
            return f"\ue000{len(self.footnotes)}\ue001"
        if name in shortcodes.KNOWN_STANDALONE:
            return ""  # forms, tables of contents, widgets: the live site's, not the text's
        return None

    def _gallery(self, code: shortcodes.Shortcode) -> str:
        ids = _ids(code.get("ids", "include"))
        if ids:
            items = [self.media.attachments[i] for i in ids if i in self.media.attachments]
        else:
            items = self.media.children(_int(code.get("id")) or self.post_id)
        if not items:
            return ""
        figures = "".join(f'<figure><img src="{escape(a.url)}" alt="{escape(a.title)}">'
                          + (f"<figcaption>{escape(a.caption)}</figcaption>" if a.caption else "")
                          + "</figure>" for a in items)
        return f'<div class="gallery">{figures}</div>'  # the converter keeps each caption with its image


def _ids(text: str) -> list[int]:
    return [int(part) for part in re.findall(r"\d+", text or "")]


def _int(text: str) -> int:
    return int(text) if text and text.isdigit() else 0


def _classic(text: str, post: _Post) -> str:
    return wpautop(shortcodes.expand(_autoembed(text), post.shortcode))


def _blocks(content: str, post: _Post) -> str:
    """Block-editor content: delimiters dropped, block HTML kept, freeform text auto-paragraphed."""
    out: list[str] = []
    depth = 0
    position = 0

    def emit(text: str) -> None:
        if not text.strip():
            return
        if depth == 0:
            out.append(_classic(text, post))
        else:
            out.append(shortcodes.expand(_autoembed(text), post.shortcode))

    for match in _BLOCK_DELIMITER.finditer(content):
        emit(content[position : match.start()])
        position = match.end()
        closer, void = match.group(1), match.group(4)
        if not void:
            depth = max(0, depth - 1) if closer else depth + 1
    emit(content[position:])
    return "\n".join(out)


def _unwrap_image_link(image: Tag) -> tuple[Tag, str | None]:
    """(the element to replace, the link target) for an image, looking through a wrapping ``<a>``."""
    parent = image.parent
    if isinstance(parent, Tag) and parent.name == "a" and parent.get("href"):
        others = [c for c in parent.contents if not (isinstance(c, NavigableString) and not c.strip())]
        if others == [image]:
            return parent, str(parent["href"])
    return image, None


def _image(image: Tag, soup: BeautifulSoup, media: Media) -> None:
    """An ``assets/`` image when we have the file, else a link to the original."""
    src = str(image.get("src") or "").strip()
    outer, href = _unwrap_image_link(image)
    original = href if href and _IMAGE_FILE.search(urlsplit(href).path) else src
    alt = str(image.get("alt") or image.get("title") or "").strip()
    local = (media.local(original) or media.local(src)) if src else None
    if local:
        align = alignment_class(image)
        image.attrs = {"src": local, "alt": alt} | ({"class": align} if align else {})
    elif not src or not safe_url(original):
        image.decompose()
    else:
        link = soup.new_tag("a", href=original)
        link.string = f"Image: {alt}" if alt else "Image"
        outer.replace_with(link)


def _embedded(element: Tag) -> None:
    """Frames, objects, audio and video become a link to what they showed."""
    source = element.find("source", src=True)
    url = str(element.get("src") or element.get("data") or (source and source.get("src")) or "").strip()
    if not _is_web(url):
        element.decompose()
        return
    kind = {"video": "Video", "audio": "Audio"}.get(element.name)
    replacement = BeautifulSoup(_link(url, _file_label(kind, url) if kind else url), "html.parser").p
    if isinstance(element.parent, Tag) and element.parent.name == "p" and replacement is not None:
        replacement = replacement.a
    element.replace_with(replacement)


_EMBEDDED = frozenset({"iframe", "embed", "object", "video", "audio"})
_DROPPED = frozenset(DROP_TAGS) - _EMBEDDED


def _media_to_links(soup: BeautifulSoup, media: Media) -> None:
    """One walk over the tags: media to links or assets, non-content dropped, links defused."""
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        name = element.name
        if name == "img":
            _image(element, soup, media)
        elif name in _EMBEDDED:
            _embedded(element)
        elif name in _DROPPED:
            element.decompose()
        elif name == "a" and not safe_url(str(element.get("href") or "")):
            del element["href"]


def _markdown(html_text: str, media: Media) -> str:
    soup = BeautifulSoup(html_text, "html.parser")
    _media_to_links(soup, media)
    markdown = _CONVERTER.convert_soup(soup)
    lines = [line if line.strip() else "" for line in markdown.split("\n")]  # "  " ends a <br>
    return _MANY_BLANKS.sub("\n\n", "\n".join(lines)).strip()


def post_markdown(content: str, post_id: int, media: Media) -> str:
    """The Markdown body of a post whose stored content is ``content``.

    Raises :class:`SourceError` for a post nested too deeply to convert.
    """
    post = _Post(post_id, media)
    content = _MORE.sub("", content.replace("\r\n", "\n").replace("\r", "\n"))
    html_text = _blocks(content, post) if "<!-- wp:" in content else _classic(content, post)
    if nesting_depth(html_text) > MAX_NESTING:
        raise SourceError(_("post {post_id}: {TOO_DEEP} (more than {MAX_NESTING} levels)")
                          .format(post_id=post_id, TOO_DEEP=_(TOO_DEEP), MAX_NESTING=MAX_NESTING))
    try:
        body = _markdown(html_text, media)
    except RecursionError:
        raise SourceError(_("post {post_id}: {TOO_DEEP}")
                          .format(post_id=post_id, TOO_DEEP=TOO_DEEP)) from None
    if not post.footnotes:
        return body
    notes = [_markdown(wpautop(note), media).replace("\n\n", " ") for note in post.footnotes]
    body = _FOOTNOTE_MARK.sub(lambda m: f"[^{m.group(1)}]", body)
    return body + "\n\n" + "\n".join(f"[^{n}]: {note}" for n, note in enumerate(notes, start=1))


# -- items to articles ---------------------------------------------------------------------------
#: Why an item is not imported; the keys of the report's "skipped" counts.
SKIP_STATUSES = ("draft", "pending", "private", "future", "trash", "auto-draft", "inherit")


def skip_reason(item: WxrItem, *, include_pages: bool = False, include_protected: bool = False) -> str | None:
    """``None`` for an item that becomes an article, else the reason it does not."""
    if item.post_type == "page":
        if not include_pages:
            return "page"
    elif item.post_type != "post":
        return item.post_type  # attachment, nav_menu_item, revision, wp_block, custom types...
    if item.status != "publish":
        return item.status or "no status"
    if item.password and not include_protected:
        return "password-protected"
    if nesting_depth(item.content) > MAX_NESTING:
        log.warning("skipping post %s (%s): %s", item.post_id, plain_text(item.title), TOO_DEEP)
        return TOO_DEEP
    return None


def source_id(item: WxrItem, site: str) -> str:
    """A post's stable key across exports: its WordPress id on its site (else its guid)."""
    if item.post_id:
        return f"{site}/?p={item.post_id}"
    return item.guid or item.link


def article_from_item(item: WxrItem, authors: dict[str, str], site: str, media: Media) -> ImportedArticle:
    """The article for one published post (or page)."""
    names = [authors.get(login, login) for login in item.coauthors]
    if not names and item.creator:
        names = [authors.get(item.creator) or item.creator]
    date = parse_date(item)
    stamp = None
    if date is not None:
        stamp = date.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if date.tzinfo else "")
    slug = slugify(unquote(item.post_name)) if item.post_name.strip() else None
    return ImportedArticle(
        body=post_markdown(item.content, item.post_id, media),
        title=plain_text(item.title) or None,
        authors=list(dict.fromkeys(names)),
        date=stamp,
        tags=list(item.tags),
        categories=list(item.categories),
        source_url=item.link or None,
        summary=plain_text(item.excerpt) or None,
        slug=slug if slug != "article" else None,
        source_id=source_id(item, site),
    )
