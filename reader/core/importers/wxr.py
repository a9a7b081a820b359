"""Reading WordPress eXtended RSS (WXR) exports as a stream of items.

A WXR file is RSS 2.0 with WordPress's own namespaces.  Versions 1.0–1.2 all
occur in the wild, and real exports use both ``http://`` and ``https://``
namespace URIs, so elements are matched by *kind* of namespace, never by one
exact URI.  The file is read with ``iterparse`` and every ``<item>`` is
cleared once read: memory stays flat for a 100 MB export.  Malformed XML
raises a :class:`SourceError` with the line and column.
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO

from reader.core.errors import SourceError
from reader.core.i18n import _

log = logging.getLogger("reader.import")

_WP_NS = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
_OTHER_NS = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
_SNIFF_BYTES = 64 * 1024
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

#: Called with (bytes read, file size) as the file is read.
ByteProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class WxrItem:
    """One ``<item>`` of the export: plain strings, cheap to send to a worker process."""

    post_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    pub_date: str = ""
    password: str = ""
    parent: int = 0
    menu_order: int = 0
    attachment_url: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    coauthors: tuple[str, ...] = ()


@dataclass
class WxrChannel:
    """What the export says about the site itself."""

    version: str = ""
    title: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    link: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name

    @property
    def site_url(self) -> str:
        return (self.base_blog_url or self.base_site_url or self.link).rstrip("/")


def looks_like_wxr(path: Path) -> bool:
    """Cheap sniff of the start of the file: an RSS document with a WordPress export namespace."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return b"<rss" in head and re.search(rb"wordpress\.org/export/\d+\.\d+/", head) is not None


def _local(tag: str, cache: dict[str, str]) -> str:
    """``{uri}name`` → ``wp:name`` / ``content:name`` / ``name``, whichever WXR version wrote it."""
    name = cache.get(tag)
    if name is None:
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
            if _WP_NS.match(uri):
                name = f"wp:{local}"
            elif _EXCERPT_NS.match(uri):
                name = f"excerpt:{local}"
            else:
                prefix = _OTHER_NS.get(uri)
                name = f"{prefix}:{local}" if prefix else tag
        else:
            name = tag
        cache[tag] = name
    return name


def plain_text(markup: str) -> str:
    """Titles and excerpts: tags dropped, entities decoded (also double-encoded ones), one line."""
    text = _TAG.sub("", markup)
    for _round in range(2):  # WordPress stores some titles entity-encoded inside the XML's own escaping
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = _TAG.sub("", decoded)
    return _SPACE.sub(" ", text).strip()


def _int(text: str) -> int:
    try:
        return int(text.strip() or 0)
    except ValueError:
        return 0


def _item(element: ET.Element, names: dict[str, str]) -> WxrItem:
    fields: dict[str, str] = {}
    categories: list[str] = []
    tags: list[str] = []
    coauthors: list[str] = []
    for child in element:
        name = _local(child.tag, names)
        if name == "category":
            value = plain_text(child.text or "")
            domain = child.get("domain", "category")
            target = {"category": categories, "post_tag": tags, "tag": tags, "author": coauthors}.get(domain)
            if target is not None and value and value not in target:
                target.append(value)
        elif name not in fields:
            fields[name] = child.text or ""
    return WxrItem(
        post_id=_int(fields.get("wp:post_id", "")),
        post_type=fields.get("wp:post_type", "post").strip() or "post",
        status=fields.get("wp:status", "").strip(),
        title=fields.get("title", ""),
        link=fields.get("link", "").strip(),
        guid=fields.get("guid", "").strip(),
        creator=fields.get("dc:creator", "").strip(),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        post_name=fields.get("wp:post_name", "").strip(),
        post_date=fields.get("wp:post_date", "").strip(),
        post_date_gmt=fields.get("wp:post_date_gmt", "").strip(),
        pub_date=fields.get("pubDate", "").strip(),
        password=fields.get("wp:post_password", ""),
        parent=_int(fields.get("wp:post_parent", "")),
        menu_order=_int(fields.get("wp:menu_order", "")),
        attachment_url=fields.get("wp:attachment_url", "").strip(),
        categories=tuple(categories),
        tags=tuple(tags),
        coauthors=tuple(coauthors),
    )


