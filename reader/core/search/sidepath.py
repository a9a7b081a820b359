"""Terms and phrases scored from the segments' side files (``postfile.py``) instead of Whoosh's blocks.

A posting's BM25F score depends only on its term count and its document's
field-length byte, which the side file keeps together as one *code*: a term
is scored once per distinct code (a few hundred) and the scores are spread
over its postings with ``map``/``zip`` in C.  The floats are the ones
``FastScorer._decode_term`` computes from Whoosh's blocks (same operations in
the same order), which ``test_sidepath.py`` checks posting by posting.

A segment without a side file (an index built before it, a segment merged by
an update) or a term listed as raw is left to Whoosh: ``term`` says so by
returning None for that segment.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import logging
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh.util.numeric import byte_to_length

from reader.core.search import postfile

log = logging.getLogger("reader.search")

Scores = dict[int, float]
#: Whoosh's BM25F parameters, and its field-length byte decoded: shared with ``fastpath``.
B, K1 = 0.75, 1.2
BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


class NotInSideFile(Exception):
    """A segment or term the side files do not cover: ask Whoosh."""


class SideFiles:
    """The side files of a searcher's segments, opened on first use."""

    def __init__(self, searcher: Any, folder: Path | None) -> None:
        self.searcher = searcher
        self.leaves = searcher.reader().leaf_readers()
        self._folder = folder
        self._files: dict[int, postfile.SegmentPostings | None] = {}
        self._norm_b: dict[str, float] = {}

    def segment(self, n: int) -> postfile.SegmentPostings | None:
        if n not in self._files:
            self._files[n] = None
            leaf = self.leaves[n][0]
            if self._folder is not None and hasattr(leaf, "_segid"):
                path = postfile.side_file(self._folder, leaf._segid)
                with contextlib.suppress(FileNotFoundError):
                    try:
                        self._files[n] = postfile.SegmentPostings(path)
                    except ValueError as exc:
                        log.warning("ignoring %s: %s", path.name, exc)
        return self._files[n]

    def close(self) -> None:
        for side in self._files.values():
            if side is not None:
                side.close()
        self._files.clear()

    def _scale(self, field: str) -> float:
        """``K1 * B / avgfl``: what a unit of field length adds to BM25's denominator."""
        norm_b = self._norm_b.get(field)
        if norm_b is None:
            avgfl = self.searcher.avg_field_length(field) or 1
            norm_b = self._norm_b[field] = K1 * B / avgfl
        return norm_b

    def table(self, field: str, text: str, boost: float, codes: Any) -> dict[int, float]:
        """Score per distinct code, as ``factor * w / (w + norm_a + norm_b * length)``."""
        idf = self.searcher.idf(field, text)
        factor = idf * (K1 + 1) * boost
        norm_a = K1 * (1 - B)
        norm_b = self._scale(field)
        format_boost = self.searcher.schema[field].format.field_boost
        table = {}
        for code in set(codes):
            w = float(code >> 8) * format_boost
            table[code] = factor * w / (w + norm_a + norm_b * BYTE_TO_LENGTH[code & 255])
        return table

    def entries(self, n: int, field: str, text: str) -> postfile.Entry | None:
        """The term's entry in segment ``n`` (None: not in that segment); raises NotInSideFile."""
        side = self.segment(n)
        if side is None:
            raise NotInSideFile
        entry = side.find(field, text.encode("utf-8"))
        if entry is not None and entry.raw:
            raise NotInSideFile
        return entry

    def term(self, n: int, field: str, text: str, boost: float) -> Iterator[tuple[int, float]] | None:
        """(docnum, score) pairs of the term in segment ``n``; None if the side file cannot say."""
        try:
            entry = self.entries(n, field, text)
        except NotInSideFile:
            return None
        if entry is None:
            return iter(())
        leaf, base = self.leaves[n]
        side = self.segment(n)
        assert side is not None
        docnums, codes = side.postings(entry)
        table = self.table(field, text, boost, codes)
        pairs = zip(map(base.__add__, docnums) if base else docnums, map(table.__getitem__, codes),
                    strict=True)
        if leaf.has_deletions():
            deleted = leaf.deleted_docs_set
            pairs = ((d, s) for d, s in pairs if d - base not in deleted)
        return pairs

    def docs(self, field: str, btexts: list[bytes]) -> set[int]:
        """Documents with any of these terms (date, year and id filters); raises NotInSideFile."""
        found: set[int] = set()
        for n, (leaf, base) in enumerate(self.leaves):
            side = self.segment(n)
            if side is None:
                raise NotInSideFile
            for btext in btexts:
                entry = side.find(field, btext)
                if entry is None:
                    continue
                if entry.raw:
                    raise NotInSideFile
                docnums = side.docnums(entry)
                found.update(map(base.__add__, docnums) if base else docnums)
            if leaf.has_deletions():
                found -= set(map(base.__add__, leaf.deleted_docs_set))
        return found

    def phrase(self, field: str, words: list[str], boost: float, leaves: list[int],
               counts: list[int]) -> tuple[Scores, list[int]]:
        """Documents of segments ``leaves`` with ``words`` at consecutive positions, scored as the
        sum of the word scores, and the order of that sum: by the words' document counts (these
        segments' plus ``counts`` from the others), as ``FastScorer._phrase`` adds them.

        Candidates are the documents with every word (set intersections in C); positions are read
        for those only.  Raises NotInSideFile when a term has no positions in a side file.
        """
        found: list[tuple[int, list[tuple[array, array]], list[tuple[array, array]], list[int]]] = []
        totals = list(counts)
        for n in leaves:
            entries = [self.entries(n, field, word) for word in words]
            if any(entry is not None and not entry.has_positions for entry in entries):
                raise NotInSideFile
            leaf = self.leaves[n][0]
            deleted = leaf.deleted_docs_set if leaf.has_deletions() else frozenset()
            side = self.segment(n)
            assert side is not None
            for i, entry in enumerate(entries):  # live documents with each word, as len(scores) counts
                if entry is not None:
                    gone = len(deleted.intersection(side.docnums(entry))) if deleted else 0
                    totals[i] += entry.count - gone
            if any(entry is None for entry in entries):
                continue
            posts = [side.postings(entry) for entry in entries]  # type: ignore[arg-type]
            order = sorted(range(len(words)), key=lambda i: len(posts[i][0]))
            candidates = set(posts[order[0]][0])
            for i in order[1:]:
                candidates.intersection_update(posts[i][0])
                if not candidates:
                    break
            if candidates and deleted:
                candidates.difference_update(deleted)
            if candidates:
                positions = [side.positions(entry) for entry in entries]  # type: ignore[arg-type]
                found.append((n, posts, positions, sorted(candidates)))
        # The word scores are added in the order of their document counts (a stable sort).
        order = sorted(range(len(words)), key=totals.__getitem__)
        scores: Scores = {}
        for n, posts, positions, candidates in found:
            base = self.leaves[n][1]
            tables = [self.table(field, word, boost, posts[i][1]) for i, word in enumerate(words)]
            # Each candidate's posting number in each word's postings, found by bisect in C.
            slots = [_slots(docnums, candidates) for docnums, _codes in posts]
            for row in _adjacent(slots, positions):
                scores[base + candidates[row]] = sum(tables[i][posts[i][1][slots[i][row]]] for i in order)
        return scores, order

    def covers(self, n: int) -> bool:
        """Whether segment ``n``'s phrases can be read from its side file."""
        return self.segment(n) is not None


