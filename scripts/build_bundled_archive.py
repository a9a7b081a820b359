#!/usr/bin/env python3
"""Rebuild resources/archive/ from archive-sources/ with the real importer.

The committed archive must be exactly what this produces (a test checks it),
so nobody hand-edits the bundled articles.  The search index is prebuilt into
``index/`` so the first search needs no indexing (its file names are random,
so the test checks that it is fresh rather than byte-equal).  Usage:

    python scripts/build_bundled_archive.py [--into DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

from reader.core.archive import open_archive
from reader.core.archive.model import ArchiveInfo
from reader.core.importing import import_sources
from reader.core.search import indexer
from reader.core.search.engine import INDEX_DIRNAME

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "archive-sources" / "msf"
TARGET = REPO / "resources" / "archive"


def archive_info() -> ArchiveInfo:
    """Archive facts come from the seed's sidecar (site, language), not from memory."""
    sidecar = tomllib.loads(next(SOURCES.glob("*.meta.toml")).read_text(encoding="utf-8"))
    return ArchiveInfo(
        id="msf-archives",
        title=sidecar["site"],
        description="Articles from a student organisation's WordPress site, kept for offline reading.",
        language=sidecar.get("language", ""),
        version="1",
    )


def build(into: Path) -> list[str]:
    """Import every source into a fresh folder ``into``, prebuild its search index."""
    sources = sorted(p for p in SOURCES.iterdir() if p.suffix in (".txt", ".html", ".md"))
    results = import_sources(into, sources, info=archive_info())
    with open_archive(into) as archive:
        indexer.build(archive, into / INDEX_DIRNAME, procs=1)
    for lock in (into / INDEX_DIRNAME).glob("*LOCK*"):
        lock.unlink()
    return [r.article_id for r in results]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "archive"
        ids = build(staging)
        if args.into.exists():
            shutil.rmtree(args.into)
        shutil.copytree(staging, args.into)
    print(f"built {args.into} with {len(ids)} article(s): {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
