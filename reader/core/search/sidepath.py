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
import logging
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh.util.numeric import byte_to_length

from reader.core.search import postfile

log = logging.getLogger("reader.search")

Scores = dict[int, float]
B, K1 = 0.75, 1.2
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


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
            table[code] = factor * w / (w + norm_a + norm_b * _BYTE_TO_LENGTH[code & 255])
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

    def phrase(self, field: str, words: list[str], boost: float) -> Scores:
        """Documents with ``words`` at consecutive positions, scored as the sum of the word scores
        (summed in the order of the words' document counts, as ``FastScorer._phrase`` does).

        Candidates are the documents with every word (set intersections in C); positions are read
        for those only.  Raises NotInSideFile when a segment has no side file or deletions.
        """
        found: list[tuple[int, list[tuple[array, array]], list[tuple[array, array]], list[int]]] = []
        totals = [0] * len(words)
        for n, (leaf, _base) in enumerate(self.leaves):
            if leaf.has_deletions():
                raise NotInSideFile
            entries = [self.entries(n, field, word) for word in words]
            if any(entry is not None and not entry.has_positions for entry in entries):
                raise NotInSideFile
            for i, entry in enumerate(entries):
                totals[i] += entry.count if entry is not None else 0
            if any(entry is None for entry in entries):
                continue
            side = self.segment(n)
            assert side is not None
            posts = [side.postings(entry) for entry in entries]  # type: ignore[arg-type]
            order = sorted(range(len(words)), key=lambda i: len(posts[i][0]))
            candidates = set(posts[order[0]][0])
            for i in order[1:]:
                candidates.intersection_update(posts[i][0])
                if not candidates:
                    break
            if candidates:
                positions = [side.positions(entry) for entry in entries]  # type: ignore[arg-type]
                found.append((n, posts, positions, sorted(candidates)))
        # The word scores are added in the order of their document counts (a stable sort).
        order = sorted(range(len(words)), key=totals.__getitem__)
        scores: Scores = {}
        for n, posts, positions, candidates in found:
            base = self.leaves[n][1]
            tables = [self.table(field, word, boost, posts[i][1]) for i, word in enumerate(words)]
            for docnum in _adjacent(candidates, posts, positions):
                slots = [bisect.bisect_left(posts[i][0], docnum) for i in range(len(words))]
                scores[base + docnum] = sum(tables[i][posts[i][1][slots[i]]] for i in order)
        return scores


def _adjacent(candidates: list[int], posts: list[tuple[array, array]],
              positions: list[tuple[array, array]]) -> Iterator[int]:
    """The candidates where word i+1 follows word i somewhere."""
    for docnum in candidates:
        starts: set[int] | None = None
        for i, ((docnums, _codes), (ends, where)) in enumerate(zip(posts, positions, strict=True)):
            slot = bisect.bisect_left(docnums, docnum)
            at = where[ends[slot - 1] if slot else 0:ends[slot]]
            shifted = set(map((-i).__add__, at)) if i else set(at)
            starts = shifted if starts is None else starts & shifted
            if not starts:
                break
        if starts:
            yield docnum