def _slots(docnums: array, candidates: list[int]) -> list[int]:
    """Where each (sorted) candidate is in ``docnums``: by bisect for a few, by a dict for many."""
    if len(candidates) * 16 < len(docnums):
        return list(map(functools.partial(bisect.bisect_left, docnums), candidates))
    where = dict(zip(docnums, range(len(docnums)), strict=False))
    return list(map(where.__getitem__, candidates))


def _adjacent(slots: list[list[int]], positions: list[tuple[array, array]]) -> Iterator[int]:
    """The rows (candidates) where word i is at p + i for some p.

    Most words occur once in a document: then one comparison per word decides;
    otherwise the positions of word i shifted back by i are intersected.
    """
    spans = []
    for (ends, where), word_slots in zip(positions, slots, strict=True):
        starts = [0, *ends]
        spans.append((list(map(starts.__getitem__, word_slots)), list(map(ends.__getitem__, word_slots)),
                      where))
    if len(spans) == 2:  # the usual phrase: a loop without the general case's generators
        (starts_a, stops_a, where_a), (starts_b, stops_b, where_b) = spans
        for row, (a0, a1, b0, b1) in enumerate(zip(starts_a, stops_a, starts_b, stops_b, strict=True)):
            if a1 - a0 == 1 and b1 - b0 == 1:
                if where_b[b0] == where_a[a0] + 1:
                    yield row
            elif not set(where_b[b0:b1]).isdisjoint(map((1).__add__, where_a[a0:a1])):
                yield row
        return
    for row in range(len(slots[0])):
        first_start, first_stop, first_where = spans[0][0][row], spans[0][1][row], spans[0][2]
        if all(stop - start == 1 for start, stop in ((s[0][row], s[1][row]) for s in spans)):
            at = first_where[first_start]
            if all(where[starts[row]] == at + i for i, (starts, _stops, where) in enumerate(spans)):
                yield row
            continue
        found = set(first_where[first_start:first_stop])
        for i, (starts, stops, where) in enumerate(spans[1:], start=1):
            found.intersection_update(map((-i).__add__, where[starts[row]:stops[row]]))
            if not found:
                break
        if found:
            yield row
