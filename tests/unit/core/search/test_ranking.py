"""The ranking's C-level selection against the plain definition: ``nlargest`` by (score, -docnum)."""

from __future__ import annotations

import heapq
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search import ranking

#: Few distinct scores: ties at the k-th score, which the document number must break.
SCORES = st.sampled_from([0.5, 1.0, 1.25, 2.0, 3.5, 7.0]) | st.floats(0.0, 10.0)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.integers(0, 5_000), SCORES, max_size=400), st.integers(0, 60),
       st.sampled_from([2, 3, 8, 2048]), st.randoms())
def test_top_by_score_is_nlargest_by_score_then_docnum(matched: dict[int, float], wanted: int, sample: int,
                                                        rng: random.Random) -> None:
    items = list(matched.items())
    rng.shuffle(items)  # the evaluator's dicts are not in docnum order
    shuffled = dict(items)
    expected = heapq.nlargest(wanted, shuffled, key=lambda d: (shuffled[d], -d))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(ranking, "RANK_SAMPLE", sample)
        assert ranking.top_by_score(shuffled, wanted) == expected


def test_integer_scores_rank_too() -> None:
    matched = {5: 1, 3: 2, 9: 2, 1: 0} | {d: 0.5 for d in range(10, 100)}
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(ranking, "RANK_SAMPLE", 4)
        assert ranking.top_by_score(matched, 3) == [3, 9, 5]
