"""A whole saved site (``wget --mirror``, HTTrack, "Save page as"): which files are articles.

A mirror holds far more pages than posts: the home page and its ``/page/N/``
copies, category, tag, author and date archives, search results, feeds,
attachment pages, ``?replytocom=`` and ``index.html?p=`` copies of one post.
Each file is sorted by what it says of itself (canonical link, ``og:type``,
WordPress body classes, JSON-LD ``@type``) and by the shape of its address;
what is kept is one article per canonical URL.  Nothing here writes.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from reader.core.archive.model import ImportedArticle
from reader.core.importers import slugify
from reader.core.importers.html import XML_PROLOG, Relink, from_html
from reader.core.importers.pagemeta import PageMeta, read_meta

#: WordPress body classes of pages that list posts (and of attachment pages), with the reason.
LISTING_CLASSES = {
    "home": "home page", "blog": "home page", "paged": "listing page",
    "category": "category page", "tag": "tag page", "author": "author page", "date": "date archive",
    "search": "search results", "search-results": "search results", "error404": "missing page",
    "attachment": "attachment page", "archive": "archive page",  # last: the others are more exact
}  # fmt: skip
ARTICLE_CLASSES = {"single", "single-post", "page-template-default", "page"}
#: Address shapes of listing pages, with the reason.
LISTING_PATHS = (
    (re.compile(r"(^|/)page/\d+(/|$)"), "listing page"),
    (re.compile(r"(^|/)(category|categories)/"), "category page"),
    (re.compile(r"(^|/)tag/"), "tag page"),
    (re.compile(r"(^|/)author/"), "author page"),
    (re.compile(r"(^|/)(search/|\?s=)"), "search results"),
    (re.compile(r"(^|/)(feed|rss|atom)(/|$)|\.(rss|atom|xml)$"), "feed"),
    (re.compile(r"(^|/)attachment/"), "attachment page"),
    (re.compile(r"(^|/)\d{4}/(\d{2}/(\d{2}/)?)?(index\.html?)?$"), "date archive"),
    (re.compile(r"(^|/)(wp-json|wp-admin|wp-login\.php|xmlrpc\.php|comments/)"), "not a page"),
)
LISTING_TYPES = {"website", "collectionpage", "searchresultspage", "profilepage", "itemlist"}
ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "techarticle",
                 "scholarlyarticle", "opinionnewsarticle", "posting"}
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
FEED = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL)


@dataclass
class SitePage:
    """One file of the mirror, read and sorted."""

    path: Path
    relative: str  # POSIX path inside the mirror folder
    text: str
    meta: PageMeta
    canonical: str  # the address that names the article (its canonical link, else its place)
    skip: str | None = None  # why it is not an article


def page_files(folder: Path) -> list[Path]:
    """Every saved page of the mirror, including wget's ``index.html?p=1`` copies; sorted."""
    found = []
    for path in folder.rglob("*"):
        name = path.name.lower()
        base = name.split("?", 1)[0]
        if path.is_file() and not name.startswith(".") and (base.endswith(PAGE_SUFFIXES) or "?" in name):
            found.append(path)
    return sorted(found, key=lambda p: ("?" in p.name, p.as_posix()))


