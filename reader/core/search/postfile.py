"""A segment's postings as plain arrays beside Whoosh's segment: the search side file.

Reading a term through Whoosh costs ~0.6 µs a posting (a pickle, a zlib
block and a Python delta decoder per 128 postings, profiled at 100,000
articles, where a common word has 50,000 postings).  The same postings as
little-endian arrays are read with one ``read`` and ``array.frombytes``, and
scored per distinct (count, length) pair instead of per posting
(``fastpath.py``).  Positions are kept the same way for phrases.

Written by ``FastSegmentWriter`` from the grouped pool, one file per segment
named after it (``MAIN_<segment>.rrp``), so Whoosh deletes it with its
segment.  Postings that came as Whoosh values only (keyword and date fields, merged
segments) have codes made from their weights and no positions; terms whose
weights are not whole counts (boosted documents) are listed as *raw*, and
the reader asks Whoosh for those.

Layout: ``MAGIC``, ``<QQQ`` (terms, directory offset, keys offset), the term
blocks, then the directory: per term its block offset (``Q``), postings
(``I``), positions (``I``), flags (``B``) and key end (``I``), as five arrays,
then the keys (``field NUL term``, sorted).  A block holds the docnums
(``I``), the codes (``count << 8 | length byte``, ``H`` or ``I``), and for
positions the cumulative position ends (``I``) and the positions (``H``
or ``I``).
"""

from __future__ import annotations

import bisect
import struct
import sys
from array import array
from pathlib import Path
from typing import IO, Any

from whoosh.util.numeric import length_to_byte

from reader.core.search.arrays import from_little, little
from reader.core.search.postingpool import Group, group_key

EXT = ".rrp"
MAGIC = b"RRPOST1\n"
_HEAD = struct.Struct("<QQQ")
RAW, WIDE_CODES, WIDE_POSITIONS, NO_POSITIONS = 1, 2, 4, 8


def _narrow(numbers: array, limit: int) -> tuple[array, bool]:
    """``numbers`` as 16-bit values when they all fit (half the bytes to read), else as they are."""
    if not numbers or max(numbers) < limit:
        return array("H", numbers), False
    return numbers, True


