"""Finding an annotation's words again in a (possibly edited) article text.

Pure functions over the canonical text (see :mod:`.text`).  :func:`anchor`
tries, cheapest first:

1. **exact** — the position selector still spans the quote (the usual case:
   one slice comparison, so opening an article costs nothing per note);
2. **moved** — the quote occurs verbatim elsewhere; among repeats the one
   whose surroundings agree best with the stored prefix/suffix wins, then the
   one nearest the old position.  A verbatim quote is trusted wherever it is
   (as the Hypothesis annotator does): only the context can tell repeats apart;
3. **fuzzy** — the quote was edited.  Candidate windows come from rapidfuzz's
   ``partial_ratio_alignment`` (over the whole text, around the old position,
   and for quote-with-context), their ends are refined to the least
   Levenshtein distance, and each is scored.

The fuzzy rule, and why.  A candidate needs both:

* at most ``len(quote) * MAX_ERRORS`` (a quarter) character edits to the
  quote, so at least three quarters of what the reader marked is still there;
* a **similarity of at least FUZZY_THRESHOLD = 0.75**, where similarity is the
  length-weighted mean of the Levenshtein similarities of the quote, the
  prefix and the suffix (each 0..1; prefix and suffix weigh by their stored
  length, up to 32 characters each).  Weighting by length makes the context
  matter most where chance matches are likeliest: a 10-character quote is
  outweighed six to one by its 64 characters of context, so a look-alike word
  in unrelated surroundings (context similarity ~0.3) scores ~0.35 and is
  refused, whereas the same word edited in place keeps its context and scores
  ~0.95.  A long quote carries its own evidence: 60 characters edited by 20%
  with intact context score ~0.9, and even with one side's context rewritten
  ~0.72 — close to the line on purpose: below it we prefer an orphan (shown in
  the notes list, never lost) to a highlight on the wrong words.

A candidate is also refused when the prefix and suffix fit (similarity at
least :data:`GAP_CONTEXT`) better with nothing between them, at either end of
it, than around it: the quote was deleted and a look-alike neighbour is not it.
Quotes shorter than :data:`MIN_FUZZY` characters are never placed fuzzily:
a quarter of three characters is no edit at all.  Closeness to the old
position only breaks ties between candidates (weight :data:`NEAR_WEIGHT`); it
is not evidence on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from reader.core.annotations.model import CONTEXT, AnchorState, Selector
from reader.core.i18n import _

MAX_ERRORS = 0.25
FUZZY_THRESHOLD = 0.75
MIN_FUZZY = 4
NEAR_WEIGHT = 0.02
GAP_CONTEXT = 0.8
_REFINE_ROUNDS = 4


@dataclass(frozen=True)
class Match:
    """Where a selector's quote is now; ``score`` is its similarity (1.0 when verbatim)."""

    start: int
    end: int
    state: AnchorState
    score: float


def make_selector(text: str, start: int, end: int) -> Selector:
    """The selectors for ``text[start:end]``, with up to 32 characters of context."""
    if not 0 <= start < end <= len(text):
        raise ValueError(_("selection {start}..{end} is empty or outside the text ({count} chars)")
                         .format(start=start, end=end, count=len(text)))
    return Selector(exact=text[start:end], prefix=text[max(0, start - CONTEXT):start],
                    suffix=text[end:end + CONTEXT], start=start, end=end)


def anchor(text: str, selector: Selector) -> Match | None:
    """The best place for ``selector`` in ``text``, or None if it is an orphan."""
    exact = selector.exact
    start, end = selector.start, selector.end
    if end <= len(text) and text[start:end] == exact:
        return Match(start, end, "exact", 1.0)
    return _verbatim(text, selector) or _fuzzy(text, selector)


def similarity(text: str, selector: Selector, start: int, end: int) -> float:
    """Length-weighted Levenshtein similarity of quote, prefix and suffix at ``start..end``."""
    quote = Levenshtein.normalized_similarity(selector.exact, text[start:end])
    around = len(selector.prefix) + len(selector.suffix)
    context = _context(text, selector, start, end)
    return (len(selector.exact) * quote + around * context) / (len(selector.exact) + around)


def _nearness(text: str, selector: Selector, start: int) -> float:
    return 1.0 - min(1.0, abs(start - selector.start) / max(len(text), 1))


