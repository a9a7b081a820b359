"""Search benchmark: our index against SQLite FTS5 on the same synthetic archive.

Numbers, not impressions, decide whether search is fast enough: build time,
index size, memory, the cold open-and-first-query latency a user feels on
launch, and p50/p95 per query kind for the queries people really type
(as-you-type prefixes, phrases, fields).  FTS5 answers the same logical
queries as the yardstick.  One JSON object goes to stdout, progress to stderr.

    python benchmarks/search_bench.py --articles 2000 [--workdir DIR] [--keep] [--fts5-only]
        [--reuse-index] [--profile FILE]

Our queries run in a fresh process after the build, so ``rss_search_mb`` is
the resident memory of a process that only searched.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth
from fts5_baseline import Fts5Index, has_fts5, quote

KINDS = ("one_word", "and", "or", "phrase", "prefix_typing", "fuzzy", "fields")
PER_KIND = 40
LIMIT = 10
FIRST_QUERY_RUNS = 3
DATA_DIR_ENV = "READING_ROOM_DATA_DIR"
T = TypeVar("T")


def log(message: str) -> None:
    print(f"[search_bench] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class BenchQuery:
    """One logical query, written in our syntax and in FTS5's."""

    kind: str
    app: str
    match: str | None                 # FTS5 MATCH expression; None for a pure date filter
    date_from: str | None = None      # inclusive ISO date (FTS5 side)
    date_to: str | None = None        # exclusive


# -- the query mix ---------------------------------------------------------------------------
def _typo(word: str, rng: random.Random) -> str:
    """One edit (swap, drop or substitute a letter), as a hurried typist makes."""
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("swap", "drop", "sub"))
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if edit == "drop":
        return word[:i] + word[i + 1:]
    return word[:i] + rng.choice("aeiourstnl".replace(word[i], "")) + word[i + 1:]


def _month_end(year: int, month: int) -> str:
    """The first day after ``month``: FTS5's exclusive upper bound."""
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"


def build_mix(vocab: synth.Vocabulary, archive_root: Path, seed: int,
              per_kind: int = PER_KIND) -> list[BenchQuery]:
    """A fixed, seeded mix: ~40 queries per kind, all drawn from the archive's own vocabulary.

    ``per_kind`` below 40 keeps an evenly spaced subset of each kind (quick runs, tests).
    """
    rng = random.Random(f"queries-{seed}")
    frequent = vocab.frequent(80)
    real = [w for w in vocab.real_words if w.isascii()]
    mix: list[BenchQuery] = []

    def add(kind: str, app: str, match: str | None, *dates: str) -> None:
        mix.append(BenchQuery(kind, app, match, *dates))

    words = rng.sample(frequent, 16) + vocab.mid(16, rng) + rng.sample(real, 8)
    for word in words:
        add("one_word", word, quote(word))
    for joiner, kind in (("", "and"), (" OR ", "or")):
        pairs = [(rng.choice(frequent), w) for w in vocab.mid(15, rng)]
        pairs += list(zip(vocab.mid(15, rng), vocab.mid(15, rng), strict=True))
        pairs += [tuple(rng.sample(real, 2)) for _ in range(10)]
        for a, b in pairs:
            add(kind, f"{a}{joiner or ' '}{b}", f"{quote(a)}{joiner or ' '}{quote(b)}")
    for a, b in synth.pick_phrases(archive_root, PER_KIND, rng):
        add("phrase", f'"{a} {b}"', quote(f"{a} {b}"))
    typed = 0
    for word in rng.sample(vocab.prefix_words(), 12):
        for end in range(3, len(word)):
            if typed < 32:
                add("prefix_typing", f"{word[:end]}*", f"{quote(word[:end])}*")
                typed += 1
    for word in rng.sample(vocab.prefix_words(), 8):
        done, partial = rng.choice(real), word[:rng.randint(3, 5)]
        add("prefix_typing", f"{done} {partial}*", f"{quote(done)} {quote(partial)}*")
    for word in vocab.mid(10, rng) + rng.sample(real, 10):
        add("fuzzy", f"{word}~", quote(word))
    for word in rng.sample([w for w in real if len(w) >= 5], 20):
        misspelt = _typo(word, rng)
        add("fuzzy", f"{misspelt}~", quote(misspelt))
    for name in rng.sample(vocab.authors[:40], 8):
        add("fields", f'author:"{name}"', f"authors:{quote(name)}")
    for tag in rng.sample(vocab.tags[:80], 8):
        add("fields", f"tag:{tag}", f"tags:{quote(tag)}")
    for word in rng.sample(frequent, 8):
        add("fields", f"title:{word}", f"title:{quote(word)}")
    for year in rng.sample(range(2005, 2025), 8):
        add("fields", f"year:{year}", None, f"{year}-01-01", f"{year + 1}-01-01")
    for _ in range(8):
        year, first = rng.randint(2005, 2024), rng.randint(1, 7)
        last = first + rng.randint(0, 5)
        add("fields", f"date:{year}-{first:02d}..{year}-{last:02d}", None, f"{year}-{first:02d}-01",
            _month_end(year, last))
    subset: list[BenchQuery] = []
    for kind in KINDS:
        queries = [q for q in mix if q.kind == kind]
        step = len(queries) / min(per_kind, len(queries))
        subset += [queries[int(i * step)] for i in range(min(per_kind, len(queries)))]
    return subset


