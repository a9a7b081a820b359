"""Files kept beside the Whoosh index: manifest, document rows (``docstore.py``) and vocabulary.

- ``manifest.json`` and ``stamps.bin``: schema version, and the archive
  fingerprint the index was built from (per article: size, a stamp and a
  content digest), so a stale index is detected by a directory scan instead
  of reading every article.  The fingerprint is binary (``MAGIC``, a
  ``<QQQ16s`` header, sizes and stamps as little-endian ``q`` columns, then
  the names and the digests joined by NUL), in the order the scan lists the
  files: an unchanged archive is confirmed without parsing 100,000 entries.
- ``docs.bin`` and ``facets.json`` (``docstore.py``): per Whoosh document
  number, what a hit and the facets need (id, title, date, authors, tags,
  categories).
- ``vocab.json``: surface words and how many articles use them, for prefix
  completion ("hopp" → "hopping" → stem "hop") and "did you mean": two
  lists, the words sorted and their counts.

JSON, not pickle: an index folder can travel inside an archive, and loading
a pickle runs code.  (Whoosh's own files do use pickle: see
docs/decisions.md for which index folders we agree to open.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import zipfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

from reader.core.archive import files
from reader.core.archive.store import article_id_of
from reader.core.fsutil import atomic_write_bytes, atomic_write_text
from reader.core.search.arrays import from_little, little
from reader.core.search.schema import SCHEMA_VERSION
from reader.core.search.vocab import sorted_counts

log = logging.getLogger("reader.search")

MANIFEST = "manifest.json"
STAMPS = "stamps.bin"
STAMPS_MAGIC = b"RRSTAMP1"
#: files, bytes of names, bytes of digests, the token ``manifest.json`` names the file by
_STAMPS_HEAD = struct.Struct("<QQQ16s")
VOCAB = "vocab.json"
ARTICLES_PREFIX = "articles/"


@dataclass(frozen=True)
class DocInfo:
    id: str
    title: str
    date: str | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    categories: tuple[str, ...]

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date and self.date[:4].isdigit() else None


# name -> (size, stamp, digest); stamp is mtime_ns for folders, CRC32 for zips.
FileStamps = dict[str, tuple[int, int, str]]


@dataclass(frozen=True)
class Listing:
    """The article files in the order the folder (or zip) lists them, as flat columns.

    An unchanged archive lists the same names in the same order with the same
    sizes and stamps, which three comparisons done in C confirm: at 100,000
    articles the per-file dictionaries and tuples this replaces cost more than
    the ``stat`` calls themselves.
    """

    names: list[str]
    sizes: array
    stamps: array


def list_articles(location: Path) -> Listing:
    """Name, size and stamp of every article file; nothing is read or hashed."""
    if location.is_dir():
        articles = location / "articles"
        if not articles.is_dir():
            return Listing([], array("q"), array("q"))
        if os.stat in os.supports_dir_fd:
            return _list_relative(articles)
        return _list_entries(articles)
    names: list[str] = []
    sizes, stamps = array("q"), array("q")
    with zipfile.ZipFile(location) as archive:
        infos = archive.infolist()
        top = _zip_root(infos)
        for info in infos:
            name = info.filename.removeprefix(top)
            if name.startswith(ARTICLES_PREFIX) and name.endswith(".md") and "/" not in name[9:]:
                names.append(name[len(ARTICLES_PREFIX):])
                sizes.append(info.file_size)
                stamps.append(info.CRC)
    return Listing(names, sizes, stamps)


def _list_relative(articles: Path) -> Listing:
    """POSIX: each file is stat'ed by its name relative to the open folder.

    ``DirEntry.stat()`` passes the whole path, which the kernel walks again for
    every file: at 100,000 articles 0.47 s against 0.27 s by name (measured
    back to back).  Two threads gained nothing measurable on a shared 2-core
    VM (the time is in the kernel).  Like ``is_file()``, links are followed
    and broken ones skipped; the order stays the folder's.
    """
    names: list[str] = []
    sizes, stamps = array("q"), array("q")
    add_name, add_size, add_stamp = names.append, sizes.append, stamps.append
    regular, stat_at = S_ISREG, os.stat
    fd = os.open(articles, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for name in os.listdir(fd):
            if not name.endswith(".md"):
                continue
            try:
                info = stat_at(name, dir_fd=fd)
            except OSError:
                continue
            if regular(info.st_mode):
                add_name(name)
                add_size(info.st_size)
                add_stamp(info.st_mtime_ns)
    finally:
        os.close(fd)
    return Listing(names, sizes, stamps)


def _list_entries(articles: Path) -> Listing:
    """Windows: the folder listing carries each file's size and time, no call per file."""
    names: list[str] = []
    sizes, stamps = array("q"), array("q")
    with os.scandir(articles) as entries:
        for entry in entries:
            if entry.name.endswith(".md") and entry.is_file():
                info = entry.stat()
                names.append(entry.name)
                sizes.append(info.st_size)
                stamps.append(info.st_mtime_ns)
    return Listing(names, sizes, stamps)


