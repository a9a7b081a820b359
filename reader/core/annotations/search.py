"""Notes in the search panel: ``in:notes`` searches the reader's notes and quotes.

The result has the same shape as an archive search, so the panel shows it with
no special case; a hit's id is ``<article id>#note:<annotation id>``, which the
window opens by jumping to (and flashing) the annotated passage.
"""

from __future__ import annotations

import html
import re

from reader.core.annotations.store import AnnotationStore
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.search.analysis import stem, term_spans
from reader.core.search.results import Hit, SearchResult

SCOPE_TOKEN = re.compile(r"(?<!\S)in:notes(?!\S)", re.IGNORECASE)
NOTE_MARK = "#note:"


def is_notes_query(text: str) -> bool:
    return bool(SCOPE_TOKEN.search(text))


def split_hit_id(hit_id: str) -> tuple[str, str | None]:
    """(article id, annotation id or None) of a search hit id."""
    article, _, note = hit_id.partition(NOTE_MARK)
    return article, note or None


def search_notes(store: AnnotationStore, archive: Archive, text: str, limit: int = 500) -> SearchResult:
    query = SCOPE_TOKEN.sub(" ", text).replace("*", " ").strip()
    if not query:
        raise ReaderError(_("Type a word to search your notes for (in:notes word)."))
    found = store.search_notes(query, archive=archive.info.id)
    stems = {stem(w) for w in re.findall(r"\w+", query)}
    hits = []
    for annotation in found[:limit]:
        try:
            meta = archive.meta(annotation.article)
            title, date, authors = meta.title, meta.date, meta.authors
        except ReaderError:
            title, date, authors = annotation.article, None, ()
        parts = [f"“{annotation.quote}”"] + ([annotation.note] if annotation.note else [])
        hits.append(Hit(id=f"{annotation.article}{NOTE_MARK}{annotation.id}", title=title, date=date,
                        authors=tuple(authors), score=0.0, snippet=_mark(" — ".join(parts), stems)))
    return SearchResult(query=text, total=len(hits), hits=hits, terms=tuple(sorted(stems)))


def _mark(text: str, stems: set[str]) -> str:
    out, cursor = [], 0
    for start, end in term_spans(text, stems):
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
