#!/usr/bin/env python3
"""Startup benchmark: the real app, launched as a user would, on a generated archive.

    python benchmarks/startup.py --articles 10000 [--runs 3] [--workdir DIR]

Each run starts ``python -m reader --archive A --data-dir D`` in a fresh
process with ``READING_ROOM_STARTUP_PROBE=1``: the app then prints, on stdout,
the monotonic time of the first paint of a populated library and of the first
article rendered, and quits.  ``CLOCK_MONOTONIC`` is shared by all processes,
so times are measured from just before the process was spawned.  The first run
fills the user cache (front-matter catalog) like any first start; the median
is over the runs after a warm-up launch; ``peak_rss_mb`` is the app's own peak
RSS when it became usable (not the index build a first start may run).
Prints one JSON object:
``{"articles", "first_paint_ms", "article_shown_ms", "peak_rss_mb"}`` plus
the raw runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_bench  # same folder: archive generation and reuse

PROBE_ENV = "READING_ROOM_STARTUP_PROBE"


def launch(archive: Path, data_dir: Path, timeout: float = 60) -> dict[str, float]:
    env = {**os.environ, PROBE_ENV: "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "reader", "--archive", str(archive), "--data-dir",
                           str(data_dir)], env=env, capture_output=True, text=True, timeout=timeout)
    events = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "probe":
            value = float(parts[2])
            events[parts[1]] = value if parts[1] == "rss_mb" else (value - started) * 1000
    if proc.returncode != 0 or {"library_painted", "article_shown"} - events.keys():
        raise SystemExit(f"app did not report startup (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rr-startup-"))
    try:
        archive = search_bench.ensure_archive(workdir, args.articles, args.seed)
        data_dir = workdir / "app-data-startup"
        shutil.rmtree(data_dir, ignore_errors=True)
        cold = launch(archive, data_dir)
        runs = [launch(archive, data_dir) for _ in range(args.runs)]
        report = {
            "articles": args.articles,
            "first_paint_ms": round(statistics.median(r["library_painted"] for r in runs), 1),
            "article_shown_ms": round(statistics.median(r["article_shown"] for r in runs), 1),
            "peak_rss_mb": round(statistics.median(r["rss_mb"] for r in runs), 1),
            "first_start_ms": {k: round(v, 1) for k, v in cold.items()},
            "runs": [{k: round(v, 1) for k, v in r.items()} for r in runs],
        }
        print(json.dumps(report, indent=2))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
