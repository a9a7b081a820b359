"""Import sources (pages, Markdown files) into an archive folder."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core.archive.model import ArchiveInfo
from reader.core.archive.writer import ArchiveWriter, WriteResult
from reader.core.importers import extract, slugify

log = logging.getLogger("reader.import")

Progress = Callable[[int, int, Path], None]


def default_info(folder: Path, title: str | None = None, language: str = "") -> ArchiveInfo:
    """Info for a new archive: named after its folder unless told otherwise."""
    name = title or folder.absolute().name
    return ArchiveInfo(id=slugify(name), title=name, language=language)


def import_sources(
    folder: Path,
    sources: Sequence[Path],
    *,
    meta: Path | None = None,
    info: ArchiveInfo | None = None,
    progress: Progress | None = None,
) -> list[WriteResult]:
    """Extract every source first, then write: a bad source aborts before any write."""
    extracted = [(source, extract(source, meta)) for source in sources]
    writer = ArchiveWriter(folder, info or default_info(folder))
    results = []
    for done, (source, article) in enumerate(extracted, start=1):
        results.append(writer.write(article, fallback_slug=source.stem))
        if progress:
            progress(done, len(extracted), source)
    return results