class PostingsWriter:
    """Streams term blocks to ``path`` in sorted key order, then the directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out: IO[bytes] = open(path, "wb")  # noqa: SIM115 (closed in finish/abort)
        self._out.write(MAGIC + _HEAD.pack(0, 0, 0))
        self._offset = len(MAGIC) + _HEAD.size
        self._offsets = array("Q")
        self._counts = array("I")
        self._npos = array("I")
        self._flags = array("B")
        self._key_ends = array("I")
        self._keys = bytearray()

    def add(self, fieldname: str, btext: bytes, group: Group, lengths: list[int | None],
            format_: Any) -> None:
        """One term; ``lengths`` (the field's length per document) and the field's format make the
        codes, and for a positions format the positions, of postings that came as Whoosh values
        only (keyword and date fields, segments merged by an update)."""
        self._keys += group_key(fieldname, btext)
        self._key_ends.append(len(self._keys))
        self._offsets.append(self._offset)
        parts: list[array]
        if group.is_text:
            assert group.codes is not None and group.positions is not None and group.pos_ends is not None
            made, found, ends = group.codes, group.positions, group.pos_ends
        else:
            made = _codes(group, lengths, format_.field_boost)
            if made is None:
                self._counts.append(0)
                self._npos.append(0)
                self._flags.append(RAW)
                return
            found, ends = _positions(group, format_)
        codes, wide_codes = _narrow(made, 1 << 16)
        flags = WIDE_CODES * wide_codes
        if ends is None:
            positions = array("H")
            flags |= NO_POSITIONS
            parts = [group.docnums, codes]
        else:
            positions, wide_positions = _narrow(found, 1 << 16)
            flags |= WIDE_POSITIONS * wide_positions
            parts = [group.docnums, codes, ends, positions]
        self._counts.append(len(group.docnums))
        self._npos.append(len(positions))
        self._flags.append(flags)
        for part in parts:
            data = little(part)
            self._out.write(data)
            self._offset += len(data)

    def finish(self) -> None:
        directory = self._offset
        for part in (self._offsets, self._counts, self._npos, self._flags, self._key_ends):
            self._out.write(little(part))
        keys = directory + sum(len(p) * p.itemsize for p in (self._offsets, self._counts, self._npos,
                                                             self._flags, self._key_ends))
        self._out.write(self._keys)
        self._out.seek(len(MAGIC))
        self._out.write(_HEAD.pack(len(self._offsets), directory, keys))
        self._out.close()

    def abort(self) -> None:
        self._out.close()
        self.path.unlink(missing_ok=True)


def _codes(group: Group, lengths: list[int | None], format_boost: float) -> array | None:
    """Codes from weights that are whole counts times the format's boost; None if one is not."""
    assert group.weights is not None
    counts = [weight / format_boost for weight in group.weights]
    if not all(count.is_integer() and 0 <= count < 1 << 23 for count in counts):
        return None
    return array("I", [int(count) << 8 | length_to_byte(lengths[docnum] or 0)
                       for count, docnum in zip(counts, group.docnums, strict=True)])


def _positions(group: Group, format_: Any) -> tuple[array, array | None]:
    """Positions decoded from Whoosh's values (a merged segment's text postings), if it has any."""
    if not format_.supports("positions"):
        return array("I"), None
    found, ends = array("I"), array("I")
    for value in group.whoosh_values(format_.encode):
        found.extend(format_.decode_positions(value))
        ends.append(len(found))
    return found, ends


class Entry:
    """Where one term's postings are in the file."""

    __slots__ = ("count", "flags", "npos", "offset")

    def __init__(self, offset: int, count: int, npos: int, flags: int) -> None:
        self.offset, self.count, self.npos, self.flags = offset, count, npos, flags

    @property
    def raw(self) -> bool:
        return bool(self.flags & RAW)

    @property
    def has_positions(self) -> bool:
        return not self.flags & (RAW | NO_POSITIONS)


class _Keys:
    """The sorted keys as a sequence for ``bisect``, sliced out of the keys bytes on demand."""

    def __init__(self, blob: memoryview, ends: memoryview) -> None:
        self._blob, self._ends = blob, ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> bytes:
        return bytes(self._blob[self._ends[i - 1] if i else 0:self._ends[i]])


class SegmentPostings:
    """One side file, read on demand; raises ``ValueError`` on a damaged file.

    The directory (about 20 bytes a term) is read at the first lookup, not at open.
    """

    def __init__(self, path: Path) -> None:
        self._file: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed in close())
        try:
            head = self._file.read(len(MAGIC) + _HEAD.size)
            if head[:len(MAGIC)] != MAGIC or len(head) != len(MAGIC) + _HEAD.size:
                raise ValueError(f"{path.name} is not a postings file")
            self._nterms, self._directory, self._keys_at = _HEAD.unpack_from(head, len(MAGIC))
        except BaseException:
            self._file.close()
            raise
        self._keys: _Keys | None = None

    def _load(self) -> _Keys:
        if self._keys is None:
            self._file.seek(self._directory)
            data = memoryview(self._file.read())
            n = self._nterms
            sizes = (8 * n, 4 * n, 4 * n, n, 4 * n)
            if self._keys_at - self._directory != sum(sizes) or len(data) < sum(sizes):
                raise ValueError("the postings directory does not add up")
            parts, at = [], 0
            for size, code in zip(sizes, "QIIBI", strict=True):
                part = array(code)
                part.frombytes(data[at:at + size])
                if sys.byteorder != "little":
                    part.byteswap()
                parts.append(part)
                at += size
            self._offsets, self._counts, self._npos, self._flags, ends = parts
            if n and ends[-1] != len(data) - at:
                raise ValueError("the postings keys do not add up")
            self._keys = _Keys(data[at:], memoryview(ends))
        return self._keys

    def find(self, fieldname: str, btext: bytes) -> Entry | None:
        keys = self._load()
        key = group_key(fieldname, btext)
        i = bisect.bisect_left(keys, key)
        if i == len(keys) or keys[i] != key:
            return None
        return Entry(self._offsets[i], self._counts[i], self._npos[i], self._flags[i])

    def postings(self, entry: Entry) -> tuple[array, array]:
        """(docnums, codes) of a term, segment-local docnums."""
        n = entry.count
        wide = entry.flags & WIDE_CODES
        self._file.seek(entry.offset)
        data = self._file.read(n * (8 if wide else 6))
        return from_little("I", data[:4 * n], n), from_little("I" if wide else "H", data[4 * n:], n)

    def docnums(self, entry: Entry) -> array:
        self._file.seek(entry.offset)
        return from_little("I", self._file.read(4 * entry.count), entry.count)

    def positions(self, entry: Entry) -> tuple[array, array]:
        """(cumulative position ends, positions) of a term, in posting order (``has_positions``)."""
        n = entry.count
        start = entry.offset + n * (8 if entry.flags & WIDE_CODES else 6)
        wide = entry.flags & WIDE_POSITIONS
        self._file.seek(start)
        data = self._file.read(4 * n + entry.npos * (4 if wide else 2))
        return from_little("I", data[:4 * n], n), from_little("I" if wide else "H", data[4 * n:], entry.npos)

    def close(self) -> None:
        self._file.close()


def side_file(folder: Path, segment_id: str) -> Path:
    return folder / f"{segment_id}{EXT}"
