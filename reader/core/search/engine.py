"""The search index of one archive: open (build or update when needed) and query.

Where the index lives:
- inside the archive folder (``index/``) when a prebuilt index there is one we
  trust (the bundled archive's, an administrator's, or one this user's Reading
  Room wrote and nobody changed since: Whoosh's files hold pickles, which run
  code when loaded, so we never open an index built by somebody else), or when
  the folder is writable and has no ``index/`` yet;
- otherwise in the user cache dir, keyed by the archive's real path.  An index
  that is not ours is never opened *and never written*: another profile on the
  same archive keeps using its own.
"""

from __future__ import annotations

import contextlib
import heapq
import logging
import pickle
import re
import struct
import time
import weakref
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

from whoosh import query as Q
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.reading import CorruptIndexError
from whoosh.searching import Searcher

from reader.core import paths as pathsmod
from reader.core.archive import Archive, open_archive
from reader.core.errors import ReaderError
from reader.core.i18n import N_, _
from reader.core.search import docstore, indexer, location, sidecar, textstore, trust
from reader.core.search.analysis import fold, markdown_to_plain
from reader.core.search.fastpath import Deadline, FastScorer, Unsupported
from reader.core.search.location import INDEX_DIRNAME
from reader.core.search.query import ParsedQuery, QueryBuilder, QueryError
from reader.core.search.ranking import top_by_score
from reader.core.search.results import Hit, SearchResult
from reader.core.search.schema import SCHEMA_VERSION
from reader.core.search.sidepath import SideFiles
from reader.core.search.snippets import make_snippet
from reader.core.search.vocab import Vocabulary

log = logging.getLogger("reader.search")

__all__ = ["INDEX_DIRNAME", "SearchIndex"]

TIME_LIMIT_S = 1.0
#: Plain texts of recent hits kept for snippets: each keystroke of a word mostly shows the same
#: articles again, and reading and converting one costs about a millisecond.
PLAIN_TEXTS_KEPT = 64
FACET_LIMIT = 20
DAMAGED = N_("The search index was damaged and has been rebuilt.")
STALE = N_("The search index could not be updated (is the disk full?); results may miss recent changes.")
SUGGEST_BELOW = 3  # hits under which "did you mean" is computed
FACETS = ("authors", "year", "tags", "categories")
#: What a damaged Whoosh file raises when read.
CORRUPTION = (CorruptIndexError, OSError, EOFError, struct.error, zlib.error, ValueError, IndexError,
              KeyError, TypeError, AttributeError, pickle.UnpicklingError)


