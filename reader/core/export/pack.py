"""Study packs: an ordered reading list plus its notes, in one ``.rrpack`` file to share.

A pack is a zip holding ``pack.json`` (title, description, archive id and
the ordered article ids) and ``annotations.json`` (our W3C export).  A pack
comes from elsewhere, so it is read in memory and never extracted: size,
member count, member names, declared and actual sizes and the compression
ratio are checked first, and any problem refuses the whole file with one
line (:class:`NotesFileError`) before anything is written.

Imported reading lists live in ``reading-lists.json`` in the data dir,
written atomically; a plain file is the simplest thing the window can read.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reader.core.annotations import Annotation
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export import export
from reader.core.export.context import ExportContext
from reader.core.export.importer import NotesFileError, Record, load_json, parse
from reader.core.fsutil import atomic_write_bytes, atomic_write_text
from reader.core.i18n import _

FORMAT = "reading-room-pack"
VERSION = 1
SUFFIX = ".rrpack"
PACK_MEMBER = "pack.json"
NOTES_MEMBER = "annotations.json"
MAX_PACK_BYTES = 20 * 1024 * 1024  # the file, and any one member uncompressed
MAX_MEMBERS = 16
MAX_RATIO = 100  # uncompressed : compressed, checked on members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ARTICLES = 100_000
LISTS_FILE = "reading-lists.json"


@dataclass(frozen=True)
class ReadingList:
    """An ordered list of articles of one archive, as a pack carried it."""

    title: str
    description: str
    archive: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    reading_list: ReadingList
    records: list[Record]

    def unknown(self, known: set[str]) -> list[str]:
        """The pack's article ids that ``known`` lacks, in list order (shown, not fatal)."""
        return [a for a in self.reading_list.articles if a not in known]


