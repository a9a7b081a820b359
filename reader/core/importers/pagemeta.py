"""What a web page states about itself: title, authors, date, tags, summary, address.

Read before any cleaning, from the places the well-kept extractors look
(Open Graph and ``article:`` meta, JSON-LD, ``rel=author``/``rel=tag`` links,
bylines, ``<time datetime>``).  Only what the page states is taken: a missing
author or date stays missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

#: Between a page's title and its site's name in ``<title>``: "Post | Site", "Post – Site".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»-]|::)\s+")
_BY = re.compile(r"^(?:(?:posted|written|words|text)\s+)?by\s*:?\s+", re.IGNORECASE)
#: Elements whose text is a byline (WordPress, Blogger, Drupal, hAtom, schema.org microdata).
BYLINE_SELECTORS = (
    "[itemprop=author] [itemprop=name]", "[itemprop=author]", ".byline .author", ".post-author .fn",
    ".author.vcard .fn", ".vcard .fn", ".byline", ".author-name", ".post-author", ".entry-author",
)  # fmt: skip
_NAME = re.compile(r"^[^\W\d_][\w.'’ -]{1,60}$")
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "scholarlyarticle",
                  "techarticle", "opinionnewsarticle", "analysisnewsarticle", "posting", "webpage"}


@dataclass
class PageMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    summary: str | None = None
    source_url: str | None = None
    #: JSON-LD ``@type``s and ``og:type`` of the page, lowercased (a saved site sorts pages by them).
    types: set[str] = field(default_factory=set)


def meta_values(soup: BeautifulSoup, *keys: str) -> list[str]:
    """Contents of ``<meta name=…>``/``<meta property=…>``/``<meta itemprop=…>`` for ``keys``, in order."""
    values: list[str] = []
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = " ".join(str(tag.get("content") or "").split())
        if key in keys and content and content not in values:
            values.append(content)
    return values


def link_href(soup: BeautifulSoup, rel: str) -> str | None:
    for tag in soup.find_all("link", href=True):
        if rel in [value.lower() for value in tag.get_attribute_list("rel") if value]:
            return str(tag["href"]).strip() or None
    return None


def json_ld(soup: BeautifulSoup) -> list[dict[str, object]]:
    """Every JSON-LD object of the page, ``@graph`` members included; broken blocks are ignored."""
    found: list[dict[str, object]] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack.extend(graph if isinstance(graph, list) else [])
    return found


def _types(item: dict[str, object]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(value).lower() for value in kinds if isinstance(value, str)}


def _names(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from _names(value.get("name"))
    elif isinstance(value, list):
        for item in value:
            yield from _names(item)


def clean_name(text: str) -> str | None:
    """A name from a byline, or None when the text is not one ("By Ann Lee, Reporter" -> "Ann Lee")."""
    name = _BY.sub("", " ".join(text.split())).split(",")[0].split(" | ")[0].strip(" .·•|-")
    if "://" in name or "@" in name or not _NAME.match(name) or len(name.split()) > 5:
        return None
    return name


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _title(soup: BeautifulSoup, articles: list[dict[str, object]], site: str | None) -> str | None:
    for value in meta_values(soup, "og:title", "twitter:title"):
        return value
    for item in articles:
        if isinstance(item.get("headline"), str) and item["headline"].strip():
            return " ".join(str(item["headline"]).split())
    headings = [" ".join(h.get_text(" ", strip=True).split()) for h in soup.find_all("h1")]
    headings = [h for h in headings if h and h != site]
    full = " ".join(soup.title.get_text(" ", strip=True).split()) if soup.title is not None else ""
    parts = [part for part in _TITLE_SEPARATOR.split(full) if part] if full else []
    if len(parts) > 1:  # "Post | Site": the site is the last part (or the one og:site_name names)
        kept = [part for part in parts if part != site]
        title = " – ".join(kept if len(kept) < len(parts) else parts[:-1])
        # One <h1> that is the post's title as <title> gives it; an <h1> that is the site's name is not.
        return next((h for h in headings if h == title or h.startswith(title)), title)
    if len(headings) == 1 or not full:
        return headings[0] if headings else None
    return full


def read_meta(soup: BeautifulSoup) -> PageMeta:
    """The page's own statements about itself (the soup is not changed)."""
    items = json_ld(soup)
    articles = [item for item in items if _types(item) & _ARTICLE_TYPES]
    site = next(iter(meta_values(soup, "og:site_name")), None)
    meta = PageMeta(title=_title(soup, articles, site))
    meta.types = {kind for item in items for kind in _types(item)}
    meta.types |= {value.lower() for value in meta_values(soup, "og:type")}

    for value in meta_values(soup, "author", "article:author", "dc.creator", "parsely-author"):
        _add(meta.authors, clean_name(value))
    for item in articles:
        for value in _names(item.get("author")):
            _add(meta.authors, clean_name(value))
    if not meta.authors:
        for link in soup.find_all("a", rel=True):
            if "author" in link.get_attribute_list("rel"):
                _add(meta.authors, clean_name(link.get_text(" ", strip=True)))
    if not meta.authors:
        for selector in BYLINE_SELECTORS:
            for tag in soup.select(selector):
                _add(meta.authors, clean_name(tag.get_text(" ", strip=True)))
            if meta.authors:
                break

    dates = meta_values(soup, "article:published_time", "datepublished", "dcterms.date", "dc.date.issued",
                        "dc.date", "date", "publish-date", "sailthru.date")
    dates += [str(item["datePublished"]) for item in articles if isinstance(item.get("datePublished"), str)]
    time = soup.find("time", datetime=True)
    if time is not None:
        dates.append(str(time["datetime"]).strip())
    meta.date = next((value for value in dates if value), None)

    for value in meta_values(soup, "article:tag"):
        _add(meta.tags, value)
    for link in soup.find_all("a", rel=True):
        rels = link.get_attribute_list("rel")
        text = link.get_text(" ", strip=True)
        if "tag" in rels and "category" in rels:
            _add(meta.categories, text)
        elif "tag" in rels:
            _add(meta.tags, text)
    meta.summary = next(iter(meta_values(soup, "og:description", "description", "twitter:description")), None)
    meta.source_url = link_href(soup, "canonical") or next(iter(meta_values(soup, "og:url")), None)
    return meta