def normal_url(url: str) -> str:
    """An address without scheme, ``www.``, fragment, ``index.html`` or trailing slash, to compare."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"/index\.html?$", "/", unquote(parts.path)).rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def local_address(relative: str) -> str:
    """The address a mirrored file stands for: ``example.org/a/index.html`` -> ``example.org/a``."""
    return normal_url("//" + relative) if "/" in relative else normal_url("/" + relative)


def _skip_reason(page: SitePage, soup: BeautifulSoup) -> str | None:
    if "?" in page.path.name:
        query = page.path.name.split("?", 1)[1]
        return "comment reply copy" if "replytocom" in query else "query copy"
    classes = {name for name in soup.body.get_attribute_list("class") if name} if soup.body else set()
    for name, reason in LISTING_CLASSES.items():
        if name in classes:
            return reason
    if classes & ARTICLE_CLASSES or page.meta.types & ARTICLE_TYPES:
        return None
    address = urlsplit(page.canonical).path if "://" in page.canonical else page.relative
    for pattern, reason in LISTING_PATHS:
        if pattern.search(address.lower()) or pattern.search(page.relative.lower()):
            return reason
    if page.meta.types & LISTING_TYPES or len(soup.find_all("article")) > 2:
        return "listing page"
    if soup.body is None or not soup.body.get_text(strip=True):
        return "empty page"
    return None


def read_page(folder: Path, path: Path, text: str) -> SitePage:
    """Sort one saved page: an article, or why not."""
    relative = path.relative_to(folder).as_posix()
    if FEED.match(text):
        return SitePage(path, relative, text, PageMeta(), local_address(relative), skip="feed")
    soup = BeautifulSoup(XML_PROLOG.sub("", text, count=1), "html.parser")
    meta = read_meta(soup)
    canonical = meta.source_url or ""
    page = SitePage(path, relative, text, meta, canonical or local_address(relative.split("?", 1)[0]))
    page.skip = _skip_reason(page, soup)
    return page


def resolve(page: SitePage, href: str, folder: Path) -> tuple[str, Path | None]:
    """(normalised address, the mirrored file it names if there is one) for a link of ``page``."""
    parts = urlsplit(href.strip())
    if parts.scheme in ("http", "https") or parts.netloc:
        address = normal_url(href)
        host_path = address.split("?", 1)[0]
        candidates = [host_path, host_path + "/index.html", host_path.split("/", 1)[-1]]
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative), unquote(parts.path)))
        if joined.startswith("..") or not parts.path:
            return "", None
        address = local_address(joined)
        candidates = [joined, joined + "/index.html"]
    for candidate in candidates:
        target = folder / PurePosixPath(candidate)
        try:
            if target.is_file() and target.resolve().is_relative_to(folder.resolve()):
                return address, target
        except (OSError, ValueError):
            continue
    return address, None


#: Image files an article may show from the mirror.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")
SITE_ASSETS = "site"  # assets/site/<path in the mirror>
_UNSAFE_PART = re.compile(r"[^\w.-]+")


@dataclass
class SitePlan:
    """What a saved site will add: articles (with their ids), images to copy, and what was left out."""

    articles: list[tuple[SitePage, ImportedArticle]] = field(default_factory=list)
    assets: dict[str, Path] = field(default_factory=dict)  # "site/a/b.png" (under assets/) -> mirrored file
    skipped: Counter[str] = field(default_factory=Counter)


def _slug_for(page: SitePage) -> str:
    path = urlsplit(page.canonical).path if "://" in page.canonical else page.canonical.split("/", 1)[-1]
    segments = [s for s in re.sub(r"(index)?\.s?html?$", "", path).split("/") if s]
    return slugify(segments[-1]) if segments else ""


def _asset_name(folder: Path, target: Path) -> str:
    parts = target.resolve().relative_to(folder.resolve()).parts
    return "/".join([SITE_ASSETS, *(_UNSAFE_PART.sub("-", part) for part in parts)])


def plan_site(folder: Path, pages: list[SitePage],
              progress: Callable[[str, int, int], None] | None = None) -> SitePlan:
    """One article per canonical address, links between them made archive links, images found."""
    plan = SitePlan()
    kept: dict[str, SitePage] = {}
    for page in pages:
        key = normal_url(page.canonical)
        if page.skip:
            plan.skipped[page.skip] += 1
        elif key in kept:
            plan.skipped["duplicate copy"] += 1
        else:
            kept[key] = page
    ids: dict[str, str] = {}  # normalised address (canonical or the file's place) -> article id
    taken: set[str] = set()
    for key, page in kept.items():
        slug = _slug_for(page) or slugify(page.meta.title or page.path.stem)
        article_id, number = slug, 1
        while article_id in taken:
            number += 1
            article_id = f"{slug}-{number}"
        taken.add(article_id)
        ids[key] = ids[local_address(page.relative)] = article_id
    for done, (key, page) in enumerate(kept.items(), start=1):
        article = from_html(page.text, _relinker(folder, page, ids, plan))
        article.slug = ids[key]
        plan.articles.append((page, article))
        if progress:
            progress("Converting", done, len(kept))
    return plan


def _relinker(folder: Path, page: SitePage, ids: dict[str, str], plan: SitePlan) -> Relink:
    def relink(kind: str, url: str) -> str | None:
        fragment = urlsplit(url).fragment
        if url.startswith("#") or urlsplit(url).scheme not in ("", "http", "https"):
            return url
        address, target = resolve(page, url, folder)
        if kind == "img":
            if target is None or not target.name.lower().endswith(IMAGE_SUFFIXES):
                return None
            name = _asset_name(folder, target)
            plan.assets[name] = target
            return f"assets/{name}"
        article_id = ids.get(address) or ids.get(address.split("?", 1)[0])
        if article_id:
            return f"{article_id}.md" + (f"#{fragment}" if fragment else "")
        if not urlsplit(url).scheme and "." in address.split("/", 1)[0]:
            return f"https://{address}"  # a page of the site not kept: its address on the web
        return url

    return relink