def scan_articles(location: Path, previous: FileStamps | None = None,
                  listing: Listing | None = None) -> FileStamps:
    """Stamp every article file; only files whose size or stamp changed are hashed."""
    previous = previous or {}
    listing = listing or list_articles(location)
    stamps: FileStamps = {}
    folder = location.is_dir()
    root, articles = (location.resolve(), location / "articles") if folder else (location, location)
    for name, size, stamp in zip(listing.names, listing.sizes, listing.stamps, strict=True):
        old = previous.get(name)
        if old and old[0] == size and old[1] == stamp:
            stamps[name] = old
        elif folder:
            stamps[name] = (size, stamp, _digest(root, articles / name, size, stamp))
        else:
            stamps[name] = (size, stamp, f"{stamp:08x}")
    return stamps


def _digest(root: Path, path: Path, size: int, stamp: int) -> str:
    """An article's content digest; a file the archive refuses (a link outside it, too big) is not read."""
    try:
        data = files.read_folder_file(root, path, files.MAX_ARTICLE_BYTES)
    except (OSError, files.Unreadable):
        return f"unread-{size}-{stamp}"
    return content_digest(data)


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def known_stamps(listing: Listing, digests: dict[str, str]) -> FileStamps:
    """Stamps of the listed files whose digest is already known by article id (indexing hashed the
    bytes it read): ``scan_articles`` then reads only the others."""
    stamps: FileStamps = {}
    for name, size, stamp in zip(listing.names, listing.sizes, listing.stamps, strict=True):
        digest = digests.get(article_id_of(name))
        if digest is not None:
            stamps[name] = (size, stamp, digest)
    return stamps


def _zip_root(infos: list[zipfile.ZipInfo]) -> str:
    if any(info.filename == "archive.toml" for info in infos):
        return ""
    tops = {info.filename.split("/", 1)[0] for info in infos}
    return f"{next(iter(tops))}/" if len(tops) == 1 else ""


def same_content(a: FileStamps, b: FileStamps) -> bool:
    """Equal names and digests: what decides freshness (stamps may differ after a copy)."""
    return a.keys() == b.keys() and all(a[name][2] == b[name][2] for name in a)


