#!/usr/bin/env python3
"""Render and index the inputs that made Python-Markdown quadratic, old renderer against new.

    python benchmarks/render_bench.py [--scale 2.0] [--baseline-limit 3]

For each hostile input of issue 14 (at ``scale`` × 1 KB, then twice that, so the
growth shows), times the format-1 renderer this project used before (Python-Markdown
"extra" + "sane_lists", then nh3), the current one (``render.markdown_to_html``) and
the indexer's Markdown-to-text step.  A baseline case that passed ``--baseline-limit``
seconds at the smaller size is not run at the larger one.  Also times the bundled
article, as an ordinary body.  Prints one JSON object; needs the test extras (Markdown).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import markdown

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from reader.core import dialect, render
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.search.analysis import markdown_to_plain

KB = 1024
CASES: dict[str, Callable[[int], str]] = {
    "[": lambda size: "[" * size,
    "![": lambda size: "![" * (size // 2),
    "*_[": lambda size: "*_[" * (size // 3),
    "mixed backtick code spans": lambda size: "".join("`" * (i % 7 + 1) + "a" for i in range(size // 5)),
    "setext headings": lambda size: "a\n=\n" * (size // 4),
    "nested list": lambda size: "".join("  " * i + "- x\n" for i in range(min(size // 40, 300))),
    "nested markdown divs": lambda size: ('<div markdown="1">\n' * (size // 40) + "x"
                                          + "\n</div>" * (size // 40)),
}


#: The sizes issue 14 measured the old renderer at (seconds it took then, in the name).
ISSUE_SIZES = {
    "5 KB of [ (4.4 s)": "[" * 5_000,
    "10 KB of [ (17.3 s)": "[" * 10_000,
    "10 KB of ![ (9.6 s)": "![" * 5_000,
    "20 KB of *_[ (22.3 s)": "*_[" * 6_667,
    "40 KB of backtick code spans (16.7 s)": "".join("`" * (i % 7 + 1) + "a" for i in range(8_000)),
    "40 KB of setext headings (10.2 s)": "a\n=\n" * 10_000,
    "80 KB mixed article (24.8 s to index)": ("[a](x ![b *c _d `e words\n\n") * 3_000,
}


def raw_markdown_it(body: str) -> str:
    """markdown-it-py alone, without the bracket-density guard (what the guard protects from)."""
    return dialect.parser(dialect.CURRENT_FORMAT).render(body)


def old_render(body: str) -> str:
    """The format-1 renderer as it was: Python-Markdown with "extra" and "sane_lists"."""
    return render.sanitize(markdown.markdown(body, extensions=["extra", "sane_lists"]))


def timed(function: Callable[[str], object], body: str) -> float | str:
    started = time.perf_counter()
    try:
        function(body)
    except RecursionError:
        return "RecursionError"
    return round(time.perf_counter() - started, 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=2.0, help="size of the smaller input, in KB")
    parser.add_argument("--baseline-limit", type=float, default=3.0)
    args = parser.parse_args(argv)
    results = []
    for name, make in CASES.items():
        skip_baseline = False
        for factor in (1, 2):
            body = make(int(args.scale * KB * factor))
            row: dict[str, object] = {"case": name, "bytes": len(body)}
            row["new_render_s"] = timed(render.markdown_to_html, body)
            row["index_text_s"] = timed(markdown_to_plain, body)
            row["old_render_s"] = "skipped" if skip_baseline else timed(old_render, body)
            old = row["old_render_s"]
            skip_baseline = skip_baseline or (isinstance(old, float) and old > args.baseline_limit)
            results.append(row)
    with open_archive(bundled_archive()) as archive:
        body = archive.article(archive.articles()[0].id).body
    ordinary = {"case": "bundled article", "bytes": len(body),
                "new_render_s": timed(render.markdown_to_html, body),
                "old_render_s": timed(old_render, body), "index_text_s": timed(markdown_to_plain, body)}
    issue = [{"case": name, "bytes": len(body), "new_render_s": timed(render.markdown_to_html, body),
              "markdown_it_unguarded_s": timed(raw_markdown_it, body),
              "index_text_s": timed(markdown_to_plain, body)} for name, body in ISSUE_SIZES.items()]
    print(json.dumps({"baseline": "Python-Markdown extra+sane_lists (format 1)", "scale_kb": args.scale,
                      "results": [*results, ordinary], "issue_sizes_new_only": issue}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