def _channel_field(channel: WxrChannel, name: str, element: ET.Element, names: dict[str, str]) -> None:
    text = (element.text or "").strip()
    if name == "wp:author":
        values = {_local(child.tag, names): (child.text or "").strip() for child in element}
        login = values.get("wp:author_login", "")
        if login:
            channel.authors[login] = plain_text(values.get("wp:author_display_name", "")) or login
    elif name == "wp:wxr_version":
        channel.version = text
    elif name == "wp:base_site_url":
        channel.base_site_url = text
    elif name == "wp:base_blog_url":
        channel.base_blog_url = text
    elif name in ("title", "description", "language", "link"):
        setattr(channel, name, plain_text(text) if name != "link" else text)


class _CountingReader:
    """A binary file wrapper that reports how far it has been read."""

    def __init__(self, raw: IO[bytes], size: int, progress: ByteProgress | None) -> None:
        self.raw, self.size, self.progress, self.position = raw, size, progress, 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.position += len(data)
        if self.progress:
            self.progress(self.position, self.size)
        return data


def _parse_error(path: Path, exc: ET.ParseError) -> SourceError:
    line, column = getattr(exc, "position", (0, 0))
    reason = re.sub(r":\s*line \d+, column \d+$", "", str(exc))
    return SourceError(_("{path}: not well-formed XML at line {line}, column {value}: {reason}")
                       .format(path=path, line=line, value=column + 1, reason=reason))


def read_wxr(path: Path, channel: WxrChannel, *, progress: ByteProgress | None = None) -> Iterator[WxrItem]:
    """Yield every ``<item>``; ``channel`` is filled in as its elements go by.

    Raises :class:`SourceError` when the file is not a WXR export or not
    well-formed XML (with line and column).
    """
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise SourceError(_("{path}: cannot read: {value}")
                          .format(path=path, value=exc.strerror or exc)) from exc
    names: dict[str, str] = {}
    with raw:
        reader = _CountingReader(raw, path.stat().st_size, progress)
        events = ET.iterparse(reader, events=("start", "end", "start-ns"))
        depth = 0
        wordpress = False
        parents: list[ET.Element] = []
        try:
            for event, payload in events:
                if event == "start-ns":
                    prefix_uri = payload[1] if isinstance(payload, tuple) else ""
                    match = _WP_NS.match(prefix_uri)
                    if match:
                        wordpress = True
                        channel.version = channel.version or match.group(1)
                    continue
                element = payload
                if event == "start":
                    if depth == 0 and element.tag != "rss":
                        raise SourceError(_("{path}: not a WordPress export (the document is <{tag}>)")
                                          .format(path=path, tag=element.tag))
                    depth += 1
                    parents.append(element)
                    continue
                depth -= 1
                parents.pop()
                name = _local(element.tag, names)
                if depth == 2 and parents[-1].tag == "channel":  # a direct child of <channel>
                    if not wordpress:
                        raise SourceError(_("{path}: an RSS feed, not a WordPress export (WXR); export the "
                                            "site from Tools → Export in WordPress").format(path=path))
                    if name == "item":
                        yield _item(element, names)
                    else:
                        _channel_field(channel, name, element, names)
                    parents[-1].remove(element)
        except ET.ParseError as exc:
            raise _parse_error(path, exc) from None
        except (LookupError, ValueError) as exc:  # an unknown or multi-byte declared encoding
            raise SourceError(_("{path}: cannot be read in the text encoding it declares ({exc}); export "
                                "it again from WordPress (UTF-8)").format(path=path, exc=exc)) from None
    if not wordpress:
        raise SourceError(_("{path}: not a WordPress export (no WXR namespace)").format(path=path))
    if channel.version and channel.version not in SUPPORTED_VERSIONS:
        log.warning("%s: WXR version %s is newer than we know (1.0–1.2); reading it anyway", path,
                    channel.version)


def parse_date(item: WxrItem) -> datetime | None:
    """Publication date: ``post_date_gmt`` (UTC) first, then the local ``post_date``, then ``pubDate``."""
    for text, utc in ((item.post_date_gmt, True), (item.post_date, False)):
        if text and not text.startswith("0000"):
            try:
                value = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            return value.replace(tzinfo=UTC) if utc else value
    if item.pub_date:
        try:
            return parsedate_to_datetime(item.pub_date).astimezone(UTC)
        except (TypeError, ValueError, IndexError):
            return None
    return None
