"""Snippets: two or three fragments of the article with the hit words marked.

Made only for the hits on screen, from the article's own text, with the same
stemmer as the index: "running" is marked for a search on "run".
"""

from __future__ import annotations

import bisect
import html
import re
from itertools import compress

from reader.core.search.analysis import WORD_RE, stem

CONTEXT = 70  # characters on each side of a hit
FRAGMENTS = 3
LEAD = 220  # characters shown when no word of the query is in the body
MAX_CANDIDATES = 40


def make_snippet(text: str, stems: set[str], *, fragments: int = FRAGMENTS) -> str:
    """HTML: escaped text, hits in ``<mark>``, fragments joined with an ellipsis."""
    hits = _hits(text, stems) if stems else []
    if not hits:
        lead = " ".join(text[: LEAD + 40].split())
        cut = lead[:LEAD].rsplit(" ", 1)[0] if len(lead) > LEAD else lead
        return html.escape(cut) + (" …" if len(lead) > LEAD else "")
    windows = _choose_windows(text, hits, fragments)
    parts = []
    for start, end in windows:
        lo, hi = bisect.bisect_left(hits, (start,)), bisect.bisect_right(hits, (end, len(text) + 1))
        parts.append(_mark(text, start, end, [(s, e) for s, e, _ in hits[lo:hi] if e <= end]))
    prefix = "… " if windows[0][0] > 0 else ""
    suffix = " …" if windows[-1][1] < len(text) else ""
    return prefix + " … ".join(parts) + suffix


class _StemCache(dict[str, str]):
    """Token → stem, bounded (cleared when full)."""

    def __missing__(self, token: str) -> str:
        if len(self) > 200_000:
            self.clear()
        found = self[token] = stem(token)
        return found


_STEMS = _StemCache()


def _hits(text: str, stems: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every token of ``text`` whose stem is in ``stems``.

    Stemming each distinct token once and then finding only the hit tokens
    with one regex costs a fraction of stemming every token in Python (the
    biggest cost of a search, profiled).  The pattern's lookarounds give the
    same token boundaries as ``WORD_RE`` (a token is a maximal run of word
    characters joined by single dots), so the hits are exactly those of
    ``WORD_RE.finditer``; a test holds the two to that.
    """
    tokens = set(WORD_RE.findall(text))
    # map() and compress() over a dict run in C: this is per distinct token of every hit's text.
    wanted = list(compress(tokens, map(stems.__contains__, map(_STEMS.__getitem__, tokens))))
    if not wanted:
        return []
    alternatives = "|".join(re.escape(token) for token in sorted(wanted, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?<!\w\.)(?:{alternatives})(?!\w)(?!\.\w)")
    return [(m.start(), m.end(), stem(m.group())) for m in pattern.finditer(text)]


def _choose_windows(text: str, hits: list[tuple[int, int, str]], fragments: int) -> list[tuple[int, int]]:
    """Greedy: prefer windows that add query words not yet shown, then earlier ones."""
    starts = [h[0] for h in hits]
    first_of_each = {}
    for hit in hits:
        first_of_each.setdefault(hit[2], hit)
    # A common word can hit hundreds of times: consider the first few and each word's first.
    candidates = sorted(set(hits[:MAX_CANDIDATES]) | set(first_of_each.values()))

    def words_in(lo: int, hi: int) -> set[str]:
        return {hits[k][2] for k in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi))
                if hits[k][1] <= hi}

    chosen: list[tuple[int, int]] = []
    shown: set[str] = set()
    while candidates and len(chosen) < fragments:
        best = max(candidates, key=lambda hit, seen=frozenset(shown): (
            len(words_in(*_bounds(text, hit[0], hit[1])) - seen), -hit[0]))
        lo, hi = _bounds(text, best[0], best[1])
        chosen.append((lo, hi))
        shown |= words_in(lo, hi)
        candidates = [h for h in candidates if h[1] <= lo - CONTEXT or h[0] >= hi + CONTEXT]
    chosen.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in chosen:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - CONTEXT)
    hi = min(len(text), end + CONTEXT)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def _mark(text: str, start: int, end: int, hits: list[tuple[int, int]]) -> str:
    out, cursor = [], start
    for s, e in hits:
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return " ".join("".join(out).split())
