"""A faster evaluator for the common query shapes, on Whoosh's own postings.

Whoosh scores one posting at a time through layers of Python matcher objects
(~3 µs a posting here): a word in every article of a 10,000-article archive
costs ~30 ms before anything else.  Most queries people type are terms joined
by AND/OR/NOT (prefix and fuzzy terms are expanded to such ``Or`` trees by
``query.py``), so for those we read each term's posting blocks whole and
compute the same BM25F scores Whoosh would (same idf, field lengths, B, K1)
with plain dict arithmetic, several times faster.  Anything else (phrases,
ranges, keyword-field wildcards) is handed back to Whoosh as a document set or
a fallback.

It reads Whoosh 3's block attributes (``_read_ids``/``_read_weights``), which
is why the Whoosh version is pinned; ``test_fastpath_matches_whoosh`` compares
both evaluators on every query in the tests.
"""

from __future__ import annotations

import bisect
import time
from array import array
from collections import OrderedDict
from pathlib import Path
from typing import Any

from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from reader.core.search.sidepath import BYTE_TO_LENGTH, K1, B, NotInSideFile, Scores, SideFiles

#: Decoded terms kept, counted in postings (12 bytes each as arrays): each keystroke of a word
#: expands to mostly the same completions, and decoding a posting costs ~25 times rebuilding it.
CACHED_POSTINGS = 2_000_000
#: Terms with fewer postings are decoded again: cheap, and the cache stays for the costly ones.
CACHE_FROM = 512


class Unsupported(Exception):
    """The query has a shape the fast path does not evaluate."""


class Deadline(Exception):
    """The time limit ran out between two terms."""


