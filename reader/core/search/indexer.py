"""Building and updating the Whoosh index of an archive.

A full build writes into a temporary sibling folder and swaps it in at the
end, so a crash or a corrupt old index never leaves a half-built one behind.
Both cores are used on Linux/macOS (``procs=2, multisegment=True``: one
segment per worker, which halves a 10,000-article build); Windows builds with
one process, where Whoosh's multiprocessing writer is reported broken.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from reader.core.archive import Archive, ArticleMeta
from reader.core.errors import ReaderError
from reader.core.search import sidecar
from reader.core.search.analysis import WORD_RE, fold, markdown_to_plain
from reader.core.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger("reader.search")

Progress = Callable[[int, int], None]
MIN_VOCAB_WORD = 3


class Cancelled(Exception):
    """Raised by a progress callback to stop a build; nothing half-built is kept."""


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


def _words(meta: ArticleMeta, body: str) -> set[str]:
    return {fold(word) for word in WORD_RE.findall(f"{meta.title}\n{body}") if len(word) >= MIN_VOCAB_WORD}


def build(archive: Archive, index_dir: Path, *, progress: Progress | None = None,
          procs: int | None = None) -> None:
    """Index every article of ``archive`` into ``index_dir`` (replacing what is there)."""
    stamps = sidecar.scan_articles(archive.location)
    staging = index_dir.with_name(f"{index_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        ix = whoosh_index.create_in(str(staging), build_schema())
        procs = procs or default_procs()
        articles = archive.articles()
        writer = ix.writer(procs=procs, multisegment=procs > 1, limitmb=128)
        vocab: Counter[str] = Counter()
        _write_documents(writer, writer.add_document, archive, articles, vocab, progress)
        _write_side_files(ix, staging, archive, vocab, stamps)
        ix.close()
        _swap(staging, index_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        reason = exc.strerror or exc
        raise IndexError_(f"cannot write the search index in {index_dir.parent}: {reason}") from exc
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
    vocab = Counter(sidecar.read_json(index_dir / sidecar.VOCAB))
    known = {meta.id: meta for meta in archive.articles()}
    writer = ix.writer()
    for article_id in delete | (upsert - known.keys()):
        writer.delete_by_term("id", article_id)
    todo = [known[article_id] for article_id in sorted(upsert & known.keys())]
    _write_documents(writer, writer.update_document, archive, todo, vocab, progress)
    _write_side_files(ix, index_dir, archive, vocab, new)
    ix.close()
    log.info("updated index: %d re-indexed, %d removed", len(upsert), len(delete))
    return len(upsert), len(delete)


def _write_documents(writer: Any, write: Callable[..., None], archive: Archive, metas: list[ArticleMeta],
                     vocab: Counter[str], progress: Progress | None) -> None:
    """Feed articles to ``write`` (add or update), then commit; any failure cancels the writer."""
    try:
        for done, meta in enumerate(metas, start=1):
            body = markdown_to_plain(archive.article(meta.id).body)
            vocab.update(_words(meta, body))
            write(**_document(meta, body))
            if progress:
                progress(done, len(metas))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _write_side_files(ix: whoosh_index.Index, folder: Path, archive: Archive,
                      vocab: Counter[str], stamps: sidecar.FileStamps) -> None:
    metas = {meta.id: meta for meta in archive.articles()}
    with ix.reader() as reader:
        rows: list[sidecar.DocInfo | None] = [None] * reader.doc_count_all()
        for docnum, fields in reader.iter_docs():
            meta = metas.get(fields["id"])
            if meta is not None:
                rows[docnum] = sidecar.DocInfo(meta.id, meta.title, meta.date, meta.authors,
                                               meta.tags, meta.categories)
    sidecar.write_json(folder / sidecar.DOCINFO, sidecar.docinfo_rows(rows))
    sidecar.write_json(folder / sidecar.VOCAB, dict(vocab))
    sidecar.write_manifest(folder, SCHEMA_VERSION, stamps, ix.latest_generation())


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
