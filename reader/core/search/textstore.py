"""Each article's plain text, kept beside the index so a snippet does not convert Markdown.

Converting one article for its snippet (read the file, ``markdown_to_plain``) cost
~0.7 ms a hit, a third of a query's result assembly at 100,000 articles.  The build
already has that text: it writes it here, one zlib block per document number, and a
hit reads its own block with a few ``pread`` calls.  Nothing is parsed at open: the
file is opened per read (a file kept open could not be replaced on Windows while a
window has the index open).

Layout of ``texts.bin`` (each build process writes a part in the same layout, which
are then joined): the blocks, then ``documents + 1`` start offsets (``<Q``), then
``<Q`` documents and ``MAGIC``.  A block is the article id in UTF-8, a NUL byte and
the zlib-compressed UTF-8 text; an empty block is a document with no text (removed).
The id in each block makes a stale or foreign file harmless: a reader that finds
another id than the document's returns None, and the caller converts the article as
before (an index without the file, an interrupted update).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import struct
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from reader.core.search.arrays import from_little, little

TEXTS = "texts.bin"
MAGIC = b"RRTEXT1\n"
_FOOT = struct.Struct("<Q8s")
#: zlib level 1: a third of level 6's time for 4 % more bytes (measured on the benchmark's texts).
LEVEL = 1
_ID_PEEK = 256  # bytes read to find a block's id when joining or rewriting


def part_path(folder: Path, number: int) -> Path:
    """Where build process ``number`` writes its slice's texts."""
    return folder / f"texts.part-{number}"


class TextWriter:
    """Appends blocks to a new file; :meth:`close` writes the offsets and the footer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = open(path, "wb")  # noqa: SIM115 -- closed in close(), the writer outlives a block
        self._offsets = array("Q", [0])

    def add(self, article_id: str, text: str) -> None:
        self.add_block(article_id.encode("utf-8") + b"\0" + zlib.compress(text.encode("utf-8"), LEVEL))

    def add_block(self, block: bytes) -> None:
        self._file.write(block)
        self._offsets.append(self._offsets[-1] + len(block))

    def close(self) -> None:
        if self._file.closed:
            return
        self._file.write(little(self._offsets))
        self._file.write(_FOOT.pack(len(self._offsets) - 1, MAGIC))
        self._file.close()

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


def _pread(file: BinaryIO, size: int, offset: int) -> bytes:
    """``os.pread`` for every platform (Windows has none)."""
    file.seek(offset)
    return file.read(size)


def _table(file: BinaryIO) -> array | None:
    """The start offsets of a texts file (documents + 1 of them), or None if it is not one."""
    size = file.seek(0, os.SEEK_END)
    if size < _FOOT.size:
        return None
    count, magic = _FOOT.unpack(_pread(file, _FOOT.size, size - _FOOT.size))
    table_start = size - _FOOT.size - 8 * (count + 1)
    if magic != MAGIC or table_start < 0:
        return None
    offsets = from_little("Q", _pread(file, 8 * (count + 1), table_start))
    return offsets if offsets[-1] == table_start else None


def read(folder: Path, docnum: int, article_id: str) -> str | None:
    """The stored text of document ``docnum`` if it is ``article_id``'s, else None."""
    try:
        with open(folder / TEXTS, "rb", buffering=0) as file:
            size = file.seek(0, os.SEEK_END)
            if size < _FOOT.size:
                return None
            count, magic = _FOOT.unpack(_pread(file, _FOOT.size, size - _FOOT.size))
            table_start = size - _FOOT.size - 8 * (count + 1)
            if magic != MAGIC or not 0 <= docnum < count or table_start < 0:
                return None
            start, end = from_little("Q", _pread(file, 16, table_start + 8 * docnum))
            if not start <= end <= table_start:
                return None
            block = _pread(file, end - start, start)
        expected = article_id.encode("utf-8") + b"\0"
        if not block.startswith(expected):
            return None
        return zlib.decompress(block[len(expected):]).decode("utf-8")
    except (OSError, ValueError, zlib.error, struct.error):
        return None


def join(folder: Path, parts: int) -> None:
    """Write ``texts.bin`` from the part files ``0..parts-1`` (in document order) and remove them."""
    offsets = array("Q", [0])
    with _replacing(folder / TEXTS) as out:
        for number in range(parts):
            path = part_path(folder, number)
            with open(path, "rb") as part:
                table = _table(part)
                if table is None:
                    raise OSError(f"the texts of build part {number} are incomplete")
                base = offsets[-1]
                offsets.extend(base + start for start in table[1:])
                _copy(part, out, table[-1])
            path.unlink()
        out.write(little(offsets))
        out.write(_FOOT.pack(len(offsets) - 1, MAGIC))


def rewrite(folder: Path, ids: list[str | None], sources: Iterable[Path]) -> None:
    """Write ``texts.bin`` in the order of ``ids`` (document numbers after an update).

    Each document's block is taken from the last of ``sources`` that has one for
    its id (the old ``texts.bin`` first, then the re-indexed articles): blocks are
    copied, not recompressed.  A document found nowhere gets an empty block, and
    its snippet is converted from the article as before.
    """
    found: dict[str, tuple[BinaryIO, int, int]] = {}
    with contextlib.ExitStack() as files:
        for path in sources:
            try:
                file = files.enter_context(open(path, "rb", buffering=0))
            except FileNotFoundError:
                continue
            for start, end in itertools.pairwise(_table(file) or ()):
                head = _pread(file, min(end - start, _ID_PEEK), start)
                if b"\0" not in head:
                    head = _pread(file, end - start, start)
                cut = head.find(b"\0")
                if cut > 0:
                    found[head[:cut].decode("utf-8", "replace")] = (file, start, end)
        with _replacing(folder / TEXTS) as out:
            offsets = array("Q", [0])
            for article_id in ids:
                place = found.get(article_id) if article_id is not None else None
                if place is not None:
                    file, start, end = place
                    out.write(_pread(file, end - start, start))
                offsets.append(offsets[-1] + (place[2] - place[1] if place else 0))
            out.write(little(offsets))
            out.write(_FOOT.pack(len(offsets) - 1, MAGIC))


def _copy(source: BinaryIO, target: BinaryIO, length: int) -> None:
    source.seek(0)
    remaining = length
    while remaining:
        chunk = source.read(min(remaining, 1 << 20))
        if not chunk:
            raise OSError("a texts part ended early")
        target.write(chunk)
        remaining -= len(chunk)


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A temporary sibling opened for writing, renamed over ``path`` only if the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
