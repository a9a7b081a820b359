"""Faster index writing that produces exactly what stock Whoosh would.

Profiling a build shows two hot spots: the five-stage analyzer generator
chain (a third of the time) and the posting pool, which keeps every posting as
a tuple and sorts millions of them at the end.  ``FastText`` indexes a body in
one pass (``analysis.index_positions``); ``FastSegmentWriter`` keeps postings
grouped by term, so the final sort is over terms, not postings.  Both hand
Whoosh the same postings in the same order, so the segment files are the same.

``FastText`` is pickled into the index schema, so this module path is part of
the on-disk format (see ``schema.SCHEMA_VERSION``).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from whoosh import formats
from whoosh.fields import TEXT
from whoosh.system import pack_uint
from whoosh.writing import PostingPool, SegmentWriter

from reader.core.search.analysis import index_positions

Posting = tuple[str, bytes, int, float, bytes | None]
#: Bytes a grouped posting costs besides its value (docnum, weight, value end), and a term's group.
_POSTING_BYTES = 16
_GROUP_BYTES = 400


#: ``Positions.encode([pos])`` starts with this count header.
_ONE_HEAD = pack_uint(1)
_ONE_POSITION: dict[int, bytes] = {}


def _one_position(pos: int, encode: Callable[[list[int]], bytes]) -> bytes:
    """``Positions.encode([pos])``, cached: most terms occur once in a document."""
    value = _ONE_POSITION.get(pos)
    if value is None:
        value = _ONE_POSITION[pos] = encode([pos])
    return value


class FastText(TEXT):
    """A TEXT field whose ``index()`` skips the analyzer chain for plain strings.

    Queries, snippets and highlighting still go through ``self.analyzer``;
    only indexing takes the one-pass route, which the property tests hold to
    the same (term, frequency, weight, positions) as ``Positions.word_values``.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if type(self.format) is not formats.Positions or self.vector:
            raise ValueError("FastText only reproduces a positions-only TEXT field")

    def index(self, value: Any, **kwargs: Any) -> Any:
        if kwargs or not isinstance(value, str):
            return super().index(value, **kwargs)
        # A fresh value per posting, as Whoosh makes: a shared bytes object would be
        # pickled as a back-reference and the posting blocks would differ.
        encode = self.format.encode
        boost = self.format.field_boost
        postings = []
        for term, poslist in index_positions(value).items():
            count = len(poslist)
            if count == 1:  # most terms of a document: a copy of the cached encoding
                vbytes = _ONE_HEAD + _one_position(poslist[0], encode)[len(_ONE_HEAD):]
            else:
                vbytes = encode(poslist)
            postings.append((term.encode("utf-8"), count, float(count) * boost, vbytes))
        return postings


class _Group:
    """One term's postings: docnums, weights, and the values end to end in one buffer."""

    __slots__ = ("docnums", "ends", "values", "weights")

    def __init__(self) -> None:
        self.docnums = array("I")
        self.weights = array("d")
        self.values = bytearray()
        self.ends = array("I")

    def split_values(self) -> list[bytes]:
        """Each posting's value as its own bytes object, as the analyzer made them.

        (Shared objects would be pickled as back-references, changing the blocks.)
        """
        data = bytes(self.values)
        starts = [0, *self.ends[:-1]]
        return [data[start:end] for start, end in zip(starts, self.ends, strict=True)]


class GroupedPostingPool(PostingPool):
    """A posting pool that files postings under their field and term as they arrive.

    Documents are added in docnum order, so each term's postings are already
    sorted; ``iter_postings`` only sorts the terms.  A posting costs ~30 bytes
    here against ~150 as a tuple.  Past ``limitmb`` the groups are written out
    as one sorted run in Whoosh's run format and merged at the end, as
    ``PostingPool`` does.
    """

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.groups: dict[str, dict[bytes, _Group]] = {}
        self._size = 0

    def add(self, item: Posting) -> None:
        self.add_all((item,))

    def add_all(self, items: Iterable[Posting]) -> None:
        """File postings (one call per document and field, not per posting)."""
        size = 0
        fieldname = None
        groups: dict[bytes, _Group] = {}
        for item in items:
            if item[0] != fieldname:
                fieldname = item[0]
                groups = self._field_groups(fieldname)
            _, btext, docnum, weight, value = item
            group = groups.get(btext)
            if group is None:
                if not isinstance(btext, bytes) or (value is not None and not isinstance(value, bytes)):
                    raise TypeError(f"posting {item!r} must hold bytes")
                group = groups[btext] = _Group()
                size += _GROUP_BYTES + len(btext)
            group.docnums.append(docnum)
            group.weights.append(weight)
            if value:
                group.values += value
                size += len(value)
            group.ends.append(len(group.values))
            size += _POSTING_BYTES
        self._grew(size)

    def add_text(self, fieldname: str, field: FastText, text: str, docnum: int, fieldboost: float) -> int:
        """File the postings ``field.index(text)`` gives (weights times ``fieldboost``), without
        making them; returns the field length (the number of indexed tokens)."""
        groups = self._field_groups(fieldname)
        encode = field.format.encode
        boost = field.format.field_boost
        one_position = _ONE_POSITION
        length = size = 0
        positions = index_positions(text)
        for term, poslist in positions.items():
            btext = term.encode("utf-8")
            group = groups.get(btext)
            if group is None:
                group = groups[btext] = _Group()
                size += _GROUP_BYTES + len(btext)
            count = len(poslist)
            group.docnums.append(docnum)
            group.weights.append(float(count) * boost * fieldboost)
            values = group.values
            if count == 1:
                value = one_position.get(poslist[0])
                values += value if value is not None else _one_position(poslist[0], encode)
            else:
                values += encode(poslist)
            group.ends.append(len(values))
            length += count
        # Values run ~15 bytes for one position, 2 more per further position.
        self._grew(size + (_POSTING_BYTES + 13) * len(positions) + 2 * length)
        return length

    def _field_groups(self, fieldname: str) -> dict[bytes, _Group]:
        groups = self.groups.get(fieldname)
        if groups is None:
            groups = self.groups[fieldname] = {}
            self.fieldnames.add(fieldname)
        return groups

    def _grew(self, size: int) -> None:
        self._size += size
        if self._size > self.limit:
            self.save()

    def sorted_groups(self) -> Iterator[tuple[str, bytes, _Group]]:
        """Every group in (field, term) order: the order of a sorted posting list."""
        for fieldname in sorted(self.groups):
            groups = self.groups[fieldname]
            for btext in sorted(groups):
                yield fieldname, btext, groups[btext]

    def _sorted_postings(self) -> Iterator[Posting]:
        for fieldname, btext, group in self.sorted_groups():
            for docnum, weight, value in zip(group.docnums, group.weights, group.split_values(), strict=True):
                yield fieldname, btext, docnum, weight, value

    def save(self) -> None:
        if self.groups:
            path, f = self._new_run()
            self._write_run(f, self._sorted_postings())
            self._add_run(path)
            self.groups = {}
            self._size = 0

    def items(self, maxfiles: int = 128) -> Any:
        if not self.runs:
            return self._sorted_postings()
        return super().items(maxfiles)


