"""Building and updating the Whoosh index of an archive.

A full build writes into a temporary sibling folder and swaps it in at the
end, so a crash or a corrupt old index never leaves a half-built one behind.
Both cores are used on Linux/macOS: this process and a child each read,
convert and index one half of the articles into their own segment (see
``_build_segments``), which halves a 10,000-article build.  Windows builds
with one process (``default_procs``), as it did with Whoosh's multiprocessing
writer, which is reported broken there.  Writing goes through
``fastindex``, which writes the same segment files as stock Whoosh, faster.
Each process also stores its articles' plain texts for snippets (``textstore``).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import multiprocessing
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from reader.core.archive import Archive, ArticleMeta, open_archive
from reader.core.archive.store import body_of
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.search import analysis, docstore, sidecar, textstore
from reader.core.search.analysis import WORD_RE, fold, markdown_to_plain
from reader.core.search.fastindex import FastSegmentWriter
from reader.core.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger("reader.search")

Progress = Callable[[int, int], None]
MIN_VOCAB_WORD = 3
#: Below this many articles per process a second process costs more than it saves.
MIN_ARTICLES_PER_PROC = 200
#: A child process sends its count every this many articles.
PROGRESS_EVERY = 8
#: Posting pool size per process before it spills to disk, as the pool estimates it (~24 bytes a
#: posting and 4 a position, about twice what it holds): a 100,000-article build peaks near 450 MB.
LIMIT_MB = 384


class Cancelled(Exception):
    """Raised by a progress callback to stop a build; nothing half-built is kept."""


class IndexTaken(Exception):
    """An index appeared where a new one was to go (another profile built it): not ours to replace."""


class IndexError_(ReaderError):
    """The index cannot be written (read-only place, disk full...)."""


def default_procs() -> int:
    if sys.platform == "win32":
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _document(meta: ArticleMeta, body: str) -> dict[str, str]:
    return {
        "id": meta.id,
        "title": meta.title,
        "body": body,
        "authors": ",".join(meta.authors),
        "tags": ",".join(meta.tags),
        "categories": ",".join(meta.categories),
        "date": meta.date or "",
        "year": (meta.date or "")[:4],
    }


class _VocabForms(dict[str, str | None]):
    """Surface word → its vocabulary form (``fold``), or None if too short to offer."""

    def __missing__(self, word: str) -> str | None:
        if len(self) > 500_000:
            self.clear()
        form = self[word] = fold(word) if len(word) >= MIN_VOCAB_WORD else None
        return form


_vocab_forms = _VocabForms()


def _words(meta: ArticleMeta, body: str) -> set[str]:
    words = set(WORD_RE.findall(meta.title))
    words.update(analysis.words(body))
    # map() over a dict's __getitem__ runs in C: this is per unique word of every article.
    found = set(map(_vocab_forms.__getitem__, words))
    found.discard(None)
    return found  # type: ignore[return-value]


def build(archive: Archive, index_dir: Path, *, progress: Progress | None = None,
          procs: int | None = None, replace: bool = True) -> None:
    """Index every article of ``archive`` into ``index_dir``, replacing what is there if ``replace``.

    Without ``replace``, :class:`IndexTaken` is raised when something is at ``index_dir`` by then.
    """
    listing = sidecar.list_articles(archive.location)
    staging = index_dir.with_name(f"{index_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        ix = whoosh_index.create_in(str(staging), build_schema())
        articles = archive.articles()
        vocab, digests = _build_segments(ix, staging, archive, articles, procs or default_procs(), progress)
        # The files indexing read were hashed as they were read: only the others are read again.
        stamps = sidecar.scan_articles(archive.location, sidecar.known_stamps(listing, digests), listing)
        # Segments follow ``articles``, so document number i is articles[i]: no need to read them back.
        _write_side_files(ix, staging, [_docinfo(meta) for meta in articles], vocab, stamps)
        ix.close()
        _swap(staging, index_dir, replace)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        reason = exc.strerror or exc
        raise IndexError_(_("cannot write the search index in {parent}: {reason}")
                        .format(parent=index_dir.parent, reason=reason)) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("built index of %d articles in %s", len(articles), index_dir)


def update(archive: Archive, index_dir: Path, old: sidecar.FileStamps,
           *, progress: Progress | None = None) -> tuple[int, int]:
    """Re-index changed and new articles, drop removed ones; returns (updated, deleted)."""
    new = sidecar.scan_articles(archive.location, old)
    upsert, delete = sidecar.changed_ids(old, new)
    ix = whoosh_index.open_dir(str(index_dir))
    vocab = Counter(dict(zip(*sidecar.read_vocab(index_dir / sidecar.VOCAB), strict=True)))
    known = {meta.id: meta for meta in archive.articles()}
    writer = FastSegmentWriter(ix, limitmb=LIMIT_MB)  # its segment, and any it merges, get side files
    for article_id in delete | (upsert - known.keys()):
        writer.delete_by_term("id", article_id)
    todo = [known[article_id] for article_id in sorted(upsert & known.keys())]
    fresh = textstore.TextWriter(index_dir / f"texts.update-{os.getpid()}")
    try:
        _write_documents(writer, writer.update_document, archive, todo, vocab, progress, fresh)
        rows = _read_docinfo(ix, archive)
        # Whoosh may renumber documents when it merges segments: the texts follow the new numbers.
        textstore.rewrite(index_dir, [row.id if row else None for row in rows],
                          [index_dir / textstore.TEXTS, fresh.path])
    finally:
        fresh.discard()
    _write_side_files(ix, index_dir, rows, vocab, new)
    ix.close()
    log.info("updated index: %d re-indexed, %d removed", len(upsert), len(delete))
    return len(upsert), len(delete)


def _write_documents(writer: Any, write: Callable[..., None], archive: Archive, metas: list[ArticleMeta],
                     vocab: Counter[str], progress: Progress | None, texts: textstore.TextWriter) -> None:
    """Feed articles to ``write`` (add or update), then commit; any failure cancels the writer."""
    try:
        for done, meta in enumerate(metas, start=1):
            body = markdown_to_plain(archive.article_body(meta.id))
            vocab.update(_words(meta, body))
            write(**_document(meta, body))
            texts.add(meta.id, body)
            if progress:
                progress(done, len(metas))
        texts.close()
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _build_segments(ix: whoosh_index.Index, folder: Path, archive: Archive, metas: list[ArticleMeta],
                    procs: int, progress: Progress | None) -> tuple[Counter[str], dict[str, str]]:
    """Write one segment per process over consecutive slices of ``metas``; returns the vocabulary and
    the digests of the article files read (by id; none for a zipped archive).

    Each worker reads, converts and indexes its own articles (sending only
    counts back), so nothing is serialised through this process, and segment
    order follows ``metas``: document numbers are those of a one-process
    build.  This process indexes the first slice and reports progress for all.
    """
    parts = _split(metas, procs if len(metas) >= procs * MIN_ARTICLES_PER_PROC else 1)
    writer = FastSegmentWriter(ix, limitmb=LIMIT_MB)
    gathered = _Gathered(textstore.TextWriter(textstore.part_path(folder, 0)), archive.location.is_dir())
    workers: list[_Worker] = []
    try:
        workers = [_Worker.start(archive.location, folder, part, number)
                   for number, part in enumerate(parts[1:], start=1)]
        total = len(metas)
        reported = -1

        def tick(own: int) -> None:
            nonlocal reported
            for worker in workers:
                worker.poll()
            done = own + sum(worker.done for worker in workers)
            if progress and done != reported:
                reported = done
                progress(done, total)

        with _collector_paused():
            for done, meta in enumerate(parts[0], start=1):
                _add_article(writer, archive, meta, gathered)
                tick(done)
        gathered.texts.close()
        # What SegmentWriter.commit() does on a new index, plus the children's segments.
        if writer._added:
            segments = [writer._finalize_segment()]
        else:
            writer._close_segment()
            segments = []
        for worker in workers:
            segment, part_vocab, part_digests = worker.result(lambda: tick(len(parts[0])))
            segments.append(segment)
            gathered.vocab.update(part_vocab)
            gathered.digests.update(part_digests)
        writer._commit_toc(segments)
        writer._finish()
        textstore.join(folder, len(parts))
    except BaseException:
        gathered.texts.discard()
        for worker in workers:
            worker.stop()
        if not writer.is_closed:
            writer.cancel()
        raise
    return gathered.vocab, gathered.digests


def _split(metas: list[ArticleMeta], parts: int) -> list[list[ArticleMeta]]:
    size, extra = divmod(len(metas), parts)
    bounds = [i * size + min(i, extra) for i in range(parts + 1)]
    return [metas[start:end] for start, end in itertools.pairwise(bounds)]


class _Gathered:
    """What indexing gathers beside a segment: the vocabulary, the plain texts (for snippets:
    converting again per hit cost ~0.7 ms) and the digests of the files read (for the manifest:
    hashing them again cost seconds at 100,000 articles)."""

    def __init__(self, texts: textstore.TextWriter, digests: bool) -> None:
        self.texts = texts
        self.vocab: Counter[str] = Counter()
        self.digests: dict[str, str] = {}
        self.hashing = digests


def _add_article(writer: Any, archive: Archive, meta: ArticleMeta, gathered: _Gathered) -> None:
    source = archive.article_source(meta.id)
    if gathered.hashing:
        gathered.digests[meta.id] = sidecar.content_digest(source)
    body = markdown_to_plain(body_of(meta.id, source))
    gathered.vocab.update(_words(meta, body))
    writer.add_document(**_document(meta, body))
    gathered.texts.add(meta.id, body)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while indexing: the loop makes no cycles, and the collector's
    passes over the growing pool cost ~7 % of a build (measured at 10,000 articles)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _Worker:
    """A child process indexing one slice into its own segment, reporting counts on a pipe."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.done = 0
        self._result: tuple[Any, Counter[str], dict[str, str]] | None = None

    @classmethod
    def start(cls, location: Path, folder: Path, metas: list[ArticleMeta], number: int) -> _Worker:
        ours, theirs = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.Process(target=_index_part, args=(location, folder, metas, number, theirs),
                                          daemon=True)
        process.start()
        theirs.close()
        return cls(process, ours)

    def poll(self, timeout: float = 0.0) -> bool:
        """Read what the child sent; False if it is still busy."""
        try:
            while self._result is None and self.conn.poll(timeout):
                message = self.conn.recv()
                if isinstance(message, int):
                    self.done = message
                elif message[0] == "failed":
                    raise IndexError_(_("an indexing process failed: {message}").format(message=message[1]))
                else:
                    self._result = message[1], message[2], message[3]
        except EOFError:
            raise IndexError_(_("an indexing process stopped (exit code {exitcode})")
                            .format(exitcode=self.process.exitcode)) from None
        return self._result is not None

    def result(self, tick: Callable[[], None]) -> tuple[Any, Counter[str], dict[str, str]]:
        """Wait for the child's segment, reporting progress meanwhile."""
        while not self.poll(0.1):
            tick()
        tick()
        self.process.join()
        assert self._result is not None
        return self._result

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()


