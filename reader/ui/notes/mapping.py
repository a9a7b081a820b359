"""Offsets in the canonical text ↔ positions in the article view's document.

Selectors count characters in ``article_plain_text(article)``: the body only,
white space collapsed (see ``reader.core.annotations.text``).  The view's
document also has the header (title, byline, tags) and lays blocks out with
its own separators, so positions differ.  Per render we collapse the
document's text the same way with ``normalize_with_map`` (which also gives,
for each normalized character, its document position) and find where the
canonical text sits inside it, once.  Then

    canonical offset + base → normalized offset → document position (the map)

and back with a bisection.  Images are U+FFFC in the document and absent from
the canonical text, so they count as white space here.  When the canonical
text still does not appear verbatim (a rendering difference we do not know
of), each span falls back to finding its own text near where it should be.
"""

from __future__ import annotations

import bisect

from reader.core.annotations.text import normalize_with_map

_OBJECT = "\ufffc"  # an image (or other inline object) in a QTextDocument


class TextMap:
    """Maps spans between a canonical text and a document's plain text."""

    def __init__(self, canonical: str, document_text: str) -> None:
        self.canonical = canonical
        self.normalized, self._positions = normalize_with_map(document_text.replace(_OBJECT, " "))
        found = self.normalized.rfind(canonical) if canonical else -1
        self.base: int | None = found if found >= 0 else None

    @property
    def exact(self) -> bool:
        """True when the canonical text was found verbatim (every span maps exactly)."""
        return self.base is not None

    def to_document(self, start: int, end: int) -> tuple[int, int] | None:
        """Document positions of canonical ``[start, end)``, or None when not in the document."""
        if not 0 <= start < end <= len(self.canonical):
            return None
        if self.base is not None:
            first, last = self.base + start, self.base + end - 1
        else:
            quote = self.canonical[start:end]
            first = _nearest(self.normalized, quote, start + len(self.normalized) - len(self.canonical))
            if first < 0:
                return None
            last = first + len(quote) - 1
        return self._positions[first], self._positions[last] + 1

    def to_canonical(self, start: int, end: int) -> tuple[int, int] | None:
        """Canonical offsets of the document span ``[start, end)``, white space trimmed.

        None when the span holds nothing of the body (e.g. only the header).
        """
        first = bisect.bisect_left(self._positions, start)
        last = bisect.bisect_left(self._positions, end)
        if self.base is not None:
            first = max(first, self.base) - self.base
            last = min(last, self.base + len(self.canonical)) - self.base
        else:
            quote = self.normalized[first:last].strip()
            if not quote:
                return None
            shift = len(self.normalized) - len(self.canonical)
            found = _nearest(self.canonical, quote, first - shift)
            if found < 0:
                return None
            first, last = found, found + len(quote)
        while first < last and self.canonical[first].isspace():
            first += 1
        while last > first and self.canonical[last - 1].isspace():
            last -= 1
        return (first, last) if first < last else None


def _nearest(text: str, needle: str, around: int) -> int:
    """The occurrence of ``needle`` in ``text`` that starts closest to ``around`` (-1 if none)."""
    best, position = -1, text.find(needle)
    while position >= 0:
        if best < 0 or abs(position - around) < abs(best - around):
            best = position
        elif position > around:
            break
        position = text.find(needle, position + 1)
    return best
