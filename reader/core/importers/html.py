"""HTML page to an article: keep the post, lose the site around it.

Three passes, each small: delete what is never content (scripts, forms,
navigation, and elements whose class or id names them as chrome), pick the
main content, convert it to Markdown.  The Markdown paragraphs then go through
the same :func:`~reader.core.importers.chrome.strip_chrome` as plain text, for
the chrome a theme renders without telling classes.  Metadata is taken only
from where the page states it; a missing author or date stays missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from reader.core.archive.model import ImportedArticle
from reader.core.importers.chrome import plain, strip_chrome
from reader.core.importers.converter import Converter
from reader.core.importers.pagemeta import read_meta

#: Never article content; some (script, iframe, object, embed) are hostile.
DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form",
    "button", "iframe", "object", "embed", "svg", "canvas",
)  # fmt: skip

#: A class token or id that *starts* with one of these words names chrome
#: ("comments-area", "jp-relatedposts", "widget_text").  Matching the start
#: spares WordPress's ``tag-social``/``category-related`` post classes, and
#: the word end spares "shareholders"; vendor prefixes are allowed.
CHROME_NAMES = re.compile(
    r"(?:(?:jp|sd|wp|wp-block)[-_])?"
    r"(?!comments?[-_](?:open|closed)$)"
    r"(?:comments?|respond|share|sharing|sharedaddy|social|popup|pop-up|modal|newsletter"
    r"|sidebar|widget|related|cookie|byline|dateline|(?:entry|post|article)-meta)"
    r"(?:s|posts?|list|area|box|bar)?(?:$|[-_\d])",
    re.IGNORECASE,
)

#: Where the post usually is, most specific first.
MAIN_SELECTORS = ("article", "main", "[role=main]", ".entry-content, .post-content")

#: The heading of an inline "Related" box (removed with its links, not with the rest of the article).
RELATED_HEADING = re.compile(
    r"(related|see also|read more|more on this( story| topic)?|you (may|might) also like|recommended)"
    r"( posts| articles| stories| reading| content)?:?", re.IGNORECASE)
WORD = re.compile(r"\w+")
XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*>")
#: What a data table's cells never hold: their presence means the table lays out the page.
LAYOUT_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "pre")
#: A paragraph that is only a byline, at the top or the foot of the article: "by Ada Brown".
BYLINE = re.compile(r"(?:by|von|par|por|door|di|av|af)\s+((?:[^\W\d_][\w.'’-]*\s?){2,4})", re.IGNORECASE)
#: Below this many words readability's proposal is no evidence against ours (short pages).
MIN_PROPOSAL_WORDS = 40
#: Our ``<article>``/``<main>`` may hold this many times readability's words and still agree:
#: readability drops short lists and tables, which are content; a whole ``<body>`` may not.
AGREE_RATIO = 3.0
AGREE_RATIO_BODY = 1.1
_SAFE_SCHEMES = ("", "http", "https", "mailto")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body"):
        return False
    names = [*tag.get_attribute_list("class"), tag.get("id") or ""]
    return any(isinstance(name, str) and CHROME_NAMES.match(name) for name in names)


def _clean(soup: BeautifulSoup, spare: int | None = None) -> None:
    """Delete non-content elements and defuse links and images.

    With ``spare``, an element holding more than that many characters of text
    is never removed for its class name: it is the article ("widget Blog",
    "modal-enabled" on the post's own container).
    """
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in [tag for tag in soup.find_all(True) if _is_chrome(tag)]:
        if not tag.decomposed and (spare is None or len(tag.get_text(strip=True)) <= spare):
            tag.decompose()
    defuse_links(soup)


def safe_url(url: str) -> bool:
    """A web, mail or relative URL: never ``javascript:``, ``file:``, ``data:``..."""
    try:
        return urlsplit(url.strip()).scheme.lower() in _SAFE_SCHEMES
    except ValueError:
        return False


def defuse_links(soup: BeautifulSoup) -> None:
    """Links lose a non-web target (``javascript:``, ``file:``); such images go."""
    for tag in soup.find_all(("a", "img")):
        attribute = "href" if tag.name == "a" else "src"
        if not safe_url(str(tag.get(attribute) or "")):
            if tag.name == "a":
                del tag[attribute]
            else:
                tag.decompose()


def _main(soup: BeautifulSoup) -> Tag:
    for selector in MAIN_SELECTORS:
        found = [tag for tag in soup.select(selector) if tag.get_text(strip=True)]
        if found:
            return max(found, key=lambda tag: len(tag.get_text(strip=True)))
    return soup.body or soup


def markdown_blocks(markdown: str) -> list[str]:
    """Blank-line separated blocks, keeping fenced code (blank lines and all) whole."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and not line.strip():
            if current:
                blocks.append("\n".join(current).strip("\n"))
            current = []
            continue
        current.append(line)
        if opened and (fence is None or opened.group(1) == fence):
            fence = opened.group(1) if fence is None else None
    if current:
        blocks.append("\n".join(current).strip("\n"))
    return [block.rstrip() for block in blocks]


def _related_boxes(root: Tag) -> None:
    """A "Related" box inside the article: a short, link-heavy block under such a heading."""
    for heading in root.find_all(["h2", "h3", "h4", "h5", "h6", "strong", "p"]):
        if heading.decomposed or not RELATED_HEADING.fullmatch(heading.get_text(" ", strip=True)):
            continue
        box = heading.parent
        while box is not None and box is not root and box.name not in ("div", "section", "aside"):
            box = box.parent
        if box is None or box is root or box.decomposed:
            continue
        text = len(box.get_text(" ", strip=True))
        links = sum(len(a.get_text(" ", strip=True)) for a in box.find_all("a"))
        if text < 600 and links * 2 >= text - len(heading.get_text(" ", strip=True)):
            box.decompose()


def _unwrap_layout_tables(root: Tag) -> None:
    """A table used for layout (cells holding paragraphs, headings, lists) becomes plain blocks.

    Converted as a Markdown table its text would sit in cells that render empty.
    """
    for table in root.find_all("table")[::-1]:
        layout = table.get("role") == "presentation" or table.find(LAYOUT_BLOCKS) is not None
        if layout:
            for part in [table, *table.find_all(["thead", "tbody", "tfoot", "tr", "td", "th", "caption"])]:
                part.name = "div"
                part.attrs = {}


def _agrees(ours: Tag, proposal: str, ratio: float) -> bool:
    """Our pick holds readability's text and not ``ratio`` times more: keep ours (it keeps lists, tables)."""
    theirs = Counter(WORD.findall(proposal.lower()))
    mine = Counter(WORD.findall(ours.get_text(" ").lower()))
    total = sum(theirs.values())
    if total < MIN_PROPOSAL_WORDS:
        return True
    recall = sum((mine & theirs).values()) / total
    return recall >= 0.9 and sum(mine.values()) <= ratio * total


def _readability(html: str) -> str | None:
    """readability-lxml's proposal for the article, as HTML; None when it has none."""
    from readability import Document  # lxml: imported when a page is, not when the CLI starts
    from readability.readability import Unparseable

    try:
        return Document(html).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError):
        return None


