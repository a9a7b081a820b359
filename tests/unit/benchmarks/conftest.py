"""A generated archive and the benchmark's query mix, shared by the search equivalence tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import search_bench  # noqa: E402
import synth  # noqa: E402

ARTICLES = 400


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[search_bench.BenchQuery]]:
    root = tmp_path_factory.mktemp("bench") / "archive"
    synth.generate_archive(root, ARTICLES, 1, workers=1)
    mix = search_bench.build_mix(synth.Vocabulary.build(1), root, 1)
    return root, mix
