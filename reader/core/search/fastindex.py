"""Faster index writing that produces exactly what stock Whoosh would.

Profiling a build shows two hot spots: the five-stage analyzer generator
chain (a third of the time) and the posting pool, which keeps every posting as
a tuple and sorts millions of them at the end.  ``FastText`` indexes a body in
one pass (``analysis.index_positions``); ``FastSegmentWriter`` keeps postings
grouped by term (``postingpool.py``), so the final sort is over terms, not
postings.  Both hand Whoosh the same postings in the same order, so the
segment files are the same.  From the same groups the writer also writes the
segment's search side file (``postfile.py``).

``FastText`` is pickled into the index schema, so this module path is part of
the on-disk format (see ``schema.SCHEMA_VERSION``).
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

from whoosh import formats
from whoosh.fields import TEXT
from whoosh.writing import SegmentWriter

from reader.core.search import postfile
from reader.core.search.analysis import index_positions
from reader.core.search.postingpool import GroupedPostingPool, fresh_one_position


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
            # Most terms occur once in a document: a copy of the cached encoding.
            vbytes = fresh_one_position(poslist[0], encode) if count == 1 else encode(poslist)
            postings.append((term.encode("utf-8"), count, float(count) * boost, vbytes))
        return postings


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
                        length = pool.add_text(fieldname, field.format, value, docnum, fieldboost)
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
        if lengths is None:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        else:
            self._add_grouped_postings(lengths)
        self.fieldwriter.close()
        if reader is not None:
            reader.close()

    def _side_path(self, final: bool) -> Path | None:
        """The search side file: written under a name Whoosh ignores, renamed once the segment is
        assembled (a compound segment would swallow any file named after it)."""
        folder = getattr(self.storage, "folder", None)
        if folder is None:
            return None
        segment = self.newsegment.segment_id()
        return Path(folder) / (f"{segment}{postfile.EXT}" if final else f"{segment}_rr.tmp")

    def _add_grouped_postings(self, lengths: _Lengths) -> None:
        """``FieldWriter.add_postings`` a term at a time, with the same calls on the codec, and the
        side file (``postfile.py``) from the same groups."""
        fieldwriter = self.fieldwriter
        fieldname = None
        field_lengths: list[int | None] = []
        path = self._side_path(final=False)
        side = postfile.PostingsWriter(path) if path is not None else None
        try:
            for name, btext, group in self.pool.sorted_groups():
                if name != fieldname:
                    if fieldname is not None:
                        fieldwriter.finish_field()
                    fieldname = name
                    fieldwriter.start_field(fieldname, self.schema[fieldname])
                    field_lengths = lengths.field_lengths(fieldname)
                fieldwriter.start_term(btext)
                _add_postings(fieldwriter._postwriter, group.docnums, *self.pool.whoosh_postings(name, group),
                              field_lengths)
                fieldwriter.finish_term()
                if side is not None:
                    side.add(name, btext, group, field_lengths, self.schema[name].format)
            if fieldname is not None:
                fieldwriter.finish_field()
        except BaseException:
            if side is not None:
                side.abort()
            raise
        if side is not None:
            side.finish()

    def _finalize_segment(self) -> Any:
        segment = super()._finalize_segment()
        temporary = self._side_path(final=False)
        if temporary is not None and temporary.exists():
            temporary.replace(self._side_path(final=True))  # type: ignore[arg-type]
        return segment

    def cancel(self) -> None:
        super().cancel()
        temporary = self._side_path(final=False)
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _add_postings(writer: Any, docnums: array, weights: list[float], values: list[bytes],
                  field_lengths: list[int | None]) -> None:
    """What ``W3PostingsWriter.add_posting`` does for each posting, a block at a time.

    A block is written before the posting that would exceed ``_blocklimit``;
    maximum weight and min/max length follow the same strict comparisons, and
    empty values are skipped as there.
    """
    limit = writer._blocklimit
    for start in range(0, len(docnums), limit):
        if len(writer._ids) >= limit:
            writer._write_block()
        ids = docnums[start:start + limit]
        writer._ids.extend(ids)
        block = weights[start:start + limit]
        writer._weights.extend(block)
        top = max(block)
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
