"""Opening the open archive's search index: where it lives and whether to rebuild is SearchIndex's call."""

from __future__ import annotations

from reader.core.archive import Archive
from reader.core.search import SearchIndex
from reader.core.search.indexer import Progress
from reader.core.usecases.context import AppContext


def open_index(ctx: AppContext, archive: Archive, progress: Progress | None = None, *,
               rebuild: bool = False) -> SearchIndex:
    """The archive's index, built or brought up to date first (the caller closes it)."""
    return SearchIndex.open(archive, ctx.paths, progress=progress, rebuild=rebuild)
