"""Top-k of an ``Or`` of terms without scoring every match (block-max pruning).

While a word is being typed, the exhaustive evaluator (``fastpath.py``) scores
every posting of every expansion of ``wor*``: its cost grows with the archive.
Whoosh 3 writes a header before each posting block with the block's largest
weight and shortest field length, which bound the BM25 score of every document
in it without decoding it.  We read the headers only, decode blocks best bound
first, and stop once the k-th best partial score beats what any document not
yet seen could reach; the few documents still in reach get their missing parts
from the blocks that hold them.  Final scores are summed in the same order as
``FastScorer._or`` (absent parts as 0.0, which leaves a float unchanged), so the
top k are the exhaustive evaluator's (ties by document number; a test holds
both to the same top 10 on the benchmark's queries).

Totals are then estimates: each term's document count is exact (block lengths),
their union is estimated as if terms occurred independently, clamped between
the documents seen and the sum of the counts.
"""

from __future__ import annotations

import bisect
import heapq
import time
from dataclasses import dataclass, field

from whoosh import query as Q
from whoosh.fields import Schema
from whoosh.reading import TermNotFound

from reader.core.search.fastpath import K1, B, Deadline, FastScorer, Scores

#: Bounds are multiplied by this: a float rounding must never make a bound too low.
SAFETY = 1 + 1e-9
_NULL = type(Q.NullQuery)
#: Blocks decoded between two checks of the stopping rule.
CHECK_EVERY = 4


class NotPrunable(Exception):
    """The query is not an ``Or`` tree of scorable terms."""


@dataclass
class _Block:
    bound: float
    leaf: int  # index of the term in the query's leaves
    segment: int
    position: int  # where ``W3LeafMatcher._goto`` reads it
    max_id: int  # last document number (segment-local)


@dataclass
class _Term:
    field: str
    text: str
    factor: float
    norm_a: float
    lengths: list[float]  # the length part of BM25's denominator, per global docnum
    blocks: list[_Block] = field(default_factory=list)
    doc_frequency: int = 0


@dataclass
class TopK:
    """The best ``k`` documents with exact scores; the total is exact only if ``exact``."""

    ranked: list[tuple[int, float]]
    total: int
    exact: bool
    decoded: int  # blocks decoded (for the benchmark's notes and tests)
    blocks: int


def leaves_of(node: Q.Query, schema: Schema) -> list[Q.Term]:
    """The terms of an ``Or`` tree, left to right; anything else is not prunable."""
    if isinstance(node, Q.Term) and isinstance(node.text, str) and schema[node.fieldname].scorable:
        return [node]
    if isinstance(node, _NULL):  # a prefix with no completion in one of the fields
        return []
    if isinstance(node, Q.Or) and not node.minmatch and node.subqueries:
        return [leaf for part in node.subqueries for leaf in leaves_of(part, schema)]
    raise NotPrunable(type(node).__name__)


def top_k(scorer: FastScorer, node: Q.Query, k: int, excluded: set[int], deadline: float) -> TopK:
    """The ``k`` best documents of ``node`` (not in ``excluded``), ranked by (score desc, docnum asc)."""
    leaves = leaves_of(node, scorer.searcher.schema)
    terms = [_read_headers(scorer, leaf, i) for i, leaf in enumerate(leaves)]
    blocks = sorted((b for t in terms for b in t.blocks), key=lambda b: -b.bound)
    remaining = [max((b.bound for b in t.blocks), default=0.0) for t in terms]
    # Per term: the highest bound among its blocks not decoded yet (blocks are taken best first).
    left = [sorted((b.bound for b in t.blocks), reverse=True) for t in terms]
    taken = [0] * len(terms)
    parts: list[Scores] = [{} for _ in terms]
    decoded_blocks: set[tuple[int, int, int]] = set()
    lower: dict[int, float] = {}
    threshold = -1.0
    stopped_at = len(blocks)
    for n, block in enumerate(blocks):
        if n % CHECK_EVERY == 0 and n and len(lower) >= k:
            if time.perf_counter() > deadline:
                raise Deadline
            threshold = heapq.nlargest(k, lower.values())[-1] if k else float("inf")
            if sum(remaining) * SAFETY < threshold:
                stopped_at = n
                break
        scores = _decode(scorer, terms[block.leaf], block, excluded)
        decoded_blocks.add((block.leaf, block.segment, block.position))
        parts[block.leaf].update(scores)
        for docnum, score in scores.items():
            lower[docnum] = lower.get(docnum, 0.0) + score
        i = block.leaf
        taken[i] += 1
        remaining[i] = left[i][taken[i]] if taken[i] < len(left[i]) else 0.0
    exact = stopped_at == len(blocks)
    if exact:
        candidates = list(lower)
    else:
        reach = sum(remaining) * SAFETY
        candidates = [d for d, s in lower.items() if s + reach >= threshold]
        _complete(scorer, terms, parts, decoded_blocks, candidates, excluded)
    final = {d: _tree_sum(node, parts, d, iter(range(len(leaves)))) for d in candidates}
    ranked = heapq.nsmallest(k, final.items(), key=lambda item: (-item[1], item[0]))
    total = len(lower) if exact else _estimate(terms, len(lower), scorer.reader.doc_count())
    return TopK(ranked, total, exact, len(decoded_blocks), len(blocks))


