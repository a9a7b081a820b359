"""Inputs that made Python-Markdown quadratic or recursive (issue 14) render, and index, at once.

Each case asserts only that the output is produced and still holds the text; the
timings live in benchmarks/render_bench.py (a test that measured them would flake).
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from reader.core import render
from reader.core.search.analysis import markdown_to_plain
from tests.conftest import REPO


def _bench() -> ModuleType:
    """benchmarks/render_bench.py, whose ISSUE_SIZES are the inputs issue 14 measured."""
    spec = importlib.util.spec_from_file_location("render_bench", REPO / "benchmarks" / "render_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOSTILE: dict[str, str] = {
    **_bench().ISSUE_SIZES,
    "500 nested markdown divs": '<div markdown="1">\n' * 500 + "deep words" + "\n</div>" * 500,
    "300-level nested list": "".join("  " * i + "- item\n" for i in range(300)) + "\nafter words",
    "300-level nested quote": ">" * 300 + " quoted words",
    "40 KB of blank lines": "\n \n" * 20_000 + "end words",
    "40 KB of ' ['": " [" * 20_000,
}


@pytest.mark.parametrize("format_version", [1, 2])
@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_body_renders_with_its_text(body: str, format_version: int) -> None:
    html = render.markdown_to_html(body, format_version)
    text = render.html_to_text(html)
    words = [word for word in ("deep words", "item", "after words", "quoted words", "end words", "words")
             if word in body]
    if words:
        assert words[0] in text
    else:
        assert len(text.strip()) > len(body.strip()) // 4  # the characters are shown, not dropped


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_body_indexes(body: str) -> None:
    assert isinstance(markdown_to_plain(body * 2), str)  # the indexer's step on ~2x the size


def test_deep_nesting_falls_back_to_plain_paragraphs() -> None:
    body = HOSTILE["300-level nested list"]
    html = render.markdown_to_html(body)
    assert "<ul>" not in html and "after words" in html and html.count("item") == 300


def test_ordinary_nesting_is_kept() -> None:
    body = "".join("  " * i + f"- level {i}\n" for i in range(8))
    assert render.markdown_to_html(body).count("<ul>") == 8