class _Lengths:
    """Field lengths read once per document instead of once per posting."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Any:
        return self.field_lengths(fieldname, default).__getitem__

    def field_lengths(self, fieldname: str, default: int = 0) -> list[int | None]:
        get = self._reader.doc_field_length_reader(fieldname, default)
        return [get(docnum) for docnum in range(self._reader.doc_count_all())]


class FastSegmentWriter(SegmentWriter):
    """``SegmentWriter`` with the grouped pool, writing each term's postings in bulk."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"FastSegmentWriter does not write vectors or spelling ({name})")
        self.pool.cleanup()
        self.pool = GroupedPostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def _assemble_segment(self) -> None:
        """Whoosh's assembly, closing the compound file it opened when a segment file vanishes under
        it (the archive was closed during a build): Whoosh leaves that file to the garbage collector."""
        storage, opened = self.storage, []
        create = storage.create_file

        def tracked(name: str, **kwargs: Any) -> Any:
            opened.append(handle := create(name, **kwargs))
            return handle

        storage.create_file = tracked
        try:
            super()._assemble_segment()
        except BaseException:
            for handle in opened:
                if not handle.is_closed:
                    handle.close()
            raise
        finally:
            del storage.create_file  # the class's method again

    def add_document(self, **fields: Any) -> None:
        """``SegmentWriter.add_document`` without a tuple and a call per posting.

        The same steps in the same order (this schema has no vectors or spelling
        fields, which the constructor checks); ``FastText`` postings go straight
        into the pool's groups.
        """
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    if type(field) is FastText and isinstance(value, str):
                        length = pool.add_text(fieldname, field, value, docnum, fieldboost)
                    else:
                        postings = []
                        for tbytes, freq, weight, vbytes in field.index(value):
                            length += freq
                            postings.append((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
                        pool.add_all(postings)
                    if not field.scorable:
                        length = 0
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader) if reader is not None else None
        if self.pool.runs or lengths is None:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        else:
            self._add_grouped_postings(lengths)
        self.fieldwriter.close()
        if reader is not None:
            reader.close()

    def _add_grouped_postings(self, lengths: _Lengths) -> None:
        """``FieldWriter.add_postings`` a term at a time, with the same calls on the codec."""
        fieldwriter = self.fieldwriter
        fieldname = None
        field_lengths: list[int | None] = []
        for name, btext, group in self.pool.sorted_groups():
            if name != fieldname:
                if fieldname is not None:
                    fieldwriter.finish_field()
                fieldname = name
                fieldwriter.start_field(fieldname, self.schema[fieldname])
                field_lengths = lengths.field_lengths(fieldname)
            fieldwriter.start_term(btext)
            _add_postings(fieldwriter._postwriter, group, field_lengths)
            fieldwriter.finish_term()
        if fieldname is not None:
            fieldwriter.finish_field()


def _add_postings(writer: Any, group: _Group, field_lengths: list[int | None]) -> None:
    """What ``W3PostingsWriter.add_posting`` does for each posting, a block at a time.

    A block is written before the posting that would exceed ``_blocklimit``;
    maximum weight and min/max length follow the same strict comparisons, and
    empty values are skipped as there.
    """
    limit = writer._blocklimit
    docnums = group.docnums
    values = group.split_values()
    for start in range(0, len(docnums), limit):
        if len(writer._ids) >= limit:
            writer._write_block()
        ids = docnums[start:start + limit]
        writer._ids.extend(ids)
        weights = group.weights[start:start + limit].tolist()
        writer._weights.extend(weights)
        top = max(weights)
        if top > writer._maxweight:
            writer._maxweight = top
        writer._values.extend(value for value in values[start:start + limit] if value)
        present = [length for length in map(field_lengths.__getitem__, ids) if length]
        if present:
            shortest = min(present)
            if writer._minlength is None or shortest < writer._minlength:
                writer._minlength = shortest
            longest = max(present)
            if longest > writer._maxlength:
                writer._maxlength = longest