def _index_part(location: Path, folder: Path, metas: list[ArticleMeta], number: int,
                conn: Connection) -> None:
    """Child process body: index ``metas`` into a new segment and texts part ``number``,
    send (segment, vocabulary, digests)."""
    try:
        ix = whoosh_index.open_dir(str(folder))
        writer = FastSegmentWriter(ix, _lk=False, limitmb=LIMIT_MB)
        gathered = _Gathered(textstore.TextWriter(textstore.part_path(folder, number)), location.is_dir())
        with open_archive(location) as archive, _collector_paused():
            for done, meta in enumerate(metas, start=1):
                _add_article(writer, archive, meta, gathered)
                if done % PROGRESS_EVERY == 0:
                    conn.send(done)
        gathered.texts.close()
        segment = writer._finalize_segment()
        conn.send(len(metas))
        conn.send(("done", segment, gathered.vocab, gathered.digests))
    except BaseException as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        conn.close()


def _write_side_files(ix: whoosh_index.Index, folder: Path, rows: list[sidecar.DocInfo | None],
                      vocab: Counter[str], stamps: sidecar.FileStamps) -> None:
    docstore.write(folder, rows)
    sidecar.write_vocab(folder / sidecar.VOCAB, vocab)
    sidecar.write_manifest(folder, SCHEMA_VERSION, stamps, ix.latest_generation())


def _docinfo(meta: ArticleMeta) -> sidecar.DocInfo:
    return sidecar.DocInfo(meta.id, meta.title, meta.date, meta.authors, meta.tags, meta.categories)


def _read_docinfo(ix: whoosh_index.Index, archive: Archive) -> list[sidecar.DocInfo | None]:
    """Rows by document number, read back from the index (an update leaves gaps and moves documents)."""
    metas = {meta.id: meta for meta in archive.articles()}
    with ix.reader() as reader:
        rows: list[sidecar.DocInfo | None] = [None] * reader.doc_count_all()
        for docnum, fields in reader.iter_docs():
            meta = metas.get(fields["id"])
            if meta is not None:
                rows[docnum] = _docinfo(meta)
    return rows


def _swap(staging: Path, target: Path, replace: bool = True) -> None:
    if not replace:
        if os.path.lexists(target):
            raise IndexTaken(str(target))
        staging.rename(target)
        return
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
