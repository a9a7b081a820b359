"""Surface vocabulary: completions for a partial word and spelling suggestions."""

from __future__ import annotations

import bisect
import functools
import heapq

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    """Folded surface words with the number of articles using each.

    Edit distances are optimal string alignment (Damerau–Levenshtein without
    repeated edits): a swapped pair of letters, the commonest typo, is one edit.
    """

    def __init__(self, counts: dict[str, int]) -> None:
        self.words = sorted(counts)
        self.counts = [counts[word] for word in self.words]
        self._count = counts

    def __contains__(self, word: str) -> bool:
        return word in self._count

    def count(self, word: str) -> int:
        return self._count.get(word, 0)

    @functools.lru_cache(maxsize=512)  # noqa: B019 (one Vocabulary per open index)
    def completions(self, prefix: str, limit: int) -> tuple[tuple[str, int], ...]:
        """The ``limit`` most used words starting with ``prefix``, most used first."""
        lo = bisect.bisect_left(self.words, prefix)
        hi = bisect.bisect_left(self.words, prefix + "\U0010ffff", lo)
        best = heapq.nlargest(limit, range(lo, hi), key=self.counts.__getitem__)
        return tuple((self.words[i], self.counts[i]) for i in best)

    def similar(self, word: str, max_distance: int, limit: int) -> list[str]:
        """Up to ``limit`` most used words within ``max_distance`` edits (the word included)."""
        found = process.extract(word, self.words, scorer=OSA.distance,
                                score_cutoff=max_distance, limit=limit * 4)
        found.sort(key=lambda item: (item[1], -self.counts[item[2]]))
        return [text for text, _distance, _index in found[:limit]]

    def suggest(self, word: str, max_distance: int = 2) -> str | None:
        """The most used word within ``max_distance`` edits, if any (not the word itself)."""
        if len(word) < 3 or not self.words:
            return None
        found = process.extract(word, self.words, scorer=OSA.distance,
                                score_cutoff=min(max_distance, len(word) // 3 + 1), limit=20)
        candidates = [(distance, -self.counts[index], text) for text, distance, index in found
                      if text != word]
        return min(candidates)[2] if candidates else None
