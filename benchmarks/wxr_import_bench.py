"""WordPress import benchmark: ``reading-room import site.xml`` end to end, against a stdlib floor.

The importer must turn a 10,000-item export into articles and a search index
at 300 articles/s or better with a peak RSS of at most 500 MB, and a 100 MB
export with bounded memory.  This runs the real command line in a subprocess
on a generated export (:mod:`wxr_synth`, cached), then imports the same file
again (nothing may change) and a changed copy (only the edited, added and
removed posts may), and measures wall time, articles/s, the child's peak RSS
and the index size.  The baseline, measured in the same run, is the least any
importer must do: ``ElementTree.iterparse`` of the same file and each
published post's raw HTML into an SQLite FTS5 table.  One JSON object goes to
stdout, progress to stderr.

    python benchmarks/wxr_import_bench.py [--posts 10000 | --size-mb 100] [--keep] [--baseline-only]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wxr_synth

TARGET_ARTICLES_PER_S = 300
TARGET_PEAK_RSS_MB = 500
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reading-room-bench"
DATA_DIR_ENV = "READING_ROOM_DATA_DIR"
INDEX_DIRNAME = "index"
CHANGES = {"edit_fraction": 0.01, "add": 25, "remove": 10}


def log(message: str) -> None:
    print(f"[wxr_import_bench] {message}", file=sys.stderr, flush=True)


class BenchError(Exception):
    """The importer failed in a way that makes the numbers meaningless."""


# -- the export ------------------------------------------------------------------------------
def ensure_export(cache: Path, *, posts: int | None, size_mb: float | None, seed: int,
                  changes: dict | None = None) -> tuple[Path, dict]:
    """Generate once per arguments and generator version; a complete earlier file is reused."""
    name = f"wxr-n{posts}" if size_mb is None else f"wxr-{size_mb:g}mb"
    if changes:
        name += "-changed-e{edit_fraction:g}-a{add}-r{remove}".format(**changes)
    out = cache / f"{name}-s{seed}-v{wxr_synth.GENERATOR_VERSION}.xml"
    manifest_path = wxr_synth.manifest_path(out)
    if out.is_file() and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("generator_version") == wxr_synth.GENERATOR_VERSION and \
                manifest.get("bytes") == out.stat().st_size:
            log(f"reusing {out}")
            return out, manifest
    started = time.perf_counter()
    manifest = wxr_synth.generate(out, posts, seed, size_mb=size_mb, workers=min(2, os.cpu_count() or 1),
                                  **(changes or {}))
    log(f"generated {out.name} ({manifest['items']} items, {manifest['bytes'] / 2**20:.1f} MiB) "
        f"in {time.perf_counter() - started:.1f} s")
    return out, manifest


# -- measuring a child ------------------------------------------------------------------------------
def measure(command: list[str], env: dict[str, str] | None = None) -> dict:
    """Run ``command`` from a fresh interpreter, so RUSAGE_CHILDREN's max is this child's alone.

    Linux folds a reaped grandchild's peak into its parent's, so worker processes of the
    command count too -- as the largest single process, not summed.
    """
    done = subprocess.run([sys.executable, __file__, "--measure-child", "--", *command],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise BenchError(f"measuring {command[:2]} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def measure_child(command: list[str]) -> int:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: KiB
    print(json.dumps({"wall_s": round(wall, 3), "returncode": done.returncode,
                      "peak_rss_mb": round(rss_kib / 1024, 1),
                      "stdout": done.stdout, "stderr": done.stderr[-4000:]}))
    return 0


# -- the baseline ----------------------------------------------------------------------------------
def baseline_child(export: Path, database: Path) -> int:
    """iterparse + FTS5 insert of each published, unprotected post's raw title and content."""
    started = time.perf_counter()
    database.unlink(missing_ok=True)
    conn = sqlite3.connect(database)
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, "
                 "tokenize = 'porter unicode61 remove_diacritics 2')")
    names: dict[str, str] = {}

    def rows():
        root = None
        for event, element in ET.iterparse(export, events=("start", "end")):
            if root is None:
                root = element
            if event != "end" or element.tag != "item":
                continue
            wp = names.get("wp") or _wp_namespace(element)
            names["wp"] = wp
            if (element.findtext(f"{wp}post_type") == "post" and element.findtext(f"{wp}status") == "publish"
                    and not element.findtext(f"{wp}post_password")):
                yield (element.findtext("title") or "",
                       element.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or "")
            element.clear()
            channel = root[0] if len(root) else None
            if channel is not None and len(channel) > 64:  # drop finished items, keep memory flat
                del channel[:-1]

    with conn:
        cursor = conn.executemany("INSERT INTO docs (title, body) VALUES (?, ?)", rows())
        count = cursor.rowcount
    conn.close()
    print(json.dumps({"articles": count, "seconds": round(time.perf_counter() - started, 3)}))
    return 0


