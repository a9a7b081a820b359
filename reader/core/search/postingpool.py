"""The posting pool of a segment being written: postings grouped by term, spilled to disk in runs.

Whoosh's ``PostingPool`` keeps every posting as a tuple (~150 bytes), sorts
millions of them, and spills runs of pickled tuples that it merges a posting
at a time: at 50,000 articles a process that merge was most of the build.
Here postings are filed under their (field, term) as they arrive (documents
come in docnum order, so each term's postings are already sorted), a spilled
run holds whole groups as arrays, and merging runs joins arrays term by term.

A group from ``add_text`` also keeps what the search side file needs
(``postfile.py``): each posting's code (term count and field-length byte) and
its positions as integers.  Postings that arrive as Whoosh values only (other
fields, merged segments) make a *raw* group, which the side file leaves to
Whoosh.
"""

from __future__ import annotations

import heapq
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from whoosh.system import pack_uint
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool

from reader.core.search.analysis import index_positions
from reader.core.search.arrays import from_little, little

Posting = tuple[str, bytes, int, float, bytes | None]
#: Bytes a grouped posting costs besides its value and positions, and a term's group.
_POSTING_BYTES = 24
_GROUP_BYTES = 480
#: A run's group header: key length, postings, value bytes, positions, and whether it is a text group.
_RUN_HEAD = struct.Struct("<IIIIB")

#: ``Positions.encode([pos])`` starts with this count header.
_ONE_HEAD = pack_uint(1)
_ONE_POSITION: dict[int, bytes] = {}


def one_position(pos: int, encode: Callable[[list[int]], bytes]) -> bytes:
    """``Positions.encode([pos])``, cached: most terms occur once in a document."""
    value = _ONE_POSITION.get(pos)
    if value is None:
        value = _ONE_POSITION[pos] = encode([pos])
    return value


#: What follows the count header in ``Positions.encode([pos])``, by position.
_ONE_REST: dict[int, bytes] = {}


def _one_rest(pos: int, encode: Callable[[list[int]], bytes]) -> bytes:
    rest = _ONE_REST[pos] = one_position(pos, encode)[len(_ONE_HEAD):]
    return rest


def fresh_one_position(pos: int, encode: Callable[[list[int]], bytes]) -> bytes:
    """A new bytes object equal to ``Positions.encode([pos])`` (a shared one would be pickled as a
    back-reference and change the posting blocks)."""
    rest = _ONE_REST.get(pos)
    return _ONE_HEAD + (rest if rest is not None else _one_rest(pos, encode))


