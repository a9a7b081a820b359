"""Surface vocabulary: completions for a partial word and spelling suggestions."""

from __future__ import annotations

import bisect
import functools
import heapq
import operator
from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    """Folded surface words with the number of articles using each, sorted by word.

    Edit distances are optimal string alignment (Damerau–Levenshtein without
    repeated edits): a swapped pair of letters, the commonest typo, is one edit.
    ``vocab.json`` stores the words already sorted with their counts beside
    them, so loading is one JSON parse: no dictionary, no sort (4 against
    39 ms for 40,000 words at 100,000 articles).
    """

    def __init__(self, counts: dict[str, int] | None = None,
                 loader: Callable[[], tuple[list[str], list[int]]] | None = None) -> None:
        self._loader = loader
        self._words: list[str] = []
        self._counts: list[int] = []
        if counts is not None:
            self._set(*sorted_counts(counts))

    def _set(self, words: list[str], counts: list[int]) -> None:
        if len(words) != len(counts) or any(map(operator.ge, words, words[1:])):
            raise ValueError("the vocabulary is not sorted words with their counts")
        self._words, self._counts = words, counts
        self._loader = None

    def _ensure(self) -> None:
        """Loaded on first use: plain-word searches never need it."""
        if self._loader is not None:
            self._set(*self._loader())

    @property
    def words(self) -> list[str]:
        self._ensure()
        return self._words

    @property
    def counts(self) -> list[int]:
        self._ensure()
        return self._counts

    def _index(self, word: str) -> int | None:
        words = self.words
        at = bisect.bisect_left(words, word)
        return at if at < len(words) and words[at] == word else None

    def __contains__(self, word: str) -> bool:
        return self._index(word) is not None

    def count(self, word: str) -> int:
        at = self._index(word)
        return 0 if at is None else self._counts[at]

    @functools.lru_cache(maxsize=512)  # noqa: B019 (one Vocabulary per open index)
    def completions(self, prefix: str, limit: int) -> tuple[tuple[str, int], ...]:
        """The ``limit`` most used words starting with ``prefix``, most used first."""
        words, counts = self.words, self.counts
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\U0010ffff", lo)
        best = heapq.nlargest(limit, range(lo, hi), key=counts.__getitem__)
        return tuple((words[i], counts[i]) for i in best)

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


def sorted_counts(counts: dict[str, int]) -> tuple[list[str], list[int]]:
    """Words in order with their counts: the form ``vocab.json`` keeps."""
    words = sorted(counts)
    return words, [counts[word] for word in words]
