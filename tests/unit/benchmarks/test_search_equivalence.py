"""The fast evaluator against Whoosh's own collector on the benchmark's whole query mix.

On a generated archive: every query finds exactly the documents Whoosh finds
(exact totals), and, except for phrases (scored as summed word scores), the
same top 10 in the same order, up to the constant Whoosh adds for filter-like
parts.  Speed-ups to the evaluator must keep this test green.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.search import QueryError, SearchIndex
from reader.core.search.engine import SearchIndex as Engine
from tests.unit.benchmarks.conftest import search_bench

TOP = 10


def _top(scores: dict[int, float]) -> list[tuple[float, int]]:
    ranked = ((round(score, 9), docnum) for docnum, score in scores.items())
    return sorted(ranked, key=lambda pair: (-pair[0], pair[1]))


def test_same_matches_and_top_ten_as_whoosh(generated: tuple[Path, list[search_bench.BenchQuery]],
                                            data_dir: Path) -> None:
    from reader.core import paths as pathsmod

    root, mix = generated
    compared = 0
    with SearchIndex.open(root, pathsmod.Paths.under(data_dir).ensure()) as index:
        assert isinstance(index, Engine)
        for bench_query in mix:
            try:
                query = index.parse(bench_query.app).combined()
            except QueryError:
                continue
            fast = index._fast.evaluate(query, time.perf_counter() + 30)
            slow, partial = index._collect_with_whoosh(query, 30)
            assert not partial
            assert fast.keys() == slow.keys(), bench_query.app
            if bench_query.kind == "phrase" or not fast:
                continue
            offset = min(slow.values()) - min(fast.values())
            shifted = {d: s - offset for d, s in slow.items()}
            assert [d for _, d in _top(fast)[:TOP]] == [d for _, d in _top(shifted)[:TOP]], bench_query.app
            compared += 1
    assert compared > len(mix) // 2


def test_decoded_terms_kept_give_the_same_scores_within_their_bound(
        generated: tuple[Path, list[search_bench.BenchQuery]], data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core import paths as pathsmod
    from reader.core.search import fastpath, sidepath

    monkeypatch.setattr(fastpath, "CACHE_FROM", 1)
    monkeypatch.setattr(fastpath, "CACHED_POSTINGS", 5_000)
    root, mix = generated
    with SearchIndex.open(root, pathsmod.Paths.under(data_dir).ensure()) as index:
        queries = _parsed(index, mix)
        from_side_files = [index._fast.evaluate(query, time.perf_counter() + 30) for query in queries]
        assert not index._fast._decoded  # side files are read again, not kept
    # Only what is decoded through Whoosh's blocks is kept (segments without side files).
    monkeypatch.setattr(sidepath.SideFiles, "segment", lambda self, n: None)
    with SearchIndex.open(root, pathsmod.Paths.under(data_dir).ensure()) as index:
        assert isinstance(index, Engine)
        queries = _parsed(index, mix)
        fast = index._fast
        first = [fast.evaluate(query, time.perf_counter() + 30) for query in queries]
        assert fast._decoded and fast._decoded_size <= 5_000
        assert fast._decoded_size == sum(len(ids) for ids, _ in fast._decoded.values())
        again = [fast.evaluate(query, time.perf_counter() + 30) for query in queries]
        assert again == first  # the same documents and the same floats, kept or decoded again
        assert first == from_side_files


def _parsed(index: SearchIndex, mix: list[search_bench.BenchQuery]) -> list[object]:
    """The benchmark's queries as the engine parses them (those it refuses left out)."""
    queries = []
    for bench_query in mix:
        try:
            queries.append(index.parse(bench_query.app).combined())
        except QueryError:
            continue
    return queries