class Group:
    """One term's postings in document order.

    A *text* group (from ``add_text``) keeps per posting its docnum, its code
    (``count << 8 | length byte``) and its positions; Whoosh's weights and
    values are made from those when the segment is written.  A *raw* group
    keeps what Whoosh was handed: docnums, weights and values end to end.
    """

    __slots__ = ("codes", "docnums", "ends", "pos_ends", "positions", "values", "weights")

    def __init__(self, text: bool) -> None:
        self.docnums = array("I")
        self.codes: array | None = array("I") if text else None
        self.positions: array | None = array("I") if text else None
        self.pos_ends: array | None = array("I") if text else None
        self.weights: array | None = None if text else array("d")
        self.values: bytearray | None = None if text else bytearray()
        self.ends: array | None = None if text else array("I")

    @property
    def is_text(self) -> bool:
        return self.codes is not None

    def make_raw(self, boost: float, encode: Callable[[list[int]], bytes]) -> None:
        """Turn a text group into a raw one (a posting came as a Whoosh value)."""
        if self.is_text:
            weights, values = self.whoosh_weights(boost), self.whoosh_values(encode)
            self.weights, self.values, self.ends = array("d", weights), bytearray(), array("I")
            for value in values:
                self.values += value
                self.ends.append(len(self.values))
            self.codes = self.positions = self.pos_ends = None

    def whoosh_weights(self, boost: float) -> list[float]:
        """Each posting's weight as ``Positions.word_values`` gives it (count times the field's boost)."""
        if self.weights is not None:
            return self.weights.tolist()
        assert self.codes is not None
        return [float(code >> 8) * boost for code in self.codes]

    def whoosh_values(self, encode: Callable[[list[int]], bytes]) -> list[bytes]:
        """Each posting's value as its own bytes object, as the analyzer made them.

        (Shared objects would be pickled as back-references, changing the blocks.)
        """
        if self.values is not None:
            assert self.ends is not None
            data = bytes(self.values)
            starts = [0, *self.ends[:-1]]
            return [data[start:end] for start, end in zip(starts, self.ends, strict=True)]
        assert self.positions is not None and self.pos_ends is not None
        positions, values, start = self.positions, [], 0
        head, rests = _ONE_HEAD, _ONE_REST
        for end in self.pos_ends:
            if end - start == 1:  # most postings: the count header and one cached position
                rest = rests.get(positions[start])
                values.append(head + (rest if rest is not None else _one_rest(positions[start], encode)))
            else:
                values.append(encode(positions[start:end].tolist()))
            start = end
        return values

    def extend(self, other: Group, boost: float, encode: Callable[[list[int]], bytes]) -> None:
        """Append ``other``'s postings (later documents) to this group."""
        if self.is_text and other.is_text:
            assert self.codes is not None and self.positions is not None and self.pos_ends is not None
            assert other.codes is not None and other.positions is not None and other.pos_ends is not None
            moved = len(self.positions)
            self.docnums += other.docnums
            self.codes += other.codes
            self.positions += other.positions
            self.pos_ends += array("I", map(moved.__add__, other.pos_ends)) if moved else other.pos_ends
            return
        self.make_raw(boost, encode)
        other.make_raw(boost, encode)
        assert self.values is not None and self.ends is not None and self.weights is not None
        assert other.values is not None and other.ends is not None and other.weights is not None
        shift = len(self.values)
        self.docnums += other.docnums
        self.weights += other.weights
        self.values += other.values
        self.ends += array("I", map(shift.__add__, other.ends)) if shift else other.ends

    # -- runs ------------------------------------------------------------------------------

    def write(self, out: IO[bytes], key: bytes) -> None:
        if self.is_text:
            assert self.positions is not None
            parts = [self.docnums, self.codes, self.pos_ends, self.positions]
            out.write(_RUN_HEAD.pack(len(key), len(self.docnums), 0, len(self.positions), True))
            out.write(key)
        else:
            assert self.values is not None
            parts = [self.docnums, self.weights, self.ends]
            out.write(_RUN_HEAD.pack(len(key), len(self.docnums), len(self.values), 0, False))
            out.write(key)
        for part in parts:
            out.write(little(part))  # type: ignore[arg-type]
        if self.values is not None:
            out.write(self.values)

    @classmethod
    def read(cls, source: IO[bytes]) -> tuple[bytes, Group] | None:
        head = source.read(_RUN_HEAD.size)
        if not head:
            return None
        keylen, count, nvalues, npos, text = _RUN_HEAD.unpack(head)
        key = source.read(keylen)
        group = cls(bool(text))
        group.docnums = _read(source, "I", count)
        if text:
            group.codes = _read(source, "I", count)
            group.pos_ends = _read(source, "I", count)
            group.positions = _read(source, "I", npos)
        else:
            group.weights = _read(source, "d", count)
            group.ends = _read(source, "I", count)
            group.values = bytearray(source.read(nvalues))
        return key, group


def _read(source: IO[bytes], typecode: str, count: int) -> array:
    return from_little(typecode, source.read(count * array(typecode).itemsize), count)


def group_key(fieldname: str, btext: bytes) -> bytes:
    """(field, term) as one byte string that sorts as the pair does (NUL sorts first)."""
    return fieldname.encode("utf-8") + b"\0" + btext


def split_key(key: bytes) -> tuple[str, bytes]:
    field, _, btext = key.partition(b"\0")
    return field.decode("utf-8"), btext