def changed_ids(old: FileStamps, new: FileStamps) -> tuple[set[str], set[str]]:
    """(ids to (re)index, ids to delete) between two scans."""
    upsert = {article_id_of(n) for n in new if n not in old or old[n][2] != new[n][2]}
    delete = {article_id_of(n) for n in old if n not in new}
    return upsert, delete


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The manifest with its ``stamps`` (:class:`Recorded`); None if missing or damaged.

    A manifest of another schema version is returned without stamps, so that
    the caller can say the index was made by another version.
    """
    try:
        data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    if data.get("schema_version") != SCHEMA_VERSION:
        return data
    try:
        data["stamps"] = Recorded.read(index_dir / STAMPS, data.get("stamps_token"))
    except (OSError, ValueError, struct.error) as exc:
        log.info("the article stamps in %s cannot be read (%s)", index_dir, exc)
        return None
    return data


class Recorded:
    """``stamps.bin`` as read: names and digests stay bytes until an archive turns out changed."""

    def __init__(self, names: bytes, sizes: array, stamps: array, digests: bytes, count: int) -> None:
        self._names, self._digests, self.count = names, digests, count
        self.sizes, self.stamps = sizes, stamps

    @classmethod
    def read(cls, path: Path, token: object) -> Recorded:
        data = path.read_bytes()
        if data[:len(STAMPS_MAGIC)] != STAMPS_MAGIC:
            raise ValueError("not a stamps file")
        count, names_size, digests_size, written = _STAMPS_HEAD.unpack_from(data, len(STAMPS_MAGIC))
        if written.hex() != token:
            raise ValueError("the stamps file is not the manifest's")
        head = len(STAMPS_MAGIC) + _STAMPS_HEAD.size
        names_at = head + 16 * count
        if names_at + names_size + digests_size != len(data):
            raise ValueError("the stamps file does not add up")
        names, digests = data[names_at:names_at + names_size], data[names_at + names_size:]
        separators = max(count - 1, 0)
        if names.count(b"\0") != separators or digests.count(b"\0") != separators or (count and not names):
            raise ValueError("the stamps file does not add up")
        names.decode("utf-8", "surrogatepass")  # raises on damage here rather than at an update
        sizes = from_little("q", data[head:head + 8 * count])
        return cls(names, sizes, from_little("q", data[head + 8 * count:names_at]), digests, count)

    def matches(self, listing: Listing) -> bool:
        """Exactly what the archive lists now: names, order, sizes and stamps."""
        return (self.sizes == listing.sizes and self.stamps == listing.stamps
                and self._names == _joined(listing.names))

    def file_stamps(self) -> FileStamps:
        """As a dictionary (the counts were checked when read)."""
        if not self.count:
            return {}
        names = self._names.decode("utf-8", "surrogatepass").split("\0")
        digests = self._digests.decode("utf-8", "replace").split("\0")
        return dict(zip(names, zip(self.sizes, self.stamps, digests, strict=True), strict=True))


def _joined(names: list[str]) -> bytes:
    """Names as stored; a name the file system could not decode keeps its lone surrogates."""
    return "\0".join(names).encode("utf-8", "surrogatepass")


def write_manifest(index_dir: Path, schema_version: int, stamps: FileStamps, generation: int) -> None:
    """``stamps.bin`` (in ``stamps``' order: a scan's), then ``manifest.json`` naming it by a token."""
    values = stamps.values()
    token = os.urandom(16)
    names = _joined(list(stamps))
    digests = "\0".join(value[2] for value in values).encode("utf-8", "replace")
    sizes, times = array("q", (v[0] for v in values)), array("q", (v[1] for v in values))
    atomic_write_bytes(index_dir / STAMPS, b"".join((
        STAMPS_MAGIC, _STAMPS_HEAD.pack(len(stamps), len(names), len(digests), token),
        little(sizes), little(times), names, digests)))
    data = {"schema_version": schema_version, "generation": generation, "files": len(stamps),
            "stamps_token": token.hex()}
    atomic_write_text(index_dir / MANIFEST, json.dumps(data, separators=(",", ":")))


def unchanged(manifest: dict[str, Any], listing: Listing) -> bool:
    """The archive lists exactly what the manifest recorded (names, order, sizes, stamps)."""
    recorded = manifest.get("stamps")
    return isinstance(recorded, Recorded) and recorded.matches(listing)


def manifest_stamps(manifest: dict[str, Any]) -> FileStamps:
    """Every article's (size, stamp, digest) as recorded; empty for another version's manifest."""
    recorded = manifest.get("stamps")
    return recorded.file_stamps() if isinstance(recorded, Recorded) else {}


def write_vocab(path: Path, counts: dict[str, int]) -> None:
    atomic_write_text(path, json.dumps(sorted_counts(counts), ensure_ascii=False, separators=(",", ":")))


def read_vocab(path: Path) -> tuple[list[str], list[int]]:
    """Sorted words and their counts; raises ``ValueError`` (or ``OSError``) on a damaged file."""
    data = read_json(path)
    if not (isinstance(data, list) and len(data) == 2 and all(isinstance(part, list) for part in data)):
        raise ValueError("not a vocabulary file")
    return data[0], data[1]


def write_json(path: Path, value: object) -> None:
    atomic_write_text(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
