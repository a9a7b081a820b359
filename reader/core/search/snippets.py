"""Snippets: two or three fragments of the article with the hit words marked.

Made only for the hits on screen, from the article's own text, with the same
stemmer as the index: "running" is marked for a search on "run".
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import string

from reader.core.search.analysis import fold, stem

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

    Stemming each token in Python was the biggest cost of a search (profiled),
    and a first pass listing every token cost as much again.  The stemmer only
    rewrites a word's end: a stem is a prefix of the folded word plus at most 4
    letters, and it keeps the first letter.  So one regex pass finds only the
    tokens starting with a letter some wanted stem starts with (about a tenth
    of them), and a token not yet stemmed is stemmed only if its folded form
    starts with a wanted stem less its last 4 letters.  The pattern gives the
    same token boundaries as ``WORD_RE`` (a token is a maximal run of word
    characters joined by single dots), so the hits are exactly those of
    ``WORD_RE.finditer``; tests hold the two, and the stemmer's rules, to that.
    """
    pattern = _candidates(frozenset(wanted[:1] for wanted in stems))
    heads = tuple(wanted[:-4] for wanted in stems)
    known = _STEMS
    found: list[tuple[int, int, str]] = []
    for match in pattern.finditer(text):
        token = match.group()
        stemmed = known.get(token)
        if stemmed is None:
            if not fold(token).startswith(heads):
                continue
            stemmed = known[token]
        if stemmed in stems:
            found.append((match.start(), match.end(), stemmed))
    return found


@functools.lru_cache(maxsize=256)
def _candidates(first_letters: frozenset[str]) -> re.Pattern[str]:
    """Tokens that may stem to a word starting with one of ``first_letters``.

    Only ASCII letters are ruled out: a token starting with any other word
    character (a digit, an accented letter whose folding is not one letter)
    is always stemmed and checked.
    """
    excluded = "".join(c + c.upper() for c in string.ascii_lowercase if c not in first_letters)
    # The class first (a fast scan in C), then the lookbehinds of a token start: not after a
    # word character, nor after a word character and a dot (that dot joins a dotted token).
    return re.compile(rf"[^\W{excluded}](?<!\w.)(?<!\w\.\w)\w*(?:\.?\w+)*")


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
