"""The search's data side: query text helpers, the background call, the hits model.

Nothing here touches widgets: ``run_search`` runs on the worker thread.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.search import Hit, SearchIndex, SearchResult
from reader.core.search.engine import SUGGEST_BELOW

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3  # HTML with <mark>, for the delegate
AnyIndex = QModelIndex | QPersistentModelIndex
OPERATORS = frozenset({"AND", "OR", "NOT"})
#: A bare word (maybe opening a group) that may take a ``*``: no field, quote, ~, * or minus.
_COMPLETABLE = re.compile(r"[+(]*\w{2,}")
_TAG = re.compile(r"<[^>]+>")


def as_you_type(text: str) -> str:
    """Complete the word being typed (``soci`` → ``soci*``); a trailing space means "exact"."""
    if not text or text[-1].isspace() or text.count('"') % 2:
        return text
    words = text.split()
    last = words[-1]
    if last in OPERATORS or not _COMPLETABLE.fullmatch(last):
        return text
    if len(words) > 1 and words[-2] == "NOT":  # "NOT soc*" would leave out every soc… word
        return text
    return text + "*"


def has_token(text: str, token: str) -> bool:
    """Is ``token`` in ``text`` as a whole whitespace-separated part (``tag:x`` ≠ ``tag:xy``)?"""
    return re.search(rf"(?<!\S){re.escape(token)}(?!\S)", text) is not None


def remove_token(text: str, token: str) -> str:
    return re.sub(rf"\s*(?<!\S){re.escape(token)}(?!\S)", "", text).strip()


def run_search(index: SearchIndex, query: str, typed: str | None, sort: str, limit: int, *,
               facets: bool = True) -> SearchResult:
    """Worker thread.  Completed words (``soclism*``) are not spell-checked, so when the
    completed query finds little, the suggestion comes from what was ``typed``."""
    result = index.search(query, limit=limit, sort=sort, facets=facets)
    if typed and result.suggestion is None and result.total < SUGGEST_BELOW:
        try:
            suggestion = index.search(typed, limit=0, snippets=False, facets=False).suggestion
        except ReaderError:
            suggestion = None
        if suggestion:
            result = replace(result, suggestion=suggestion)
    return result


def count_text(result: SearchResult) -> str:
    if result.total == 0:
        return _("No results")
    noun = "result" if result.total == 1 else "results"
    return f"{'about ' if result.total_is_estimate else ''}{result.total} {noun}"


def plain_snippet(snippet: str) -> str:
    """The snippet as screen readers should get it: no markup."""
    return html.unescape(_TAG.sub("", snippet))


def meta_line(hit: Hit) -> str:
    """Date and authors, in the order people scan a result list."""
    return " · ".join(part for part in ((hit.date or "")[:10], ", ".join(hit.authors)) if part)


class ResultsModel(QAbstractListModel):
    """Rows are the hits shown so far; pages are appended, a new search resets."""

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def append_hits(self, hits: list[Hit]) -> None:
        """Add the next page, skipping any hit already shown (the index may have moved on)."""
        shown = {hit.id for hit in self._hits}
        fresh = [hit for hit in hits if hit.id not in shown]
        if not fresh:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._hits.extend(fresh)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_hits([])

    def count(self) -> int:
        return len(self._hits)

    def hit_at(self, row: int) -> Hit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title or "(untitled)"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = (hit.title or "(untitled)", meta_line(hit), plain_snippet(hit.snippet))
            return ". ".join(part for part in parts if part)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.title
        if role == HIT_ROLE:
            return hit
        if role == ID_ROLE:
            return hit.id
        if role == SNIPPET_ROLE:
            return hit.snippet
        return None