# -- timing ------------------------------------------------------------------------------------
def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: an observed value, no interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


Timings = dict[str, dict[str, float]]


def replay(mix: list[BenchQuery], run: Callable[[BenchQuery], T]) -> tuple[Timings, float, list[T], float]:
    """One warm-up pass over the whole mix, then one timed pass.

    Returns per-kind p50/p95, the overall p95, the outcomes and the p95 of the
    keystroke sequences alone (``prefix_typing`` queries that are one partial word).
    """
    for query in mix:
        run(query)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    typing: list[float] = []
    outcomes: list[T] = []
    for query in mix:
        started = time.perf_counter()
        outcome = run(query)
        elapsed = (time.perf_counter() - started) * 1000
        times[query.kind].append(elapsed)
        if query.kind == "prefix_typing" and " " not in query.app:
            typing.append(elapsed)
        outcomes.append(outcome)
    kinds = {kind: {"p50_ms": round(percentile(ms, 0.5), 3), "p95_ms": round(percentile(ms, 0.95), 3)}
             for kind, ms in times.items() if ms}
    overall = percentile([ms for values in times.values() for ms in values], 0.95)
    typing_p95 = round(percentile(typing, 0.95), 3) if typing else 0.0
    return kinds, round(overall, 3), outcomes, typing_p95


def folder_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0
    return round(total / 2**20, 2)


