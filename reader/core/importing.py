"""Import sources into an archive folder: pages and Markdown files, or a WordPress export.

Pages are few and small, so they are written straight into the archive.  A
WordPress export is a whole site: it is built in a staging copy with its
search index and swapped in whole (see :func:`import_wxr`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path

from reader.core.archive import open_archive
from reader.core.archive.model import ArchiveInfo, ImportedArticle
from reader.core.archive.store import ARCHIVE_FILE, ARTICLE_SUFFIX, ARTICLES_DIR
from reader.core.archive.writer import ArchiveWriter, WriteResult
from reader.core.errors import ArchiveError, SourceError
from reader.core.i18n import N_, _
from reader.core.importers import extract, slugify
from reader.core.importers.wordpress import Attachment, Media, article_from_item, skip_reason
from reader.core.importers.wxr import WxrChannel, WxrItem, looks_like_wxr, plain_text, read_wxr
from reader.core.paths import Paths
from reader.core.search import indexer, sidecar, trust
from reader.core.search.engine import INDEX_DIRNAME
from reader.core.search.schema import SCHEMA_VERSION

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


# -- WordPress exports --------------------------------------------------------------------------
#: (phase, done, total): phases "Reading", "Importing" (bytes of the export) and "Indexing" (articles).
#: Their names are shown translated by the progress displays (the import dialog, the CLI's bar).
PHASES = (N_("Reading"), N_("Importing"), N_("Indexing"), N_("Converting"))
PhaseProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class WxrOptions:
    """What ``reading-room import export.xml`` was asked to include."""

    include_pages: bool = False
    include_protected: bool = False
    media: Path | None = None
    prune: bool = False
    title: str | None = None
    language: str = ""
    workers: int | None = None  # conversion processes; None: both cores for exports over 1 MB


@dataclass
class WxrReport:
    """What an import did: the CLI prints it, ``--json`` keeps these keys."""

    folder: Path
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    removed: list[str] = field(default_factory=list)
    pruned: bool = False
    articles: int = 0
    indexed: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.imported or self.updated or (self.pruned and self.removed))

    def to_json(self) -> dict[str, object]:
        return {
            "archive": str(self.folder),
            "imported": len(self.imported),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "skipped": dict(sorted(self.skipped.items())),
            "removed": self.removed,
            "pruned": self.pruned,
            "articles": self.articles,
            "indexed": self.indexed,
            "seconds": round(self.seconds, 2),
            "imported_ids": self.imported,
            "updated_ids": self.updated,
        }


def _staging_dir(folder: Path) -> Path:
    """A hidden sibling of ``folder`` (same file system, so the final rename is atomic)."""
    for stale in folder.parent.glob(f".{folder.name}.import-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)
    return folder.with_name(f".{folder.name}.import-{os.getpid()}")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _link_or_copy(source: str, target: str) -> None:
    """Hard links make staging a 10,000-article archive instant; writes replace files, never edit them."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _scan(source: Path, progress: PhaseProgress | None) -> tuple[WxrChannel, dict[int, Attachment]]:
    """First pass: the site's facts and its attachments (galleries need them); checks the XML."""
    channel = WxrChannel()
    attachments: dict[int, Attachment] = {}
    on_bytes = (lambda done, total: progress("Reading", done, total)) if progress else None
    for item in read_wxr(source, channel, progress=on_bytes):
        if item.post_type == "attachment" and item.attachment_url:
            attachments[item.post_id] = Attachment(item.attachment_url, plain_text(item.title), item.parent,
                                                   item.menu_order, plain_text(item.excerpt))
    return channel, attachments