def _content(html: str, soup: BeautifulSoup) -> Tag:
    """Our pick, checked by readability-lxml's: its pick wins when ours misses or overshoots."""
    _clean(soup)
    ours = _main(soup)
    proposal = _readability(html)
    if proposal is None:
        return ours
    theirs = BeautifulSoup(proposal, "html.parser")
    semantic = ours is not soup.body and ours is not soup
    if _agrees(ours, theirs.get_text(" "), AGREE_RATIO if semantic else AGREE_RATIO_BODY):
        return ours
    _clean(theirs, spare=len(theirs.get_text(strip=True)) // 2)
    return theirs


#: (tag name "a" or "img", its address) -> the address to write; for an image, None: not at hand.
Relink = Callable[[str, str], str | None]


def _relink(main: Tag, relink: Relink) -> None:
    """Links and images through ``relink``; an image it has no copy of becomes a link to it."""
    for tag in main.find_all(("a", "img")):
        attribute = "href" if tag.name == "a" else "src"
        url = str(tag.get(attribute) or "").strip()
        if not url:
            continue
        new = relink(tag.name, url)
        if new is not None:
            tag[attribute] = new
        elif tag.name == "img":
            link = BeautifulSoup("", "html.parser").new_tag("a", href=url)
            link.string = str(tag.get("alt") or "").strip() or "image"
            tag.replace_with(link)


def from_html(html: str, relink: Relink | None = None) -> ImportedArticle:
    """The main content of an HTML page as Markdown, with the metadata it states.

    ``relink`` (a saved site's import) rewrites the article's links and images.
    """
    html = XML_PROLOG.sub("", html, count=1)  # XHTML: parsed as the HTML it is
    soup = BeautifulSoup(html, "html.parser")
    meta = read_meta(soup)
    main = _content(html, soup)
    if relink is not None:
        _relink(main, relink)
    if meta.title:
        for heading in main.find_all(["h1", "h2", "h3"], limit=3):
            if " ".join(heading.get_text(" ", strip=True).split()) == meta.title:
                heading.decompose()
                break
    for header in main.find_all("header"):
        header.decompose()
    _related_boxes(main)
    _unwrap_layout_tables(main)
    markdown = Converter(
        heading_style="ATX", bullets="-", escape_asterisks=False, escape_underscores=False
    ).convert_soup(main)
    blocks = strip_chrome(markdown_blocks(markdown))
    for index in [*range(min(3, len(blocks))), *range(max(3, len(blocks) - 2), len(blocks))][::-1]:
        byline = BYLINE.fullmatch(plain(blocks[index]))
        if byline:
            del blocks[index]
            meta.authors = meta.authors or [byline.group(1)]
    body = "\n\n".join(blocks)
    return ImportedArticle(body=body, title=meta.title, authors=meta.authors, date=meta.date, tags=meta.tags,
                           categories=meta.categories, summary=meta.summary, source_url=meta.source_url)