class GroupedPostingPool(PostingPool):
    """A posting pool that files postings under their field and term as they arrive.

    Terms are the analyzer's ``str`` objects (their hashes are cached; bytes
    made per posting are hashed every time) and become UTF-8 when written.
    Past ``limitmb`` the groups are written out as one sorted run of groups and
    joined term by term at the end (``sorted_groups``).
    """

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.groups: dict[str, dict[str, Group]] = {}
        #: A text field's (boost, encode), to make Whoosh's weights and values of its postings.
        self._formats: dict[str, tuple[float, Callable[[list[int]], bytes]]] = {}
        self._size = 0

    def add(self, item: Posting) -> None:
        self.add_all((item,))

    def add_all(self, items: Iterable[Posting]) -> None:
        """File postings that come as Whoosh values (one call per document and field)."""
        size = 0
        fieldname = None
        groups: dict[str, Group] = {}
        for item in items:
            if item[0] != fieldname:
                fieldname = item[0]
                groups = self._field_groups(fieldname)
            _, btext, docnum, weight, value = item
            if not isinstance(btext, bytes) or (value is not None and not isinstance(value, bytes)):
                raise TypeError(f"posting {item!r} must hold bytes")
            term = btext.decode("utf-8", "surrogateescape")
            group = groups.get(term)
            if group is None:
                group = groups[term] = Group(text=False)
                size += _GROUP_BYTES + len(btext)
            elif group.is_text:
                group.make_raw(*self._formats[fieldname])
            _add_raw(group, docnum, weight, value)
            size += _POSTING_BYTES + len(value or b"")
        self._grew(size)

    def add_text(self, fieldname: str, format_: Any, text: str, docnum: int, fieldboost: float) -> int:
        """File the postings ``FastText.index(text)`` gives (weights times ``fieldboost``) without
        making them; returns the field length (the number of indexed tokens)."""
        groups = self._field_groups(fieldname)
        encode = format_.encode
        self._formats[fieldname] = (format_.field_boost, encode)
        positions = index_positions(text)
        length = sum(map(len, positions.values()))
        if fieldboost != 1.0:  # weights that are not counts times the format's boost: Whoosh's values
            boost = format_.field_boost * fieldboost
            self.add_all([(fieldname, term.encode("utf-8"), docnum, float(len(poslist)) * boost,
                           encode(poslist)) for term, poslist in positions.items()])
            return length
        length_byte = length_to_byte(length)
        size = 0
        for term, poslist in positions.items():
            group = groups.get(term)
            if group is None:
                group = groups[term] = Group(text=True)
                size += _GROUP_BYTES + len(term)
            if group.codes is None:  # a raw group: this posting as Whoosh's value too
                _add_raw(group, docnum, float(len(poslist)) * format_.field_boost, encode(poslist))
                continue
            group.docnums.append(docnum)
            group.codes.append(len(poslist) << 8 | length_byte)
            found = group.positions
            found.extend(poslist)  # type: ignore[union-attr]
            group.pos_ends.append(len(found))  # type: ignore[union-attr, arg-type]
        self._grew(size + _POSTING_BYTES * len(positions) + 4 * length)
        return length

    def _field_groups(self, fieldname: str) -> dict[str, Group]:
        groups = self.groups.get(fieldname)
        if groups is None:
            groups = self.groups[fieldname] = {}
            self.fieldnames.add(fieldname)
        return groups

    def _grew(self, size: int) -> None:
        self._size += size
        if self._size > self.limit:
            self.save()

    def _memory_groups(self) -> Iterator[tuple[bytes, Group]]:
        """The groups in key order: UTF-8 bytes order (code point order, except for the
        surrogate-escaped bytes of a non-UTF-8 term)."""
        for fieldname in sorted(self.groups):
            groups = self.groups[fieldname]
            keyed = sorted((group_key(fieldname, term.encode("utf-8", "surrogateescape")), term)
                           for term in groups)
            for key, term in keyed:
                yield key, groups[term]

    def save(self) -> None:
        """Write the groups as one sorted run and start again with none."""
        if self.groups:
            path, handle = self._new_run()
            try:
                for key, group in self._memory_groups():
                    group.write(handle, key)
            finally:
                handle.close()
            self.runs.append(path)
            self.groups = {}
            self._size = 0

    def whoosh_postings(self, fieldname: str, group: Group) -> tuple[list[float], list[bytes]]:
        """The group's weights and values as Whoosh writes them."""
        boost, encode = self._formats.get(fieldname, (1.0, _no_encode))
        return group.whoosh_weights(boost), group.whoosh_values(encode)

    def sorted_groups(self) -> Iterator[tuple[str, bytes, Group]]:
        """Every group in (field, term) order, runs and memory joined term by term."""
        if not self.runs:
            for key, group in self._memory_groups():
                yield (*split_key(key), group)
            return
        handles = [self._open_run(path) for path in self.runs]
        try:
            sources = [_numbered(_run_groups(handle), n) for n, handle in enumerate(handles)]
            sources.append(_numbered(self._memory_groups(), len(handles)))
            current: tuple[bytes, Group] | None = None
            for key, _order, group in heapq.merge(*sources, key=lambda item: (item[0], item[1])):
                if current is not None and current[0] == key:
                    fieldname = split_key(key)[0]
                    current[1].extend(group, *self._formats.get(fieldname, (1.0, _no_encode)))
                    continue
                if current is not None:
                    yield (*split_key(current[0]), current[1])
                current = (key, group)
            if current is not None:
                yield (*split_key(current[0]), current[1])
        finally:
            for handle in handles:
                handle.close()

    def _sorted_postings(self) -> Iterator[Posting]:
        for fieldname, btext, group in self.sorted_groups():
            weights, values = self.whoosh_postings(fieldname, group)
            for docnum, weight, value in zip(group.docnums, weights, values, strict=True):
                yield fieldname, btext, docnum, weight, value

    def items(self, maxfiles: int = 128) -> Any:
        return self._sorted_postings()

    def iter_postings(self) -> Any:
        return self._sorted_postings()

    def cleanup(self) -> None:
        for path in self.runs:
            self._remove_run(path)
        self.runs = []


def _add_raw(group: Group, docnum: int, weight: float, value: bytes | None) -> None:
    assert group.weights is not None and group.values is not None and group.ends is not None
    group.docnums.append(docnum)
    group.weights.append(weight)
    if value:
        group.values += value
    group.ends.append(len(group.values))


def _no_encode(positions: list[int]) -> bytes:
    raise TypeError("only a text field's groups hold positions")


def _run_groups(handle: IO[bytes]) -> Iterator[tuple[bytes, Group]]:
    while (item := Group.read(handle)) is not None:
        yield item


def _numbered(groups: Iterator[tuple[bytes, Group]], order: int) -> Iterator[tuple[bytes, int, Group]]:
    """Runs are in document order: equal keys join in run order."""
    for key, group in groups:
        yield key, order, group
