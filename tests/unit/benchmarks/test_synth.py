"""The synthetic archive generator and the search benchmark's command line.

Benchmarks are only comparable across runs if the generator is deterministic,
and only meaningful if the app reads every generated article without a problem.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.archive import open_archive

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import synth  # noqa: E402

KINDS = {"one_word", "and", "or", "phrase", "prefix_typing", "fuzzy", "fields"}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_writes_identical_files(tmp_path: Path) -> None:
    first = _files(synth.generate_archive(tmp_path / "a", 60, seed=7))
    assert first == _files(synth.generate_archive(tmp_path / "b", 60, seed=7))
    assert first != _files(synth.generate_archive(tmp_path / "c", 60, seed=8))
    assert len(first) == 61  # 60 articles and archive.toml


def test_archive_opens_without_problems_and_metadata_has_the_right_types(tmp_path: Path) -> None:
    started = time.perf_counter()
    root = synth.generate_archive(tmp_path / "arch", 200)
    assert time.perf_counter() - started < 5
    with open_archive(root) as archive:
        assert archive.problems == []
        assert len(archive) == 200
        assert archive.info.id == synth.archive_id(200, 1)
        metas = archive.articles()
        for meta in metas:
            assert isinstance(meta.title, str) and 3 <= len(meta.title.split()) <= 10
            assert len(meta.authors) <= 3 and all(isinstance(a, str) for a in meta.authors)
            assert meta.date is None or dt.date.fromisoformat(meta.date).year in range(2005, 2025)
            assert len(meta.tags) <= 5 and all(isinstance(t, str) for t in meta.tags)
            assert 1 <= len(meta.categories) <= 2
            assert meta.summary is None or isinstance(meta.summary, str)
        words = [len(archive.article(m.id).body.split()) for m in metas[:50]]
        assert min(words) >= 150 and max(words) <= 3300
    assert 60 <= sum(m.summary is not None for m in metas) <= 140
    assert any(not a.isascii() for m in metas for a in m.authors)
    assert any('"' in m.title or "\\" in m.title for m in metas)  # the escaping is exercised


def test_vocabulary_offers_query_terms_by_frequency() -> None:
    vocab = synth.Vocabulary.build(1)
    assert len(vocab.ranked) == len(set(vocab.ranked)) > 40_000
    assert {"socialism", "workers", "running"} <= set(vocab.ranked)
    assert not set(vocab.frequent(50)) & set(synth.FUNCTION_WORDS)
    assert "socialism" in vocab.prefix_words()
    table = vocab.word_table()
    assert len(table) == synth.TABLE_SLOTS and set(table) == set(vocab.ranked)
    assert table.count("the") > table.count(vocab.frequent(1)[0]) > table.count(vocab.ranked[-1])


def test_picked_phrases_occur_in_the_text(tmp_path: Path) -> None:
    root = synth.generate_archive(tmp_path / "arch", 30)
    phrases = synth.pick_phrases(root, 10, random.Random(1))
    assert len(phrases) == 10
    text = " ".join(p.read_text(encoding="utf-8").lower() for p in (root / "articles").glob("*.md"))
    for first, second in phrases:
        assert first.isalpha() and second.isalpha() and first not in synth.FUNCTION_WORDS
        assert f"{first} {second}" in text


def _bench(*args: str) -> dict:
    done = subprocess.run([sys.executable, str(BENCHMARKS / "search_bench.py"), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _check_kinds(kinds: dict) -> None:
    assert set(kinds) == KINDS
    for numbers in kinds.values():
        assert 0 <= numbers["p50_ms"] <= numbers["p95_ms"]


def test_bench_fts5_only_prints_json(tmp_path: Path) -> None:
    report = _bench("--articles", "150", "--per-kind", "8", "--fts5-only", "--workdir", str(tmp_path))
    assert report["articles"] == 150
    assert {"build_s", "kinds", "overall_p95_ms"} <= set(report["fts5"])
    _check_kinds(report["fts5"]["kinds"])
    assert isinstance(report["notes"], list)


def _has_search_index() -> bool:
    if importlib.util.find_spec("reader.core.search") is None:
        return False
    import reader.core.search as search

    return hasattr(search, "SearchIndex")


@pytest.mark.skipif(not _has_search_index(), reason="reader.core.search.SearchIndex not written yet")
def test_bench_full_prints_the_whole_contract(tmp_path: Path) -> None:
    report = _bench("--articles", "150", "--per-kind", "8", "--workdir", str(tmp_path))
    for key in ("articles", "build_s", "articles_per_s", "index_mb", "peak_rss_mb", "open_first_query_ms",
                "kinds", "overall_p95_ms", "fts5", "ratio_overall_p95_vs_fts5", "notes", "typing_p95_ms",
                "rss_search_mb"):
        assert key in report, key
    _check_kinds(report["kinds"])
    _check_kinds(report["fts5"]["kinds"])
    assert report["index_mb"] > 0 and report["peak_rss_mb"] > 0 and report["open_first_query_ms"] > 0
    assert report["typing_p95_ms"] > 0 and report["rss_search_mb"] > 0 and report["fts5"]["typing_p95_ms"] > 0