def import_wxr(folder: Path, source: Path, paths: Paths, options: WxrOptions | None = None,
               progress: PhaseProgress | None = None) -> WxrReport:
    """Import a WordPress export into the archive at ``folder`` and index it.

    Everything is built in a hidden staging copy that replaces ``folder`` only
    when complete, so a malformed export, a crash or Ctrl+C leaves the archive
    as it was.  Importing the same export again changes nothing at all.
    """
    options = options or WxrOptions()
    started = time.perf_counter()
    existing = (folder / ARCHIVE_FILE).is_file()
    if folder.exists() and not existing and (not folder.is_dir() or any(folder.iterdir())):
        raise ArchiveError(_("{folder}: exists and is not an archive; give a new or empty folder")
                           .format(folder=folder))
    if options.media is not None and not options.media.is_dir():
        raise SourceError(_("{media}: no such folder (--media wants a copy of wp-content/uploads)")
                          .format(media=options.media))
    if not looks_like_wxr(source):
        raise SourceError(_("{source}: not a WordPress export (WXR) file").format(source=source))
    channel, attachments = _scan(source, progress)
    site = channel.site_url
    staging = _staging_dir(folder)
    try:
        if existing:
            shutil.copytree(folder, staging, copy_function=_link_or_copy)
        else:
            staging.mkdir(parents=True)
        title = options.title or channel.title or folder.absolute().name
        info = ArchiveInfo(id=slugify(title), title=title, description=channel.description,
                           language=options.language or channel.language)
        writer = ArchiveWriter(staging, info, sync=False)
        media = Media(attachments, options.media, staging / "assets")
        report = WxrReport(folder=folder)
        seen = _write_posts(source, writer, channel, media, options, report, progress)
        mine = {sid: aid for sid, aid in writer.by_source_id.items() if sid.startswith(f"{site}/?p=")}
        report.removed = sorted(aid for sid, aid in mine.items() if sid not in seen)
        if options.prune and report.removed:
            report.pruned = True
            for article_id in report.removed:
                (staging / ARTICLES_DIR / f"{article_id}{ARTICLE_SUFFIX}").unlink(missing_ok=True)
        new_media = media.copied
        if existing and not report.changed and not new_media:
            shutil.rmtree(staging, ignore_errors=True)
            with open_archive(folder) as archive:
                report.articles = len(archive.articles())
            report.indexed = (folder / INDEX_DIRNAME / "manifest.json").is_file()
            report.seconds = time.perf_counter() - started
            return report
        with open_archive(staging) as archive:
            report.articles = len(archive.articles())
        report.indexed = _index(folder, staging, paths, progress)
        _replace(folder, staging, existing)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if report.indexed:
        trust.register(paths, folder / INDEX_DIRNAME)
    report.seconds = time.perf_counter() - started
    log.info("imported %s into %s: %d new, %d updated, %d skipped", source, folder, len(report.imported),
             len(report.updated), sum(report.skipped.values()))
    return report


def _write_posts(source: Path, writer: ArchiveWriter, channel: WxrChannel, media: Media,
                 options: WxrOptions, report: WxrReport, progress: PhaseProgress | None) -> set[str]:
    """Second pass: convert and write every published post; returns the source ids seen."""
    seen: set[str] = set()
    on_bytes = (lambda done, total: progress("Importing", done, total)) if progress else None

    def published() -> Iterator[WxrItem]:
        for item in read_wxr(source, WxrChannel(), progress=on_bytes):
            reason = skip_reason(item, include_pages=options.include_pages,
                                 include_protected=options.include_protected)
            if reason is None:
                yield item
            else:
                report.skipped[reason] += 1

    workers = options.workers or (2 if source.stat().st_size > PARALLEL_BYTES else 1)
    context = (channel.authors, channel.site_url, media)
    for item, article, copied in _convert_all(published(), context, workers):
        media.copied += copied
        if isinstance(article, str):  # the reason this post could not be converted
            report.skipped[article] += 1
            continue
        result = writer.write(article, fallback_slug=f"post-{item.post_id}")
        if article.source_id:
            seen.add(article.source_id)
        if result.created:
            report.imported.append(result.article_id)
        elif result.changed:
            report.updated.append(result.article_id)
        else:
            report.unchanged += 1
    return seen