def _wp_namespace(item: ET.Element) -> str:
    for child in item:
        if child.tag.endswith("}post_type"):
            return child.tag[:-len("post_type")]
    return "{http://wordpress.org/export/1.2/}"


def bench_baseline(export: Path, workdir: Path) -> dict:
    database = workdir / "baseline.sqlite3"
    run = measure([sys.executable, __file__, "--baseline-child", str(export), str(database)])
    if run["returncode"] != 0:
        raise BenchError(f"baseline failed: {run['stderr']}")
    child = json.loads(run["stdout"])
    size = database.stat().st_size
    database.unlink()
    return {"wall_s": run["wall_s"], "articles": child["articles"],
            "articles_per_s": round(child["articles"] / run["wall_s"], 1),
            "peak_rss_mb": run["peak_rss_mb"], "db_mb": round(size / 2**20, 2)}


# -- the real importer ------------------------------------------------------------------------------
def cli_command() -> list[str]:
    """``reading-room`` beside this interpreter (the venv's), else ``python -m reader``."""
    script = Path(sys.executable).with_name("reading-room")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]


def snapshot(root: Path) -> dict[str, str]:
    """Relative path -> content hash of every file of the archive outside its index."""
    out = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] != INDEX_DIRNAME:
            out[relative.as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return out


def diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()),
            "changed": sorted(k for k in before.keys() & after.keys() if before[k] != after[k])}


def folder_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0
    return round(total / 2**20, 2)


def count_articles(archive: Path) -> int:
    return sum(1 for _ in (archive / "articles").rglob("*.md")) if (archive / "articles").is_dir() else 0


def summarize_report(stdout: str) -> object:
    """The importer's ``--json`` report, boiled down to its counts (its shape is the importer's)."""
    try:
        report = json.loads(stdout)
    except ValueError:
        return {"unparsed_stdout_tail": stdout[-300:]}
    if isinstance(report, dict):
        return {k: (len(v) if isinstance(v, list) else v) for k, v in report.items()
                if isinstance(v, int | float | str | bool | list) or v is None}
    if isinstance(report, list):
        keys = ("created", "changed", "updated", "removed", "skipped")
        return {"entries": len(report), **{k: sum(1 for r in report if isinstance(r, dict) and r.get(k))
                                            for k in keys}}
    return report


def run_import(export: Path, archive: Path, data_dir: Path, env: dict[str, str], what: str) -> dict:
    command = [*cli_command(), "import", str(export), "--into", str(archive), "--data-dir", str(data_dir),
               "--json"]
    log(f"{what}: {' '.join(command)}")
    run = measure(command, env)
    if run["returncode"] != 0:
        raise BenchError(
            f"{what}: reading-room import rejected {export.name} (exit {run['returncode']}): "
            f"{run['stderr'].strip()[-1500:] or '(no message)'}\n"
            "Is the WordPress (WXR) importer in place (reader/core/importers/wxr*.py, wired into "
            "'reading-room import')?"
        )
    log(f"{what}: {run['wall_s']:.1f} s, peak RSS {run['peak_rss_mb']} MB")
    return run


