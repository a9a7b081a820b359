"""The best documents of a query's matches, without a Python call per match."""

from __future__ import annotations

from itertools import compress, islice

#: Scores sampled to find a floor under the k-th best: the sample's sort and the documents at or above
#: its k-th score (about ``wanted * len(matched) / RANK_SAMPLE``) both stay small.
RANK_SAMPLE = 2048


def top_by_score(matched: dict[int, float], wanted: int) -> list[int]:
    """The ``wanted`` best documents by score, ties by document number: ``nlargest`` with a key.

    A key function is a Python call per match (up to every document of the archive:
    3.3 s of the benchmark's 560 queries at 100,000).  Here everything per match
    runs in C: the k-th best score of a sample of the scores is at most the k-th
    best of all, so the documents scoring at least that much hold the top k, and
    only they are sorted (by number, then stably by score).
    """
    if wanted <= 0 or not matched:
        return []
    scores = matched.values()
    step = len(matched) // RANK_SAMPLE
    if step > 1 and wanted <= RANK_SAMPLE:  # the sample has at least RANK_SAMPLE scores
        floor = float(sorted(islice(scores, 0, None, step), reverse=True)[wanted - 1])
        ranked = sorted(compress(matched, map(floor.__le__, scores)))  # float.__le__ takes ints too
    else:
        ranked = sorted(matched)
    ranked.sort(key=matched.__getitem__, reverse=True)  # stable: equal scores stay by number
    return ranked[:wanted]