def _verbatim(text: str, selector: Selector) -> Match | None:
    exact = selector.exact
    best: tuple[float, int, int] | None = None
    at = text.find(exact)
    while at >= 0:
        key = (similarity(text, selector, at, at + len(exact)), -abs(at - selector.start), at)
        if best is None or key > best:
            best = key
        at = text.find(exact, at + 1)
    if best is None:
        return None
    score, _, at = best
    return Match(at, at + len(exact), "moved", score)


def _fuzzy(text: str, selector: Selector) -> Match | None:
    exact = selector.exact
    max_edits = int(len(exact) * MAX_ERRORS)
    if len(exact) < MIN_FUZZY or len(text) < len(exact) - max_edits:
        return None
    best: tuple[float, Match] | None = None
    for rough_start, rough_end in _candidates(text, selector, max_edits):
        start, end, edits = _refine(text, exact, rough_start, rough_end, max_edits + 4)
        if edits > max_edits:
            continue
        score = similarity(text, selector, start, end)
        if _closes_over_a_gap(text, selector, start, end):
            continue
        rank = score + NEAR_WEIGHT * _nearness(text, selector, start)
        if score >= FUZZY_THRESHOLD and (best is None or rank > best[0]):
            best = (rank, Match(start, end, "fuzzy", score))
    return best[1] if best else None


def _context(text: str, selector: Selector, before: int, after: int) -> float:
    """Similarity of the prefix ending at ``before`` and the suffix starting at ``after``."""
    prefix, suffix = selector.prefix, selector.suffix
    if not prefix and not suffix:
        return 0.0
    head = Levenshtein.normalized_similarity(prefix, text[max(0, before - len(prefix)):before])
    tail = Levenshtein.normalized_similarity(suffix, text[after:after + len(suffix)])
    return (len(prefix) * head + len(suffix) * tail) / (len(prefix) + len(suffix))


def _closes_over_a_gap(text: str, selector: Selector, start: int, end: int) -> bool:
    """Whether prefix and suffix meet at one end of the candidate: the quote was deleted.

    Otherwise a neighbouring word that resembles a deleted short quote (``these``
    → ``those``) would inherit its highlight.
    """
    present = _context(text, selector, start, end)
    closed = max(_context(text, selector, start, start), _context(text, selector, end, end))
    return closed >= GAP_CONTEXT and closed > present


def _candidates(text: str, selector: Selector, max_edits: int) -> set[tuple[int, int]]:
    """Rough spans of quote length: best match anywhere, near the old place, and with context."""
    exact, prefix, suffix = selector.exact, selector.prefix, selector.suffix
    spans: set[tuple[int, int]] = set()
    reach = len(exact) + max_edits + CONTEXT
    lo, hi = max(0, selector.start - reach), min(len(text), selector.end + reach)
    for needle, quote_at, offset, haystack in (
        (exact, 0, 0, text),
        (exact, 0, lo, text[lo:hi]),
        (prefix + exact + suffix, len(prefix), 0, text),
    ):
        found = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=50) if haystack else None
        if found is not None:  # where the quote would begin within the aligned window
            begin = offset + found.dest_start + max(0, quote_at - found.src_start)
            spans.add((begin, min(len(text), begin + len(exact))))
    return spans


def _refine(text: str, exact: str, start: int, end: int, radius: int) -> tuple[int, int, int]:
    """Move each end within ``radius`` to the least edit distance (then the least shift)."""
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    edits = Levenshtein.distance(exact, text[start:end])
    for _round in range(_REFINE_ROUNDS):
        moved = False
        for side in ("end", "start"):
            if side == "end":
                options = range(max(start + 1, end - radius), min(n, end + radius) + 1)
                cost = [(Levenshtein.distance(exact, text[start:e]), abs(e - end), e) for e in options]
            else:
                options = range(max(0, start - radius), min(end - 1, start + radius) + 1)
                cost = [(Levenshtein.distance(exact, text[s:end]), abs(s - start), s) for s in options]
            if not cost:
                continue
            best_edits, _, best_at = min(cost)
            if best_edits < edits:
                edits, moved = best_edits, True
                if side == "end":
                    end = best_at
                else:
                    start = best_at
        if not moved:
            break
    return start, end, edits
