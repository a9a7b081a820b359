"""Markdown → sanitized HTML, and HTML → plain text.

Every article body is untrusted (it comes from scraped pages and exports), so
HTML always passes through nh3 (the Rust ``ammonia`` sanitizer) with a short
allow-list: no scripts, no event handlers, no styles (CSS ``url()``), no
frames or forms, and only ``http``/``https``/``mailto`` or relative links.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

from reader.core import dialect
from reader.core.archive.model import FORMAT, Article, ArticleMeta
from reader.core.i18n import _

ALLOWED_TAGS = {
    "a", "abbr", "article", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul", "var",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "article"}  # article:<id> links to another article
#: Classes the page layout relies on (footnotes, galleries); every other class is dropped.
_ALIGNMENT = {"alignleft", "alignright", "aligncenter"}
ALLOWED_CLASSES = {"div": {"footnote", "gallery"}, "figure": _ALIGNMENT, "img": _ALIGNMENT}
#: Tags whose content is dropped too, not only the tag.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template",
                     "noscript", "select", "textarea", "button"}  # fmt: skip

_BLOCK_TAGS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "table",
    "tr", "ul", "section", "details", "summary", "caption",
}  # fmt: skip


def sanitize(fragment: str) -> str:
    """Keep only what the allow-list names; everything else is text or gone."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_to_html(body: str, format_version: int = FORMAT) -> str:
    """A body in the archive's Markdown dialect (:mod:`reader.core.dialect`), sanitized."""
    return sanitize(dialect.to_html(body, format_version))


def body_html(article: Article) -> str:
    """The article's body, read in the Markdown dialect of its archive's format."""
    return markdown_to_html(article.body, article.format)


def header_html(meta: ArticleMeta) -> str:
    """Title and the metadata we know; unknown fields are simply not shown."""
    parts = [f"<h1>{html.escape(meta.title)}</h1>"]
    byline = [html.escape(", ".join(meta.authors))] if meta.authors else []
    if meta.date:
        byline.append(f'<time datetime="{html.escape(meta.date)}">{html.escape(meta.day)}</time>')
    if byline:
        parts.append(f"<p>{' · '.join(byline)}</p>")
    if meta.source_url:
        url = html.escape(meta.source_url)
        source = html.escape(_("Source:"))
        parts.append(f'<p>{source} <a href="{url}">{url}</a></p>')
    return sanitize("<header>" + "".join(parts) + "</header>")


def article_html(article: Article) -> str:
    """The article as one sanitized HTML fragment: header, then body."""
    return f"<article>{header_html(article.meta)}{body_html(article)}</article>"


#: Collapsible HTML white space; no-break spaces (U+00A0) in the text are kept as they are.
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.chunks.append("\n")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")
        if tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data if self._pre else _SPACE_RUN.sub(" ", data))


def html_to_text(fragment: str) -> str:
    """Plain text with one blank line between blocks (paragraphs, items, headings)."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.chunks)
    blocks = [block.strip(" \t") for block in re.split(r"\n[ \t]*\n", text)]
    lines = [re.sub(r"[ \t]*\n[ \t]*", "\n", block) for block in blocks if block.strip()]
    return "\n\n".join(lines) + "\n" if lines else ""


def article_text(article: Article) -> str:
    """What ``show --format text`` prints: header lines, then the body text."""
    return html_to_text(article_html(article))