def _tree_sum(node: Q.Query, parts: list[Scores], docnum: int, leaf_numbers: object) -> float:
    """The score ``FastScorer`` gives ``docnum``: parts summed left to right, nested as the tree."""
    if isinstance(node, Q.Term):
        return parts[next(leaf_numbers)].get(docnum, 0.0)  # type: ignore[call-overload]
    if isinstance(node, _NULL):
        return 0.0
    total = 0.0
    for n, part in enumerate(node.subqueries):
        score = _tree_sum(part, parts, docnum, leaf_numbers)
        total = score if n == 0 else total + score
    return total


def _read_headers(scorer: FastScorer, leaf: Q.Term, number: int) -> _Term:
    """Each posting block's position and score bound, from the headers alone."""
    searcher = scorer.searcher
    field_name, text = leaf.fieldname, leaf.text
    idf = searcher.idf(field_name, text)
    avgfl = searcher.avg_field_length(field_name) or 1
    norm_b = K1 * B / avgfl
    norm_a = K1 * (1 - B)
    term = _Term(field_name, text, idf * (K1 + 1) * leaf.boost, norm_a, scorer._length_parts(field_name))
    for segment, (reader, _base) in enumerate(scorer.leaves):
        try:
            matcher = reader.postings(field_name, text)
        except TermNotFound:
            continue
        position = matcher._baseoffset
        while matcher.is_active():
            weight, shortest = matcher._maxweight, matcher._minlength or 0
            bound = term.factor * weight / (weight + norm_a + norm_b * shortest) if weight > 0 else 0.0
            term.blocks.append(_Block(bound * SAFETY, number, segment, position, matcher._maxid))
            term.doc_frequency += matcher._blocklength
            position = matcher._nextoffset
            matcher._next_block()
    return term


def _decode(scorer: FastScorer, term: _Term, block: _Block, excluded: set[int]) -> Scores:
    """One block's scores, computed as ``FastScorer._term`` computes them (same floats)."""
    reader, base = scorer.leaves[block.segment]
    matcher = reader.postings(term.field, term.text)
    matcher._goto(block.position)
    matcher._read_ids()
    matcher._read_weights()
    factor, norm_a, lengths = term.factor, term.norm_a, term.lengths
    deleted = reader.deleted_docs() if reader.has_deletions() else ()
    return {base + d: factor * w / (w + norm_a + lengths[base + d])
            for d, w in zip(matcher._ids, matcher._weights, strict=False)
            if base + d not in excluded and d not in deleted}


def _complete(scorer: FastScorer, terms: list[_Term], parts: list[Scores],
              decoded: set[tuple[int, int, int]], candidates: list[int], excluded: set[int]) -> None:
    """Decode the blocks that may hold a part of a candidate's score not yet known."""
    starts = [base for _reader, base in scorer.leaves]
    for number, term in enumerate(terms):
        by_segment: dict[int, list[_Block]] = {}
        for block in term.blocks:
            by_segment.setdefault(block.segment, []).append(block)
        last_ids = {segment: [b.max_id for b in blocks] for segment, blocks in by_segment.items()}
        wanted: set[tuple[int, int]] = set()
        for docnum in candidates:
            segment = bisect.bisect_right(starts, docnum) - 1
            ends = last_ids.get(segment)
            if not ends:
                continue
            i = bisect.bisect_left(ends, docnum - starts[segment])
            if i < len(ends) and (number, segment, by_segment[segment][i].position) not in decoded:
                wanted.add((segment, i))
        for segment, i in sorted(wanted):
            block = by_segment[segment][i]
            parts[number].update(_decode(scorer, term, block, excluded))
            decoded.add((number, segment, block.position))


def _estimate(terms: list[_Term], seen: int, doc_count: int) -> int:
    """Documents matching any term, if terms occurred independently, within what is certain."""
    counts = [t.doc_frequency for t in terms]
    if not counts or doc_count <= 0:
        return seen
    missing = 1.0
    for count in counts:
        missing *= max(0.0, 1 - count / doc_count)
    guess = round(doc_count * (1 - missing))
    return max(seen, max(counts), min(guess, sum(counts)))
