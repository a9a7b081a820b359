"""Making or extending an archive: saved pages, a folder of them, or a WordPress export.

One entry point for the CLI's ``import`` and the window's File → New archive
from… / Add to this archive….  Progress comes as (phase, done, total); a
progress callback may raise :class:`Cancelled` to stop.  Pages are all read
before the first write and a WordPress export is built in a staging copy, so
a cancelled or failed import leaves the archive as it was.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.archive import open_archive
from reader.core.archive.store import ASSETS_DIR
from reader.core.archive.writer import ArchiveWriter, WriteResult
from reader.core.errors import ReaderError, SourceError
from reader.core.fsutil import atomic_write_bytes
from reader.core.i18n import _
from reader.core.importers import SUFFIXES, extract, site
from reader.core.importers.encoding import decode_page
from reader.core.importers.wxr import looks_like_wxr
from reader.core.importing import WxrOptions, WxrReport, default_info, import_wxr
from reader.core.search import SearchIndex
from reader.core.search.engine import INDEX_DIRNAME
from reader.core.search.indexer import Cancelled
from reader.core.usecases import rules
from reader.core.usecases.changes import NOTHING, Changes, Outcome
from reader.core.usecases.context import AppContext

log = logging.getLogger("reader.import")

#: (phase, done, total); may raise Cancelled.
PhaseProgress = Callable[[str, int, int], None]
WORDPRESS_ONLY = ("include_pages", "include_protected", "media", "prune")

__all__ = ["Cancelled", "ImportReport", "ImportRequest", "import_into", "is_wordpress_export"]


@dataclass(frozen=True)
class ImportRequest:
    folder: Path  # the archive folder to create or extend
    sources: tuple[Path, ...]  # pages, Markdown files, folders of them, or one WordPress export
    meta: Path | None = None  # a sidecar for the pages
    title: str | None = None  # of a new archive
    language: str = ""
    wordpress: WxrOptions = field(default_factory=WxrOptions)


@dataclass
class ImportReport:
    """What an import did, for people; ``pages``/``wordpress`` keep the CLI's JSON contracts."""

    folder: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    removed: list[str] = field(default_factory=list)
    pages: list[tuple[Path, WriteResult]] = field(default_factory=list)
    wordpress: WxrReport | None = None

    def summary(self) -> str:
        line = _("{added} added, {updated} updated, {unchanged} unchanged").format(
            added=len(self.added), updated=len(self.updated), unchanged=self.unchanged)
        skipped = sum(self.skipped.values())
        if skipped:
            ranked = sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
            line += _(", {skipped} skipped ({reasons})").format(
                skipped=skipped, reasons=", ".join(f"{n} {why}" for why, n in ranked))
        if self.removed:
            kept = _("deleted") if self.wordpress is not None and self.wordpress.pruned else _("kept")
            line += _("; {count} no longer in the export ({kept})").format(count=len(self.removed), kept=kept)
        return line


def is_wordpress_export(source: Path) -> bool:
    return source.is_file() and (source.suffix.lower() == ".xml" or looks_like_wxr(source))