class FastScorer:
    """Evaluates And/Or/Not trees of terms over one searcher."""

    def __init__(self, searcher: Searcher, folder: Path | None = None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.side = SideFiles(searcher, folder)
        self._lengths: dict[str, list[int]] = {}
        self._norms: dict[str, list[float]] = {}
        self._live: set[int] | None = None
        self._decoded: OrderedDict[tuple[str, str, float], tuple[array, array]] = OrderedDict()
        self._decoded_size = 0
        self.deadline = float("inf")

    def evaluate(self, node: Q.Query, deadline: float) -> Scores:
        self.deadline = deadline
        return self._eval(node)

    def _eval(self, node: Q.Query) -> Scores:
        if time.perf_counter() > self.deadline:
            raise Deadline
        if isinstance(node, Q.Term) and self.searcher.schema[node.fieldname].scorable:
            return self._term(node.fieldname, node.text, node.boost)
        if isinstance(node, Q.Term | Q.TermRange | Q.Prefix) and node.fieldname in ("date", "year", "id"):
            return dict.fromkeys(self._filter_docs(node), 0.0)
        if isinstance(node, Q.And):
            return self._and(node.subqueries)
        if isinstance(node, Q.Or) and not node.minmatch:
            return self._or(node.subqueries)
        if isinstance(node, Q.AndNot):
            positive = self._eval(node.a)
            for docnum in self._docs(node.b):
                positive.pop(docnum, None)
            return positive
        if isinstance(node, Q.Every):
            return dict.fromkeys(self.live_docs(), 0.0)
        if isinstance(node, Q.NullQuery.__class__):
            return {}
        if isinstance(node, Q.Not):
            excluded = self._docs(node.query)
            return {d: 0.0 for d in self.live_docs() if d not in excluded}
        if isinstance(node, Q.Phrase) and node.slop == 1 and self._has_positions(node.fieldname):
            return self._phrase(node.fieldname, [w for w in node.words if w], node.boost)
        if isinstance(node, Q.Phrase | Q.Prefix | Q.FuzzyTerm | Q.TermRange | Q.Term):
            return self._whoosh(node)
        raise Unsupported(type(node).__name__)

    def _and(self, parts: list[Q.Query]) -> Scores:
        positives = [p for p in parts if not isinstance(p, Q.Not)]
        negatives = [p.query for p in parts if isinstance(p, Q.Not)]
        if not positives:
            positives = [Q.Every()]
        # Cheap, selective parts first: intersections shrink quickly.
        results = sorted((self._eval(p) for p in positives), key=len)
        combined = results[0]
        for other in results[1:]:
            combined = {d: s + other[d] for d, s in combined.items() if d in other}
            if not combined:
                return {}
        for negative in negatives:
            for docnum in self._docs(negative):
                combined.pop(docnum, None)
        return combined

    def _or(self, parts: list[Q.Query]) -> Scores:
        """Sum of the parts' scores; only documents in several parts are added in Python.

        (Prefix expansions hit mostly different documents: ``dict.update`` copies those in C.)
        """
        combined: Scores = {}
        for part in parts:
            scores = self._eval(part)
            if not combined:
                combined = scores  # a fresh dict from _eval: ours to add to
                continue
            both = combined.keys() & scores.keys()
            summed = {d: combined[d] + scores[d] for d in both}
            combined.update(scores)
            combined.update(summed)
        return combined

    def _phrase(self, field: str, words: list[str], boost: float) -> Scores:
        """Two stages: documents with every word, then positions for those only.

        Segments with a side file are read from it (``SideFiles.phrase``); the others (merged
        by an update, or with deleted documents) through Whoosh's blocks, here.  The word
        scores of a match are added in the order of the words' document counts.
        """
        if len(words) < 2:
            return self._term(field, words[0], boost) if words else {}
        covered = [n for n in range(len(self.leaves)) if self.side.covers(n)]
        rest = [n for n in range(len(self.leaves)) if n not in covered]
        per_word = [self._term_in(field, w, boost, rest) for w in words]
        try:
            scores, order = self.side.phrase(field, words, boost, covered, [len(d) for d in per_word])
        except NotInSideFile:
            rest = list(range(len(self.leaves)))
            per_word = [self._term_in(field, w, boost, rest) for w in words]
            scores, order = {}, sorted(range(len(words)), key=lambda i: len(per_word[i]))
        if not rest:
            return scores
        candidates = per_word[0].keys() & set.intersection(*(set(d) for d in per_word[1:]))
        positions = [self._positions(field, word, candidates) for word in words] if candidates else []
        for docnum in candidates:
            if time.perf_counter() > self.deadline:
                raise Deadline
            later = [set(p.get(docnum, ())) for p in positions[1:]]
            if any(all(start + i in later[i - 1] for i in range(1, len(words)))
                   for start in positions[0].get(docnum, ())):
                scores[docnum] = sum(per_word[i][docnum] for i in order)
        return scores

    def _term_in(self, field: str, text: str, boost: float, leaves: list[int]) -> Scores:
        """A term's scores in some segments only, through Whoosh's blocks."""
        scores: Scores = {}
        for n in leaves:
            leaf, base = self.leaves[n]
            self._decode_leaf(scores, leaf, base, field, text, boost)
        return scores

    def _positions(self, field: str, text: str, wanted: set[int]) -> dict[int, list[int]]:
        """Positions of ``text`` in the ``wanted`` documents only.

        A block's header gives its last document number without decoding it, so
        blocks that cannot hold a wanted document are skipped undecoded: the
        candidates of a phrase are usually a small part of each word's postings.
        """
        found: dict[int, list[int]] = {}
        for leaf, base in self.leaves:
            try:
                matcher = _block_matcher(leaf, field, text)
            except TermNotFound:
                continue
            local = sorted(d - base for d in wanted if base <= d < base + leaf.doc_count_all())
            decode = matcher.format.decode_positions
            after = -1  # the last document number of the previous block
            while matcher.is_active() and local:
                last = matcher.block_max_id()
                nearest = bisect.bisect_right(local, after)
                if nearest < len(local) and local[nearest] <= last:
                    matcher._read_ids()
                    block = [(i, base + d) for i, d in enumerate(matcher._ids) if base + d in wanted]
                    if block:
                        matcher._read_values()
                        for i, key in block:
                            found[key] = decode(matcher._values[i])
                after = last
                matcher._next_block()
        return found

    def _filter_docs(self, node: Q.Term | Q.TermRange | Q.Prefix) -> Any:
        """Documents of a date, year or id filter: its terms' docnums from the side files."""
        if isinstance(node, Q.Term):
            field = self.searcher.schema[node.fieldname]
            btexts = [field.to_bytes(node.text)]
        else:
            btexts = list(node._btexts(self.reader))
        try:
            return self.side.docs(node.fieldname, btexts)
        except NotInSideFile:
            return node.docs(self.searcher)

    def _has_positions(self, field: str) -> bool:
        return self.searcher.schema[field].format.supports("positions")

    def _docs(self, node: Q.Query) -> set[int]:
        return set(self._eval(node))

    def _whoosh(self, node: Q.Query) -> Scores:
        """Let Whoosh score what we do not model (phrases, ranges...)."""
        matcher = node.matcher(self.searcher, self.searcher.context())
        scores: Scores = {}
        while matcher.is_active():
            scores[matcher.id()] = matcher.score()
            matcher.next()
        return scores

    def _term(self, field: str, text: Any, boost: float) -> Scores:
        key = (field, text, boost)
        kept = self._decoded.get(key)
        if kept is not None:
            self._decoded.move_to_end(key)
            return dict(zip(*kept, strict=True))
        scores, from_whoosh = self._decode_term(field, text, boost)
        if from_whoosh and len(scores) >= CACHE_FROM and isinstance(text, str):
            self._keep(key, scores)
        return scores

    def drop_caches(self) -> None:
        self._decoded.clear()
        self._decoded_size = 0

    def _keep(self, key: tuple[str, str, float], scores: Scores) -> None:
        """Remember a decoded term as two arrays (the same floats), least recently used out first."""
        self._decoded[key] = (array("q", scores.keys()), array("d", scores.values()))
        self._decoded_size += len(scores)
        while self._decoded_size > CACHED_POSTINGS and len(self._decoded) > 1:
            _old, (ids, _values) = self._decoded.popitem(last=False)
            self._decoded_size -= len(ids)

    def _decode_term(self, field: str, text: Any, boost: float) -> tuple[Scores, bool]:
        """The term's scores, and whether some segment had to be decoded through Whoosh (only
        those are worth caching: a side file reads faster than the cache rebuilds a dict)."""
        scores: Scores = {}
        from_whoosh = False
        for n, (leaf, base) in enumerate(self.leaves):
            pairs = self.side.term(n, field, text, boost) if isinstance(text, str) else None
            if pairs is not None:
                scores.update(pairs)
            else:
                from_whoosh = True
                self._decode_leaf(scores, leaf, base, field, text, boost)
        return scores, from_whoosh

    def _decode_leaf(self, scores: Scores, leaf: Any, base: int, field: str, text: Any, boost: float) -> None:
        """One segment's postings of a term through Whoosh's blocks."""
        idf = self.searcher.idf(field, text)
        norm_a = K1 * (1 - B)
        length_part = self._length_parts(field)
        factor = idf * (K1 + 1) * boost
        try:
            matcher = _block_matcher(leaf, field, text)
        except TermNotFound:
            return
        deleted = leaf.deleted_docs_set if leaf.has_deletions() else ()
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            # BM25F as Whoosh computes it, in the same order of operations (same floats).
            pairs = zip(matcher._ids, matcher._weights, strict=False)
            if deleted:
                pairs = ((d, w) for d, w in pairs if d not in deleted)
            scores.update({base + d: factor * w / (w + norm_a + length_part[base + d]) for d, w in pairs})
            matcher._next_block()

    def _length_parts(self, field: str) -> list[float]:
        """``K1 * B / avgfl * length`` per document: the length half of BM25's denominator."""
        parts = self._norms.get(field)
        if parts is None:
            avgfl = self.searcher.avg_field_length(field) or 1
            norm_b = K1 * B / avgfl
            parts = self._norms[field] = [norm_b * length for length in self._field_lengths(field)]
        return parts

    def _field_lengths(self, field: str) -> list[int]:
        lengths = self._lengths.get(field)
        if lengths is None:
            lengths = []
            for leaf, _base in self.leaves:
                column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) \
                    if hasattr(leaf, "_perdoc") else None
                count = leaf.doc_count_all()
                if column is None:
                    lengths.extend([0] * count)
                else:
                    lengths.extend(BYTE_TO_LENGTH[column[d] or 0] for d in range(count))
            self._lengths[field] = lengths
        return lengths

    def live_docs(self) -> set[int]:
        if self._live is None:
            self._live = set(self.reader.all_doc_ids())
        return self._live


def _block_matcher(leaf: Any, field: str, text: Any) -> Any:
    """The segment's own block matcher for a term: ``leaf.postings`` wraps it in a filter when the
    segment has deletions, which hides the blocks (callers skip deleted documents themselves)."""
    matcher = leaf.postings(field, text)
    return getattr(matcher, "child", matcher) if isinstance(matcher, FilterMatcher) else matcher