def is_pack(path: Path, data: bytes) -> bool:
    """A pack is told by its suffix or the zip magic, so a renamed pack still imports."""
    return path.suffix.lower() == SUFFIX or data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def write_pack(path: Path, title: str, description: str, article_ids: Sequence[str],
               annotations: Sequence[Annotation], archive: Archive | ExportContext) -> None:
    """Write the pack atomically: a crash leaves the old file or the new one."""
    context = archive if isinstance(archive, ExportContext) else ExportContext.of(archive)
    meta = {"format": FORMAT, "version": VERSION, "title": title, "description": description,
            "archive": context.archive_id, "articles": list(article_ids)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(PACK_MEMBER, json.dumps(meta, ensure_ascii=False, indent=2))
        if annotations:
            zf.writestr(NOTES_MEMBER, export("json", annotations, context))
    atomic_write_bytes(path, buffer.getvalue())


def read_pack(data: bytes) -> Pack:
    """Check and read a pack held in memory; :class:`NotesFileError` on any problem."""
    if len(data) > MAX_PACK_BYTES:
        raise NotesFileError(_("the pack is larger than {value} MB")
                             .format(value=MAX_PACK_BYTES // (1024 * 1024)))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = _checked_members(zf)
            meta = _member(zf, members, PACK_MEMBER)
            notes = _member(zf, members, NOTES_MEMBER) if NOTES_MEMBER in members else None
    except NotesFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError, OSError) as exc:
        raise NotesFileError(_("the pack is not a readable zip file ({exc})").format(exc=exc)) from None
    reading_list = _reading_list(meta)
    records: list[Record] = []
    if notes is not None:
        try:
            records = parse(notes)
        except NotesFileError as exc:
            raise NotesFileError(_("{NOTES_MEMBER} in the pack: {exc}")
                                 .format(NOTES_MEMBER=NOTES_MEMBER, exc=exc)) from None
    return Pack(reading_list, records)


def _checked_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise NotesFileError(_("the pack has {count} members (at most {MAX_MEMBERS})")
                             .format(count=len(infos), MAX_MEMBERS=MAX_MEMBERS))
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if "\\" in name or name.startswith("/") or ":" in name or ".." in name.split("/"):
            raise NotesFileError(_("the pack has an unsafe member name {name!r:.80}").format(name=name))
        if name in members:
            raise NotesFileError(_("the pack has two members named {name!r:.80}").format(name=name))
        _check_size(name, info.file_size, info.compress_size)
        members[name] = info
    if PACK_MEMBER not in members:
        raise NotesFileError(_("the pack has no {PACK_MEMBER}").format(PACK_MEMBER=PACK_MEMBER))
    return members


def _check_size(name: str, size: int, compressed: int) -> None:
    if size > MAX_PACK_BYTES:
        raise NotesFileError(_("{name!r:.80} in the pack is larger than {value} MB uncompressed")
                             .format(name=name, value=MAX_PACK_BYTES // (1024 * 1024)))
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise NotesFileError(_("{name!r:.80} in the pack is compressed more than {MAX_RATIO}:1 (a zip "
                               "bomb?)").format(name=name, MAX_RATIO=MAX_RATIO))


def _member(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str) -> bytes:
    """Read at most the cap, so a member lying about its size cannot fill memory."""
    info = members[name]
    with zf.open(info) as handle:
        content = handle.read(MAX_PACK_BYTES + 1)
    _check_size(name, len(content), info.compress_size)
    if len(content) != info.file_size:
        raise NotesFileError(_("{name!r:.80} in the pack is not the size it declares").format(name=name))
    return content


def _reading_list(data: bytes) -> ReadingList:
    try:
        meta = load_json(data)
    except NotesFileError as exc:
        raise NotesFileError(_("{PACK_MEMBER} in the pack: {exc}")
                             .format(PACK_MEMBER=PACK_MEMBER, exc=exc)) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise NotesFileError(_("{PACK_MEMBER} is not a Reading Room pack description")
                             .format(PACK_MEMBER=PACK_MEMBER))
    if meta.get("version") != VERSION:
        raise NotesFileError(_("{member} has version {found!r:.20}; this Reading Room reads version "
                               "{supported}").format(member=PACK_MEMBER, found=meta.get("version"),
                                                     supported=VERSION))
    title, description, archive = (_string(meta, k, limit) for k, limit in
                                   (("title", 1000), ("description", 100_000), ("archive", 1000)))
    articles = meta.get("articles")
    if (not isinstance(articles, list) or len(articles) > MAX_ARTICLES
            or not all(isinstance(a, str) and 0 < len(a) <= 1000 for a in articles)):
        raise NotesFileError(_("{PACK_MEMBER}: 'articles' must be a list of article ids")
                             .format(PACK_MEMBER=PACK_MEMBER))
    if not title.strip():
        raise NotesFileError(_("{PACK_MEMBER}: the title is empty").format(PACK_MEMBER=PACK_MEMBER))
    return ReadingList(title, description, archive, tuple(dict.fromkeys(articles)))


def _string(meta: dict[str, Any], key: str, limit: int) -> str:
    value = meta.get(key, "" if key == "description" else None)
    if not isinstance(value, str) or len(value) > limit:
        raise NotesFileError(_("{PACK_MEMBER}: {key!r} must be a string of at most {limit} characters")
                             .format(PACK_MEMBER=PACK_MEMBER, key=key, limit=limit))
    return value


# -- the reading lists imported so far --

def load_reading_lists(data_dir: Path, *, strict: bool = False,
                       archive: str | None = None) -> list[ReadingList]:
    """In import order (only ``archive``'s when given).  The window tolerates a damaged file (no
    lists); the CLI refuses it."""
    path = data_dir / LISTS_FILE
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        lists = [ReadingList(str(d["title"]), str(d["description"]), str(d["archive"]),
                             tuple(str(a) for a in d["articles"])) for d in doc["lists"]]
        return [r for r in lists if archive is None or r.archive == archive]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if strict:
            raise ReaderError(_("cannot read the reading lists {path}: {exc}")
                              .format(path=path, exc=exc)) from None
        return []


def save_reading_list(data_dir: Path, reading_list: ReadingList) -> None:
    """Add the list, replacing one of the same title for the same archive (a re-import)."""
    key = (reading_list.archive, reading_list.title)
    lists = [r for r in load_reading_lists(data_dir, strict=True) if (r.archive, r.title) != key]
    lists.append(reading_list)
    doc = {"version": 1, "lists": [{**asdict(r), "articles": list(r.articles)} for r in lists]}
    atomic_write_text(data_dir / LISTS_FILE, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