def peak_rss_mb() -> float:
    """Max RSS of this process and of its largest waited-for child (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def current_rss_mb() -> float:
    """Resident memory of this process now (Linux /proc; the peak elsewhere)."""
    try:
        fields = Path("/proc/self/status").read_text(encoding="ascii").split("\n")
    except OSError:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    line = next(f for f in fields if f.startswith("VmRSS:"))
    return round(int(line.split()[1]) / 1024, 1)


# -- the archive -------------------------------------------------------------------------------
def ensure_archive(workdir: Path, articles: int, seed: int) -> Path:
    """Generate once per (N, seed, generator version); a complete earlier run is reused."""
    root = workdir / f"archive-n{articles}-s{seed}"
    toml = root / "archive.toml"
    if toml.is_file():
        info = tomllib.loads(toml.read_text(encoding="utf-8"))
        if info.get("id") == synth.archive_id(articles, seed) and \
                sum(1 for _ in (root / "articles").glob("*.md")) == articles:
            log(f"reusing {root}")
            return root
        shutil.rmtree(root)
    started = time.perf_counter()
    synth.generate_archive(root, articles, seed, workers=min(2, os.cpu_count() or 1))
    log(f"generated {articles} articles in {time.perf_counter() - started:.1f} s")
    return root


# -- our search ---------------------------------------------------------------------------------
def bench_ours(archive_root: Path, mix_args: tuple[int, int], notes: list[str], *, reuse: bool = False,
               profile: Path | None = None) -> dict[str, object]:
    """Build in this process, then time the queries in a fresh one (its memory is the search's alone)."""
    from reader.core.archive import open_archive
    from reader.core.search import SearchIndex

    def progress(done: int, total: int) -> None:
        if done == total or done % 2000 == 0:
            log(f"our index: {done}/{total}")

    archive = open_archive(archive_root)
    started = time.perf_counter()
    index = SearchIndex.open(archive, progress=progress, rebuild=not reuse)  # from scratch unless reused
    build_s = time.perf_counter() - started
    log(f"our index {'opened' if reuse else 'built'} in {build_s:.1f} s")
    out: dict[str, object] = {
        "build_s": round(build_s, 3),
        "articles_per_s": round(len(archive) / build_s, 1),
        "index_mb": folder_mb(index.index_dir),
    }
    if reuse:
        notes.append("--reuse-index: the index was reused, build_s is the time to open it")
    notes.append(f"peak RSS right after our build: {peak_rss_mb()} MB")
    index.close()
    archive.close()
    command = [sys.executable, __file__, "--search-child", str(archive_root), str(mix_args[0]),
               str(mix_args[1])]
    if profile is not None:
        command += ["--profile", str(profile)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ.copy())
    child = json.loads(done.stdout)
    notes.extend(child.pop("notes"))
    out.update(child)
    return out


def search_child(archive_root: Path, seed: int, per_kind: int, profile: Path | None) -> None:
    """Runs in a fresh interpreter: replay the mix, then report timings and resident memory."""
    from reader.core.archive import open_archive
    from reader.core.search import QueryError, SearchIndex

    mix = build_mix(synth.Vocabulary.build(seed), archive_root, seed, per_kind)
    archive = open_archive(archive_root)
    index = SearchIndex.open(archive, progress=None)
    refused: dict[str, str] = {}

    previous = [""]

    def run(query: BenchQuery, facets: bool | None = None) -> tuple[int, bool]:
        """As-you-type queries take the window's keystroke path (no facets: they follow once typing
        pauses); the others, and the typing ones with ``facets``, what the CLI and Enter get.

        Each query starts cold (no decoded terms or article texts kept), except a keystroke that
        extends the one before (``wor*`` after ``wo*``), which finds what the window would keep.
        """
        typed = query.app.rstrip("*")
        if not (query.kind == "prefix_typing" and previous[0] and typed.startswith(previous[0])):
            index.drop_caches()
        previous[0] = typed if query.kind == "prefix_typing" else ""
        try:
            result = index.search(query.app, limit=LIMIT,
                                  facets=query.kind != "prefix_typing" if facets is None else facets)
        except QueryError as exc:  # timed all the same: the user waits for the message too
            refused[query.app] = str(exc)
            return 0, False
        return len(result.hits), result.partial

    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    kinds, overall, outcomes, typing_p95 = replay(mix, run)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    out: dict[str, object] = {"kinds": kinds, "overall_p95_ms": overall, "typing_p95_ms": typing_p95}
    typing = [q for q in mix if q.kind == "prefix_typing"]
    with_facets, _, _, out["typing_with_facets_p95_ms"] = replay(typing, lambda q: run(q, facets=True))
    out["prefix_typing_with_facets_p95_ms"] = with_facets["prefix_typing"]["p95_ms"]
    out["hostile_ms"] = hostile_queries(index)
    out["rss_search_mb"] = current_rss_mb()
    index.close()
    archive.close()
    notes: list[str] = [
        "our prefix_typing and typing_p95_ms: the window's keystroke path (exact total, no facets); "
        "*_with_facets_*: the same queries with facets, which the window counts once typing pauses; "
        "every query starts with no decoded terms or texts kept, except a keystroke extending the last"]
    partial = [q.app for q, (_, was_partial) in zip(mix, outcomes, strict=True) if was_partial]
    if partial:
        notes.append(f"our search returned partial results for: {partial}")
    if refused:
        notes.append(f"our search refused: {refused}")
    empty = [q.app for q, (hits, _) in zip(mix, outcomes, strict=True) if hits == 0]
    notes.append(f"our search: {len(empty)} of {len(mix)} queries found nothing: {empty[:12]}")
    out["notes"] = notes
    print(json.dumps(out))


HOSTILE = {
    "?*?*?": "?*?*?",
    "*": "*",
    "2000 terms": " ".join(f"w{i}" for i in range(2000)),
    "2000 nested parens": "(" * 2000 + "workers" + ")" * 2000,
    "a~5": "a~5",
}


def hostile_queries(index: object) -> dict[str, dict[str, object]]:
    """Crafted queries: each must answer (results or a message) well under a second."""
    from reader.core.search import QueryError

    report: dict[str, dict[str, object]] = {}
    for name, text in HOSTILE.items():
        started = time.perf_counter()
        try:
            result = index.search(text, limit=LIMIT)  # type: ignore[attr-defined]
            outcome = f"{result.total} results" + (f"; {result.message}" if result.message else "")
        except QueryError as exc:
            outcome = f"refused: {exc}"
        report[name] = {"ms": round((time.perf_counter() - started) * 1000, 2), "outcome": outcome}
    return report


def first_query_child(archive_root: Path, query: str) -> None:
    """Runs in a fresh interpreter: the latency of opening the app's search cold."""
    from reader.core.archive import open_archive
    from reader.core.search import SearchIndex

    started = time.perf_counter()
    archive = open_archive(archive_root)
    index = SearchIndex.open(archive, progress=None)
    result = index.search(query, limit=LIMIT)
    elapsed = (time.perf_counter() - started) * 1000
    index.close()
    print(json.dumps({"ms": round(elapsed, 1), "hits": len(result.hits)}))


def open_first_query_ms(archive_root: Path, query: str, notes: list[str]) -> float:
    """Median of fresh interpreters; imports are left out, they are the startup benchmark's."""
    runs = []
    for _ in range(FIRST_QUERY_RUNS):
        done = subprocess.run([sys.executable, __file__, "--first-query", str(archive_root), query],
                              check=True, capture_output=True, text=True, env=os.environ.copy())
        child = json.loads(done.stdout)
        runs.append(child["ms"])
    notes.append(f"open_first_query: {query!r} in a fresh process ({child['hits']} hits), runs {runs}")
    return round(statistics.median(runs), 1)


# -- FTS5 ------------------------------------------------------------------------------------
def bench_fts5(archive_root: Path, workdir: Path, mix: list[BenchQuery], notes: list[str]) -> dict:
    if not has_fts5():
        raise SystemExit("this Python's sqlite3 lacks FTS5 (PRAGMA compile_options has no ENABLE_FTS5)")
    started = time.perf_counter()
    index = Fts5Index.build(archive_root, workdir / "fts5.sqlite3")
    build_s = time.perf_counter() - started
    log(f"FTS5 index built in {build_s:.1f} s")
    kinds, overall, outcomes, typing_p95 = replay(
        mix, lambda q: len(index.search(q.match, q.date_from, q.date_to, LIMIT)))
    size = round(index.size_bytes() / 2**20, 2)
    index.close()
    empty = [q.app for q, hits in zip(mix, outcomes, strict=True) if hits == 0]
    notes.append(f"FTS5: {len(empty)} of {len(mix)} queries found nothing: {empty[:12]}")
    if any(q.kind == "prefix_typing" and q.app in empty for q in mix):
        notes.append("FTS5 matches prefixes against porter stems: 'organi*' misses 'organize' (stem 'organ')")
    notes.append("FTS5 has no fuzzy search: fuzzy queries ran as the plain word (misspellings find nothing)")
    notes.append("FTS5 timings are top 10 with snippet() only: no total count, facets or suggestion")
    return {"build_s": round(build_s, 3), "index_mb": size, "kinds": kinds, "overall_p95_ms": overall,
            "typing_p95_ms": typing_p95}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the archive and indexes here (reused)")
    parser.add_argument("--keep", action="store_true", help="do not delete the temporary workdir")
    parser.add_argument("--per-kind", type=int, default=PER_KIND, help="queries per kind (at most 40)")
    parser.add_argument("--fts5-only", action="store_true", help="skip our index (FTS5 side only)")
    parser.add_argument("--reuse-index", action="store_true",
                        help="open our index from an earlier run in --workdir instead of building it")
    parser.add_argument("--profile", type=Path, help="write a cProfile of our timed queries to this file")
    parser.add_argument("--first-query", nargs=2, metavar=("ARCHIVE", "QUERY"), help=argparse.SUPPRESS)
    parser.add_argument("--search-child", nargs=3, metavar=("ARCHIVE", "SEED", "PER_KIND"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.search_child:
        root, seed, per_kind = args.search_child
        search_child(Path(root), int(seed), int(per_kind), args.profile)
        return 0
    if args.first_query:
        first_query_child(Path(args.first_query[0]), args.first_query[1])
        return 0

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rr-search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # The app's data (its registry of trusted indexes, any cached index) stays in the workdir.
    os.environ[DATA_DIR_ENV] = str(workdir / "app-data")
    try:
        archive_root = ensure_archive(workdir, args.articles, args.seed)
        vocab = synth.Vocabulary.build(args.seed)
        mix = build_mix(vocab, archive_root, args.seed, args.per_kind)
        notes: list[str] = []
        report: dict[str, object] = {"articles": args.articles}
        if not args.fts5_only:
            report.update(bench_ours(archive_root, (args.seed, args.per_kind), notes,
                                     reuse=args.reuse_index, profile=args.profile))
            report["open_first_query_ms"] = open_first_query_ms(archive_root, "workers", notes)
        fts5 = bench_fts5(archive_root, workdir, mix, notes)
        if not args.fts5_only:
            report["peak_rss_mb"] = peak_rss_mb()
            report["ratio_overall_p95_vs_fts5"] = round(report["overall_p95_ms"] / fts5["overall_p95_ms"], 2)
        report["fts5"] = fts5
        report["queries"] = {kind: sum(q.kind == kind for q in mix) for kind in KINDS}
        report["notes"] = notes
        print(json.dumps(report, indent=2, ensure_ascii=False))
    finally:
        if args.workdir is None and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif args.workdir is None:
            log(f"kept {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