def expand(sources: Sequence[Path]) -> list[Path]:
    """Folders become the supported files inside them (sorted); files stay as given."""
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            inside = sorted(p for p in source.rglob("*")
                            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
            if not inside:
                raise SourceError(_("{source}: no pages to import in this folder ({join})")
                                  .format(source=source, join=', '.join(SUFFIXES)))
            found.extend(inside)
        else:
            found.append(source)
    return found


def import_into(ctx: AppContext, request: ImportRequest,
                progress: PhaseProgress | None = None) -> Outcome[ImportReport]:
    """Import ``request.sources`` into ``request.folder``; raises Cancelled if progress does."""
    for source in request.sources:
        rules.check_read(ctx.policy, source)
    exports = [s for s in request.sources if is_wordpress_export(s)]
    if exports:
        if len(request.sources) > 1:
            raise ReaderError(_("Import a WordPress export on its own, not with other sources."))
        return _wordpress(ctx, request, exports[0], progress)
    flags = [name for name in WORDPRESS_ONLY if getattr(request.wordpress, name)]
    if flags:
        raise ReaderError(_("--{replace} is only for WordPress exports.")
                          .format(replace=flags[0].replace('_', '-')))
    if len(request.sources) == 1 and request.sources[0].is_dir() and site.page_files(request.sources[0]):
        return import_site(ctx, request, request.sources[0], progress)
    return _pages(ctx, request, progress)


def _pages(ctx: AppContext, request: ImportRequest, progress: PhaseProgress | None) -> Outcome[ImportReport]:
    sources = expand(request.sources)
    extracted = []
    for done, source in enumerate(sources, start=1):
        extracted.append((source, extract(source, request.meta)))
        if progress:
            progress("Reading", done, len(sources))
    folder = request.folder
    writer = ArchiveWriter(folder, default_info(folder, request.title, request.language))
    report = ImportReport(folder)
    for done, (source, article) in enumerate(extracted, start=1):
        _count(report, source, writer.write(article, fallback_slug=source.stem))
        if progress:
            progress("Importing", done, len(extracted))
    return _finish(ctx, report, progress)


def _finish(ctx: AppContext, report: ImportReport, progress: PhaseProgress | None) -> Outcome[ImportReport]:
    changed = frozenset(report.added + report.updated)
    if changed and (report.folder / INDEX_DIRNAME).is_dir():
        refresh_index(ctx, report.folder, progress)
    return Outcome(report.summary(), report, Changes(articles=changed, index=bool(changed))
                   if changed else NOTHING)


def _count(report: ImportReport, source: Path, result: WriteResult) -> None:
    report.pages.append((source, result))
    if result.created:
        report.added.append(result.article_id)
    elif result.changed:
        report.updated.append(result.article_id)
    else:
        report.unchanged += 1


def _wordpress(ctx: AppContext, request: ImportRequest, source: Path,
               progress: PhaseProgress | None) -> Outcome[ImportReport]:
    options = request.wordpress
    if request.title or request.language:
        options = WxrOptions(**{**options.__dict__, "title": request.title or options.title,
                                "language": request.language or options.language})
    result = import_wxr(request.folder, source, ctx.paths, options, progress=progress)
    report = ImportReport(request.folder, added=list(result.imported), updated=list(result.updated),
                          unchanged=result.unchanged, skipped=Counter(result.skipped),
                          removed=list(result.removed), wordpress=result)
    changed = frozenset(report.added + report.updated)
    changes = Changes(articles=changed, index=True, archive=result.pruned) if result.changed else NOTHING
    return Outcome(report.summary(), report, changes)


def import_site(ctx: AppContext, request: ImportRequest, mirror: Path,
                progress: PhaseProgress | None = None) -> Outcome[ImportReport]:
    """A saved site: its articles only, linked to each other inside the archive, with their images.

    Every page is read and sorted before the first write, so a cancelled or
    failed import leaves the archive as it was.
    """
    files = site.page_files(mirror)
    pages = []
    unreadable: Counter[str] = Counter()
    for done, path in enumerate(files, start=1):
        try:
            pages.append(site.read_page(mirror, path, decode_page(path.read_bytes(), str(path))))
        except (OSError, SourceError) as exc:
            log.warning("skipped %s: %s", path, exc)
            unreadable["unreadable file"] += 1
        if progress:
            progress("Reading", done, len(files))
    plan = site.plan_site(mirror, pages, progress)
    folder = request.folder
    writer = ArchiveWriter(folder, default_info(folder, request.title, request.language))
    report = ImportReport(folder, skipped=plan.skipped + unreadable)
    for name, source in plan.assets.items():
        _copy_if_changed(source, folder / ASSETS_DIR / name)
    for page, article in plan.articles:  # no progress here: a Cancel must not stop it half-way
        _count(report, page.path, writer.write(article, fallback_slug=page.path.stem))
    log.info("site %s: %s", mirror, report.summary())
    return _finish(ctx, report, progress)


def _copy_if_changed(source: Path, target: Path) -> None:
    """Re-importing writes nothing that is already there, byte for byte."""
    data = source.read_bytes()
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, data)


def refresh_index(ctx: AppContext, folder: Path, progress: PhaseProgress | None = None) -> None:
    """Bring the archive's search index up to date with what was just written (SearchIndex decides how)."""
    on_docs = (lambda done, total: progress("Indexing", done, total)) if progress else None
    with open_archive(folder) as archive, SearchIndex.open(archive, ctx.paths, progress=on_docs):
        pass