#: Exports bigger than this are converted by a pool of processes (start-up costs ~0.3 s).
PARALLEL_BYTES = 1_000_000
_BATCH = 32
_IN_FLIGHT = 4  # batches queued per worker: keeps memory flat however big the export
_Context = tuple[dict[str, str], str, Media]
_context: _Context | None = None


def _set_context(context: _Context) -> None:
    global _context
    _context = context


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl+C ignored while worker processes start: one pressed then reached a worker still starting
    up (before :func:`_worker_init`), which printed a traceback.  Only the main thread may do this."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_init(context: _Context) -> None:
    """A worker ignores Ctrl+C: the terminal sends it to the whole group, and the parent alone
    stops the import (the pool is then terminated), with one line instead of a traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _set_context(context)


def _convert_batch(items: list[WxrItem]) -> list[tuple[ImportedArticle | str, int]]:
    """In a worker: articles for a batch of posts, with how many media files each copied.

    A post that cannot be converted gives the reason (a sentence) instead: it is
    skipped and counted, and the rest of the export is still imported.
    """
    assert _context is not None
    authors, site, media = _context
    out: list[tuple[ImportedArticle | str, int]] = []
    for item in items:
        before = media.copied
        try:
            out.append((article_from_item(item, authors, site, media), media.copied - before))
        except SourceError as exc:
            log.warning("skipping post %s: %s", item.post_id, exc)
            out.append((str(exc), media.copied - before))
    return out


def _convert_all(items: Iterator[WxrItem], context: _Context,
                 workers: int) -> Iterator[tuple[WxrItem, ImportedArticle | str, int]]:
    """Convert posts in order, in ``workers`` processes, reading ahead only a few batches."""
    if workers <= 1:
        _set_context(context)
        for item in items:
            [(article, copied)] = _convert_batch([item])
            yield item, article, copied
        return
    with _sigint_ignored():  # a spawned worker inherits the ignoring before its initializer can run
        pool = multiprocessing.get_context("spawn").Pool(workers, _worker_init, (context,))
    with pool:
        pending: deque[tuple[list[WxrItem], AsyncResult[list[tuple[ImportedArticle | str, int]]]]] = deque()
        batch = list(islice(items, _BATCH))
        while batch or pending:
            while batch and len(pending) < workers * _IN_FLIGHT:
                pending.append((batch, pool.apply_async(_convert_batch, (batch,))))
                batch = list(islice(items, _BATCH))
            done, result = pending.popleft()
            for item, (article, copied) in zip(done, result.get(), strict=True):
                yield item, article, copied


def _index(folder: Path, staging: Path, paths: Paths, progress: PhaseProgress | None) -> bool:
    """Bring the staging copy's index up to date: an update when the old one is ours, a build when
    there is none.  An index this user did not build is left exactly as it is: it may be another
    profile's, and each user's own search index is then built in their cache when first searched.
    Returns whether the archive's index is now this user's."""
    on_docs = (lambda done, total: progress("Indexing", done, total)) if progress else None
    index_dir = staging / INDEX_DIRNAME
    manifest = sidecar.read_manifest(index_dir)
    ours = manifest is not None and trust.is_trusted(paths, folder / INDEX_DIRNAME)
    if manifest is not None and not ours and index_dir.exists():
        log.info("leaving %s as it is: this user did not build it", folder / INDEX_DIRNAME)
        return False
    with open_archive(staging) as archive:
        if ours and manifest is not None and manifest.get("schema_version") == SCHEMA_VERSION:
            indexer.update(archive, index_dir, sidecar.manifest_stamps(manifest), progress=on_docs)
        else:
            indexer.build(archive, index_dir, progress=on_docs)
    return True


def _replace(folder: Path, staging: Path, existing: bool) -> None:
    """Swap the finished staging folder in; the old archive goes only after the new one is in place."""
    if hasattr(os, "sync"):
        os.sync()
    if existing:
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    else:
        if folder.is_dir():
            folder.rmdir()
        staging.rename(folder)
