"""Result assembly against the way it was done before (issue 17): same hits, same order, same snippets.

Before, the top hits were ``heapq.nlargest`` with a (score, -docnum) key over
every match, and each snippet converted the hit's article again and marked
every token whose stem was wanted.  Now the ranking selects in C from a sample's
floor, the text comes from the index's text store and only tokens that can
stem to a wanted word are stemmed; on the benchmark's whole query mix nothing
the user sees may differ.
"""

from __future__ import annotations

import heapq
import time
from pathlib import Path

import pytest

from reader.core.search import QueryError, SearchIndex, ranking, snippets, textstore
from reader.core.search.analysis import WORD_RE, markdown_to_plain, stem
from tests.unit.benchmarks.conftest import search_bench


def reference_hits(text: str, stems: set[str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), stem(m.group())) for m in WORD_RE.finditer(text) if stem(m.group()) in stems]


@pytest.mark.parametrize("sample", [ranking.RANK_SAMPLE, 8])
def test_same_hits_order_and_snippets_as_before(generated: tuple[Path, list[search_bench.BenchQuery]],
                                                data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                sample: int) -> None:
    from reader.core import paths as pathsmod

    monkeypatch.setattr(ranking, "RANK_SAMPLE", sample)  # 8: the sampled floor on a small archive
    root, mix = generated
    compared = 0
    with SearchIndex.open(root, pathsmod.Paths.under(data_dir).ensure()) as index:
        assert (index.index_dir / textstore.TEXTS).exists()
        for bench_query in mix:
            try:
                result = index.search(bench_query.app, limit=10, facets=False, time_limit=30)
                parsed = index.parse(bench_query.app)
            except QueryError:
                continue
            matched = index._fast.evaluate(parsed.combined(), time.perf_counter() + 30)
            expected = heapq.nlargest(10, matched, key=lambda d: (matched[d], -d))
            assert [hit.id for hit in result.hits] == [index.docinfo[d].id for d in expected], bench_query.app
            assert result.total == len(matched)
            with monkeypatch.context() as patched:
                patched.setattr(snippets, "_hits", reference_hits)
                before = [snippets.make_snippet(markdown_to_plain(index.archive.article(hit.id).body),
                                                parsed.highlight) for hit in result.hits]
            assert [hit.snippet for hit in result.hits] == before, bench_query.app
            compared += bool(result.hits)
    assert compared > len(mix) // 2