def bench_import(export: Path, manifest: dict, workdir: Path, notes: list[str], *, changed: bool,
                 seed: int) -> dict:
    archive, data_dir = workdir / "archive", workdir / "app-data"
    shutil.rmtree(archive, ignore_errors=True)
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {**os.environ, DATA_DIR_ENV: str(data_dir)}
    first = run_import(export, archive, data_dir, env, "import")
    articles = count_articles(archive)
    expected = manifest["articles"]["default"]
    index_dir = archive / INDEX_DIRNAME
    out: dict[str, object] = {
        "wall_s": first["wall_s"],
        "articles": articles,
        "articles_expected": expected,
        "articles_per_s": round(articles / first["wall_s"], 1),
        "peak_rss_mb": first["peak_rss_mb"],
        "index_mb": folder_mb(index_dir),
        "archive_mb": folder_mb(archive),
        "report": summarize_report(first["stdout"]),
    }
    if articles != expected:
        notes.append(f"import wrote {articles} articles; the export has {expected} published, "
                     "unprotected posts")
    if not index_dir.is_dir():
        notes.append(f"no search index in {index_dir} after the import")

    before = snapshot(archive)
    again = run_import(export, archive, data_dir, env, "re-import")
    changes = diff(before, snapshot(archive))
    out["reimport"] = {"wall_s": again["wall_s"], "peak_rss_mb": again["peak_rss_mb"],
                       "files_added": len(changes["added"]), "files_changed": len(changes["changed"]),
                       "files_removed": len(changes["removed"]), "report": summarize_report(again["stdout"])}
    if any(changes.values()):
        notes.append(f"re-importing the same file changed files: "
                     f"{ {k: v[:5] for k, v in changes.items() if v} }")

    if changed:
        copy, copy_manifest = ensure_export(export.parent, posts=manifest["posts"], size_mb=None, seed=seed,
                                            changes=CHANGES)
        before = snapshot(archive)
        third = run_import(copy, archive, data_dir, env, "changed copy")
        changes = diff(before, snapshot(archive))
        md = {k: [p for p in v if p.startswith("articles/") and p.endswith(".md")]
              for k, v in changes.items()}
        expect = {k: len(copy_manifest[k]) for k in ("edited", "added", "removed")}
        out["changed_copy"] = {
            "wall_s": third["wall_s"], "peak_rss_mb": third["peak_rss_mb"],
            "expected": expect,
            "articles_added": len(md["added"]), "articles_changed": len(md["changed"]),
            "articles_removed": len(md["removed"]),
            "other_files_touched": sorted({p for v in changes.values() for p in v} - {p for v in md.values()
                                                                                     for p in v})[:10],
            "report": summarize_report(third["stdout"]),
        }
        if len(md["added"]) != expect["added"] or len(md["changed"]) != expect["edited"]:
            notes.append(f"changed copy: expected {expect['added']} new and {expect['edited']} changed "
                         f"articles, the archive got {len(md['added'])} new and {len(md['changed'])} changed")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--posts", type=int, default=10_000, help="items in the export (default 10000)")
    size.add_argument("--size-mb", type=float, help="instead: an export of this many MiB (memory check)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"generated exports (default {CACHE})")
    parser.add_argument("--workdir", type=Path,
                        help="archive and data dir here (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="do not delete the temporary workdir")
    parser.add_argument("--no-changed", action="store_true", help="skip importing the changed copy")
    parser.add_argument("--baseline-only", action="store_true", help="only the iterparse + FTS5 baseline")
    parser.add_argument("--measure-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--baseline-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.measure_child:
        return measure_child(rest[1:] if rest[:1] == ["--"] else rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.baseline_child:
        return baseline_child(*args.baseline_child)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rr-wxr-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    posts = None if args.size_mb is not None else args.posts
    report: dict[str, object] = {}
    notes: list[str] = []
    status = 0
    try:
        export, manifest = ensure_export(args.cache, posts=posts, size_mb=args.size_mb, seed=args.seed)
        report |= {"items": manifest["items"], "file_mb": round(manifest["bytes"] / 2**20, 1),
                   "published_posts": manifest["articles"]["default"], "export": str(export)}
        report["baseline"] = bench_baseline(export, workdir)
        log(f"baseline: {report['baseline']}")
        if not args.baseline_only:
            ours = bench_import(export, manifest, workdir, notes,
                                changed=not args.no_changed and args.size_mb is None, seed=args.seed)
            report["import"] = ours
            report["ratio_articles_per_s_vs_baseline"] = round(
                ours["articles_per_s"] / report["baseline"]["articles_per_s"], 3)
            report["targets"] = {
                "articles_per_s_min": TARGET_ARTICLES_PER_S, "peak_rss_mb_max": TARGET_PEAK_RSS_MB,
                "met": ours["articles_per_s"] >= TARGET_ARTICLES_PER_S
                and max(ours["peak_rss_mb"], ours["reimport"]["peak_rss_mb"]) <= TARGET_PEAK_RSS_MB,
            }
    except BenchError as exc:
        report["error"] = str(exc)
        print(f"wxr_import_bench: error: {exc}", file=sys.stderr)
        status = 1
    finally:
        notes.append("baseline: raw HTML of published posts into FTS5, no Markdown, no files, no metadata")
        notes.append("peak_rss_mb: largest single process of the child's tree (workers are not summed)")
        report["notes"] = notes
        print(json.dumps(report, indent=2, ensure_ascii=False))
        if args.workdir is None and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif args.workdir is None:
            log(f"kept {workdir}")
    return status


if __name__ == "__main__":
    sys.exit(main())
