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
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from reader.core.archive.model import ImportedArticle
from reader.core.importers.chrome import strip_chrome
from reader.core.importers.converter import Converter

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
    r"|sidebar|widget|related|cookie)"
    r"(?:s|posts?|list|area|box|bar)?(?:$|[-_\d])",
    re.IGNORECASE,
)

#: Where the post usually is, most specific first.
MAIN_SELECTORS = ("article", "main", "[role=main]", ".entry-content, .post-content")

_SAFE_SCHEMES = ("", "http", "https", "mailto")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body"):
        return False
    names = [*tag.get_attribute_list("class"), tag.get("id") or ""]
    return any(isinstance(name, str) and CHROME_NAMES.match(name) for name in names)


def _clean(soup: BeautifulSoup) -> None:
    """Delete non-content elements and defuse links and images."""
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in [tag for tag in soup.find_all(True) if _is_chrome(tag)]:
        if not tag.decomposed:
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
        found = soup.select(selector)
        if found:
            return max(found, key=lambda tag: len(tag.get_text(strip=True)))
    return soup.body or soup


def _meta(soup: BeautifulSoup, *keys: str) -> list[str]:
    """Contents of ``<meta name=…>``/``<meta property=…>`` for ``keys``, in page order."""
    values = []
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or "").strip().lower()
        content = str(tag.get("content") or "").strip()
        if key in keys and content and content not in values:
            values.append(content)
    return values


def _link(soup: BeautifulSoup, rel: str) -> str | None:
    for tag in soup.find_all("link", href=True):
        if rel in [value.lower() for value in tag.get_attribute_list("rel") if value]:
            return str(tag["href"]).strip() or None
    return None


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


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


def from_html(html: str) -> ImportedArticle:
    """The main content of an HTML page as Markdown, with the metadata it states."""
    soup = BeautifulSoup(html, "html.parser")
    _clean(soup)
    main = _main(soup)

    title = _first(_meta(soup, "og:title"))
    heading = main.find("h1")
    if title is None and heading is not None and heading.get_text(strip=True):
        title = heading.get_text(" ", strip=True)
    if heading is not None and heading.get_text(" ", strip=True) == title:
        heading.decompose()
    if title is None and soup.title is not None:
        title = soup.title.get_text(" ", strip=True) or None

    authors = [name for name in _meta(soup, "author", "article:author") if "://" not in name]
    time = main.find("time", datetime=True)
    date = _first(_meta(soup, "article:published_time"))
    if date is None and time is not None:
        date = str(time["datetime"]).strip() or None
    source_url = _link(soup, "canonical") or _first(_meta(soup, "og:url"))

    for header in main.find_all("header"):
        header.decompose()
    markdown = Converter(
        heading_style="ATX", bullets="-", escape_asterisks=False, escape_underscores=False
    ).convert_soup(main)
    body = "\n\n".join(strip_chrome(markdown_blocks(markdown)))
    return ImportedArticle(body=body, title=title, authors=authors, date=date, source_url=source_url)
