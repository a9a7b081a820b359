"""The keystroke path (block-max top-k) against the exhaustive evaluator, on the benchmark's queries.

Same top hits in the same order with the same scores, for the first page and a
later one; a total that is exact when nothing was skipped and otherwise within
what is certain; and block bounds that are never below a document's real score.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from whoosh import query as Q

from reader.core import paths as pathsmod
from reader.core.search import QueryError, SearchIndex, topk
from reader.core.search.engine import SearchIndex as Engine
from tests.unit.benchmarks.conftest import search_bench


@pytest.fixture(scope="module")
def opened(generated: tuple[Path, list[search_bench.BenchQuery]], tmp_path_factory: pytest.TempPathFactory):
    root, mix = generated
    paths = pathsmod.Paths.under(tmp_path_factory.mktemp("rr-data")).ensure()
    with SearchIndex.open(root, paths) as index:
        assert isinstance(index, Engine)
        yield index, mix


def _ranked(index: Engine, text: str, k: int) -> list[tuple[int, float]]:
    scores = index._fast.evaluate(index.parse(text).combined(), time.perf_counter() + 30)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]


@pytest.mark.parametrize("k", [1, 10, 30])
def test_same_top_hits_as_the_exhaustive_evaluator(opened: tuple[Engine, list], k: int) -> None:
    index, mix = opened
    compared = skipped_blocks = 0
    for bench_query in mix:
        try:
            query = index.parse(bench_query.app).combined()
            found = topk.top_k(index._fast, query, k, set(), time.perf_counter() + 30)
        except QueryError:
            continue
        except topk.NotPrunable:
            assert bench_query.kind in ("and", "phrase", "fields") or " " in bench_query.app, bench_query.app
            continue
        assert found.ranked == _ranked(index, bench_query.app, k), bench_query.app  # the same floats
        everything = index._fast.evaluate(query, time.perf_counter() + 30)
        if found.exact:
            assert found.total == len(everything), bench_query.app
        else:
            assert found.total >= max(len(found.ranked), 1)
        compared += 1
        skipped_blocks += found.blocks - found.decoded
    assert compared > len(mix) // 3
    assert skipped_blocks > 0  # the pruning was exercised, not only the exhaustive fallback


def test_a_later_page_through_the_engine_is_the_same(opened: tuple[Engine, list]) -> None:
    index, mix = opened
    for bench_query in mix[::7]:
        try:
            exact = index.search(bench_query.app, limit=10, offset=10, snippets=False)
        except QueryError:
            continue
        quick = index.search(bench_query.app, limit=10, offset=10, snippets=False, exact=False)
        assert [(h.id, h.score) for h in quick.hits] == [(h.id, h.score) for h in exact.hits], bench_query.app
        assert quick.facets == {}
        if not quick.total_is_estimate:
            assert quick.total == exact.total


def test_block_bounds_hold_every_score_in_the_block(opened: tuple[Engine, list]) -> None:
    index, mix = opened
    checked = 0
    for bench_query in mix:
        if bench_query.kind not in ("one_word", "prefix_typing"):
            continue
        try:
            query = index.parse(bench_query.app).combined()
            leaves = topk.leaves_of(query, index._fast.searcher.schema)
        except (QueryError, topk.NotPrunable):
            continue
        for number, leaf in enumerate(leaves):
            term = topk._read_headers(index._fast, leaf, number)
            for block in term.blocks:
                scores = topk._decode(index._fast, term, block, set())
                assert max(scores.values()) <= block.bound
                checked += 1
    assert checked > 100


def test_a_query_of_another_shape_is_declined() -> None:
    from reader.core.search.schema import build_schema

    schema = build_schema()
    with pytest.raises(topk.NotPrunable):
        topk.leaves_of(Q.And([Q.Term("body", "a"), Q.Term("body", "b")]), schema)
    with pytest.raises(topk.NotPrunable):
        topk.leaves_of(Q.Term("date", "2019"), schema)
    assert len(topk.leaves_of(Q.Or([Q.Term("body", "a"), Q.Or([Q.Term("title", "b")])]), schema)) == 2