class SearchIndex:
    """An open index; thread-confined: use it from one thread at a time."""

    def __init__(self, archive: Archive, index_dir: Path, paths: pathsmod.Paths,
                 notice: str | None = None) -> None:
        self.archive = archive
        self.index_dir = index_dir
        self.paths = paths
        self.notice = notice  # told once to the user, e.g. "index rebuilt"
        self._load()

    def _load(self) -> None:
        self._plain_texts: OrderedDict[str, str] = OrderedDict()
        self._ix = open_whoosh(self.index_dir)
        self._searcher: Searcher = self._ix.searcher()
        # Read on demand, Whoosh keeps its files open: an index dropped without close() (a window
        # torn down, an error path) still closes them when it is collected.
        self._fast = FastScorer(self._searcher, self.index_dir)
        self._close_files = weakref.finalize(self, _close_quietly, self._searcher, self._ix, self._fast.side)
        reader = self._searcher.reader()
        self.docinfo = docstore.DocStore(self.index_dir)
        if len(self.docinfo) != reader.doc_count_all():
            self.docinfo.close()
            raise ValueError("the documents file does not match the index")
        vocab_file = self.index_dir / sidecar.VOCAB
        self.vocabulary = Vocabulary(loader=lambda: sidecar.read_vocab(vocab_file))
        self._gaps = self.docinfo.gaps()
        self._builder = QueryBuilder(
            self.vocabulary,
            lambda field, text: reader.doc_frequency(field, text),
            reader.doc_count(),
        )

    def _recover(self, exc: BaseException, progress: indexer.Progress | None = None) -> None:
        """Rebuild a damaged index, always in our cache: the damaged one may be shared."""
        log.warning("index in %s is damaged (%s: %s); rebuilding", self.index_dir, type(exc).__name__, exc)
        with contextlib.suppress(Exception):
            self.close()
        index_dir = location.cache_dir(self.archive.location, self.paths)
        _build(self.archive, index_dir, self.paths, progress)
        self.index_dir = index_dir
        self.notice = _(DAMAGED)
        self._load()

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, archive: Archive | Path | str, paths: pathsmod.Paths | None = None, *,
             progress: indexer.Progress | None = None, rebuild: bool = False) -> SearchIndex:
        """Open the archive's index, building or updating it first when it is missing or stale."""
        if not isinstance(archive, Archive):
            archive = open_archive(archive)
        paths = paths or pathsmod.resolve()
        place = location.choose(archive.location, paths)
        index_dir, writable, trusted = place.dir, place.writable, place.trusted
        if not writable and (rebuild or not location.current(index_dir, archive.location)):
            # Never write where we may not (an installed or bundled archive): our cache instead.
            place = location.cache_place(archive.location, paths)
            index_dir, writable, trusted = place.dir, True, place.trusted
        notice = None
        if rebuild or not trusted:
            if not trusted and (place.changed or ((index_dir / sidecar.MANIFEST).exists()
                                                  and trust.status(paths, index_dir) == "changed")):
                log.warning("the index of %s changed since it was written; rebuilding", archive.location)
                notice = _(DAMAGED)
            index_dir = _build_somewhere(archive, index_dir, paths, progress, replace=place.replace)
        else:
            manifest = sidecar.read_manifest(index_dir)
            if manifest is None or manifest.get("schema_version") != SCHEMA_VERSION:
                if manifest is not None:
                    notice = _("The search index was made by another version and has been rebuilt.")
                _build(archive, index_dir, paths, progress)
            else:
                notice = _refresh(archive, index_dir, paths, manifest, writable, progress)
        opened = cls.__new__(cls)
        opened.archive, opened.index_dir, opened.paths, opened.notice = archive, index_dir, paths, notice
        try:
            opened._load()
        except CORRUPTION as exc:
            opened._recover(exc, progress)
        return opened

    def drop_caches(self) -> None:
        """Forget decoded terms and article texts (the benchmark times queries cold with this)."""
        self._fast.drop_caches()
        self._plain_texts.clear()

    def close(self) -> None:
        self._close_files()
        self.docinfo.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    # -- searching -----------------------------------------------------------------------

    def parse(self, text: str) -> ParsedQuery:
        return self._builder.parse(text)

    def search(self, text: str, *, limit: int = 10, offset: int = 0, sort: str = "relevance",
               snippets: bool = True, facets: bool = True,
               time_limit: float = TIME_LIMIT_S) -> SearchResult:
        """Run one query; a :class:`QueryError` says what to change in it.

        Facets cost about as much as evaluating the query: the window asks
        without them on each keystroke and for them once typing pauses.

        Anything that reads the index (the vocabulary is read lazily) runs
        under the same recovery: a damaged or deleted index is rebuilt once.
        """
        try:
            return self._search(text, limit, offset, sort, snippets, facets, time_limit)
        except CORRUPTION as exc:
            self._recover(exc)
            return self._search(text, limit, offset, sort, snippets, facets, time_limit)

    def _search(self, text: str, limit: int, offset: int, sort: str, snippets: bool, facets: bool,
                time_limit: float) -> SearchResult:
        parsed = self._builder.parse(text)
        wanted = offset + limit
        matched, partial = self._collect(parsed, time_limit)
        if self._gaps and not self._gaps.isdisjoint(matched):
            matched = {docnum: score for docnum, score in matched.items() if docnum not in self._gaps}
        docnums = list(matched)
        if sort == "date":
            dates = self.docinfo.dates()
            ranked = heapq.nlargest(wanted, docnums, key=lambda d: (dates[d], matched[d], -d))
        else:
            ranked = top_by_score(matched, wanted)
        hits = [self._hit(docnum, matched[docnum], parsed, snippets) for docnum in ranked[offset:]]
        suggestion = self._suggest(parsed) if len(docnums) < SUGGEST_BELOW else None
        notes = list(dict.fromkeys(parsed.notes))
        if self.notice:
            notes.insert(0, self.notice)
            self.notice = None
        if partial:
            notes.append(_("The search took too long and shows the results found so far."))
        return SearchResult(
            query=text,
            total=len(docnums),
            total_is_estimate=partial,
            hits=hits,
            facets=self._facets(docnums) if facets else {},
            suggestion=suggestion,
            partial=partial,
            message=" ".join(notes) or None,
            terms=tuple(sorted(parsed.highlight)),
        )

    def _collect(self, parsed: ParsedQuery, time_limit: float) -> tuple[dict[int, float], bool]:
        """Every match with its score: exact totals and facets come from one pass."""
        query = parsed.combined()
        started = time.perf_counter()
        try:
            return self._fast.evaluate(query, started + time_limit), False
        except Deadline:
            return {}, True
        except Unsupported as exc:
            log.debug("fast path declined (%s); using Whoosh's collector", exc)
        except RecursionError as exc:
            raise QueryError(_("This query is too complex to search.")) from exc
        remaining = max(0.05, time_limit - (time.perf_counter() - started))
        return self._collect_with_whoosh(query, remaining)

    def _collect_with_whoosh(self, query: Q.Query, time_limit: float) -> tuple[dict[int, float], bool]:
        collector = TimeLimitCollector(self._searcher.collector(limit=None), timelimit=time_limit,
                                       use_alarm=False)
        partial = False
        try:
            self._searcher.search_with_collector(query, collector)
        except TimeLimit:
            partial = True
        except RecursionError as exc:
            raise QueryError(_("This query is too complex to search.")) from exc
        return {docnum: score for score, docnum in collector.results().top_n}, partial

    def _hit(self, docnum: int, score: float, parsed: ParsedQuery, snippets: bool) -> Hit:
        info = self.docinfo[docnum]
        assert info is not None
        snippet = ""
        if snippets:
            snippet = make_snippet(self._plain_text(docnum, info.id), parsed.highlight)
        return Hit(id=info.id, title=info.title, date=info.date, authors=info.authors, score=score,
                   snippet=snippet)

    def _plain_text(self, docnum: int, article_id: str) -> str:
        """The text the index holds for the hit (``textstore``), or its article converted again."""
        kept = self._plain_texts
        text = kept.get(article_id)
        if text is not None:
            kept.move_to_end(article_id)
            return text
        text = textstore.read(self.index_dir, docnum, article_id)
        if text is None:
            try:
                text = markdown_to_plain(self.archive.article(article_id).body)
            except (ReaderError, OSError, UnicodeDecodeError, KeyError):
                return ""
        kept[article_id] = text
        if len(kept) > PLAIN_TEXTS_KEPT:
            kept.popitem(last=False)
        return text

    def _facets(self, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value over all matches, in one pass over precomputed keys."""
        # Small ints, counted in C: hashing (name, value) pairs cost twice as much.
        counts = self.docinfo.count_facets(docnums)
        values = self.docinfo.facet_values()
        facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
        for key, count in counts.most_common():
            name, value = values[key]
            if len(facets[name]) < FACET_LIMIT:
                facets[name].append((value, count))
        return facets

    def _suggest(self, parsed: ParsedQuery) -> str | None:
        """Replace plain words the archive does not use with the closest word it uses often."""
        text = parsed.text
        changed = False
        for word in dict.fromkeys(_PLAIN_WORD.findall(text)):
            folded = fold(word)
            if word in ("AND", "OR", "NOT") or folded in self.vocabulary or not word.isalpha():
                continue
            better = self.vocabulary.suggest(folded)
            if better:
                text = _replace_word(text, word, better)
                changed = True
        return text if changed else None


def _close_quietly(searcher: Searcher, ix: FileIndex, side: SideFiles) -> None:
    with contextlib.suppress(Exception):  # at collection time nobody could hear about it
        side.close()
    with contextlib.suppress(Exception):
        searcher.close()
    with contextlib.suppress(Exception):
        ix.close()


def open_whoosh(index_dir: Path) -> FileIndex:
    """Whoosh's index for searching, its files read on demand instead of ``mmap``'d.

    With ``mmap`` Whoosh 3 copies every mapped sub-file into a ``BytesIO`` when a
    reader opens (``BufferFile``): the whole postings file resident, 232 MB for a
    92 MB index at 10,000 articles, and 140 ms at each open.  Reading on demand:
    55 MB, 90 ms less per open, ~10 % more per query (measured back to back).
    """
    return FileStorage(str(index_dir), supports_mmap=False).open_index()


#: A word that is not a field name (``tag:``), a prefix (``soc*``) or fuzzy (``word~``).
_PLAIN_WORD = re.compile(r"(?<![\w:*~])(\w+)(?![\w:*~])")


def _replace_word(text: str, word: str, replacement: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text)


def _refresh(archive: Archive, index_dir: Path, paths: pathsmod.Paths, manifest: dict[str, Any],
             writable: bool, progress: indexer.Progress | None) -> str | None:
    """Bring a current-schema index up to date with the articles; a notice if it could not be."""
    listing = sidecar.list_articles(archive.location)
    if sidecar.unchanged(manifest, listing):
        return None  # the common case: one directory scan, compared in C
    old = sidecar.manifest_stamps(manifest)
    new = sidecar.scan_articles(archive.location, old, listing)
    try:
        if not sidecar.same_content(old, new):
            indexer.update(archive, index_dir, old, progress=progress)
            trust.register(paths, index_dir)
        elif writable:  # same contents, new stamps or order (a copy, a touch): recorded for next time
            sidecar.write_manifest(index_dir, SCHEMA_VERSION, new, manifest.get("generation", 0))
            trust.register(paths, index_dir)
    except OSError as exc:  # disk full, read-only: search what we have
        log.warning("cannot update the index in %s: %s", index_dir, exc)
        return _(STALE)
    return None


def _build(archive: Archive, index_dir: Path, paths: pathsmod.Paths,
           progress: indexer.Progress | None, *, replace: bool = True) -> None:
    indexer.build(archive, index_dir, progress=progress, replace=replace)
    trust.register(paths, index_dir)


def _build_somewhere(archive: Archive, index_dir: Path, paths: pathsmod.Paths,
                     progress: indexer.Progress | None, *, replace: bool) -> Path:
    """Build in ``index_dir``; if another profile's index appeared there meanwhile, in our cache."""
    try:
        _build(archive, index_dir, paths, progress, replace=replace)
        return index_dir
    except indexer.IndexTaken:
        log.info("another index appeared in %s while building; using the cache", index_dir)
    cache = location.cache_dir(archive.location, paths)
    _build(archive, cache, paths, progress)
    return cache


