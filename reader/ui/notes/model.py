"""List model of annotations: the shown article's or the whole archive's, filtered.

Rows are computed from the store on :meth:`NotesModel.refresh` (annotations
are few: hundreds, not the library's 50,000).  The shown article's rows come
anchored fresh from the controller; other articles carry the state stored the
last time they were opened.  Orphans — quotes that could not be placed — come
last, after a non-selectable "Could not be placed" section row, and show
their quote so the reader can still find the words.  Bookmarks (named
places) come after the highlights under their own "Bookmarks" section row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.core import render
from reader.core.annotations.model import Annotation
from reader.core.annotations.service import Anchored
from reader.core.annotations.store import AnnotationStore
from reader.core.i18n import N_, _
from reader.ui.notes.toolbar import swatch_icon

Scope = Literal["article", "all"]
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1  # the Annotation (None on the section row)
PAGE_NOTE = N_("On the whole article")  # a page note has no quote: it is about the article itself
ORPHAN_ROLE = Qt.ItemDataRole.UserRole + 2  # True when the quote could not be placed
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a section row ("Bookmarks", "Could not be placed")
ORPHANS_TITLE = N_("Could not be placed")
BOOKMARKS_TITLE = N_("Bookmarks")
BOOKMARK = N_("Bookmark")  # the first words of a bookmark's row, before its name
QUOTE_CHARS, NOTE_CHARS = 140, 220
AnyIndex = QModelIndex | QPersistentModelIndex
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    """A non-selectable title row above a group of rows."""

    title: str
    count: int
    tip: str


@dataclass(frozen=True)
class Filters:
    """What the list shows; None means any."""

    color: str | None = None
    tag: str | None = None
    creator: str | None = None
    text: str = ""


def note_text(markdown: str) -> str:
    """A note's Markdown as one line of plain text (for the list and its tooltip)."""
    if not markdown.strip():
        return ""
    return _SPACES.sub(" ", render.html_to_text(render.markdown_to_html(markdown))).strip()


def _excerpt(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class NotesModel(QAbstractListModel):
    """(annotation, placed?) rows, then the bookmarks and the orphans, each under a section row."""

    def __init__(self, store: AnnotationStore, archive_id: str,
                 titles: Callable[[str], str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store, self._archive_id = store, archive_id
        self._titles = titles or (lambda article_id: article_id)
        self._scope: Scope = "article"
        self._filters = Filters()
        self._article_id: str | None = None
        self._fresh: list[Anchored] = []  # the shown article, just anchored
        self._in_scope: list[Annotation] = []  # before filtering: the choices of the filter combos
        self._rows: list[Annotation | Section] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # -- inputs --------------------------------------------------------------------------

    def scope(self) -> Scope:
        return self._scope

    def set_scope(self, scope: Scope) -> None:
        if scope not in ("article", "all"):
            raise ValueError(f"unknown scope {scope!r}")
        self._scope = scope
        self.refresh()

    def set_archive(self, archive_id: str) -> None:
        """Another archive is open: "all notes" are its notes."""
        self._archive_id = archive_id

    def set_article(self, article_id: str | None, rows: Sequence[Anchored]) -> None:
        """The shown article and its annotations as just anchored (``Annotations.for_article``)."""
        self._article_id, self._fresh = article_id, list(rows)
        self.refresh()

    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        self._filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Re-read the store and apply scope and filters."""
        if self._scope == "article":
            annotations = [a for a, _match in self._fresh]
        else:
            fresh = {a.id: a for a, _match in self._fresh}
            annotations = [fresh.get(a.id, a) for a in self._store.all(self._archive_id)]
        self._in_scope = annotations
        f = self._filters
        found = ({a.id for a in self._store.search_notes(f.text, archive=self._archive_id)}
                 if f.text.strip() else None)
        kept = [a for a in annotations
                if (f.color is None or a.color == f.color) and (f.tag is None or f.tag in a.tags)
                and (f.creator is None or a.creator == f.creator) and (found is None or a.id in found)]
        placed = [a for a in kept if a.anchored != "orphan" and not a.is_bookmark]
        marks = [a for a in kept if a.anchored != "orphan" and a.is_bookmark]
        orphans = sorted((a for a in kept if a.anchored == "orphan"), key=lambda a: a.created)
        self.beginResetModel()
        self._rows = [*placed]
        if marks:
            places = _("Named places: Enter goes there.")
            self._rows += [Section(_(BOOKMARKS_TITLE), len(marks), places), *marks]
        if orphans:
            self._rows += [Section(_(ORPHANS_TITLE), len(orphans), _("The words of these notes are no longer "
                                   "in their article; their quotes are kept.")), *orphans]
        self.endResetModel()

    # -- what the filter combos offer ----------------------------------------------------

    def tags(self) -> list[str]:
        return sorted({t for a in self._in_scope for t in a.tags}, key=str.casefold)

    def creators(self) -> list[str]:
        return sorted({a.creator for a in self._in_scope}, key=str.casefold)

    # -- reading -------------------------------------------------------------------------

    def annotation(self, index: AnyIndex) -> Annotation | None:
        row = self._rows[index.row()] if index.isValid() and index.row() < len(self._rows) else None
        return row if isinstance(row, Annotation) else None

    def row_of(self, annotation_id: str) -> int:
        return next((row for row, a in enumerate(self._rows)
                     if isinstance(a, Annotation) and a.id == annotation_id), -1)

    def orphan_count(self) -> int:
        return sum(1 for a in self._rows if isinstance(a, Annotation) and a.anchored == "orphan")

    def count(self) -> int:
        """Annotations listed (the section rows not counted)."""
        return sum(1 for a in self._rows if isinstance(a, Annotation))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if self.annotation(index) is None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        a = self._rows[index.row()]
        if isinstance(a, Section):
            return self._section_data(a, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(a)
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch_icon(a.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = _(PAGE_NOTE) if a.selector.is_page else f"“{a.quote}”"
            if a.is_bookmark:
                return f"{_(BOOKMARK)}: {a.note}\n\n{quote}"
            return "\n\n".join(filter(None, [quote, note_text(a.note)]))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(a).replace("\n", ". ")
        if role == ANNOTATION_ROLE:
            return a
        if role == ORPHAN_ROLE:
            return a.anchored == "orphan"
        if role == SECTION_ROLE:
            return False
        return None

    def _section_data(self, section: Section, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{section.title} ({section.count})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return section.tip
        if role == SECTION_ROLE:
            return True
        return None

    def _display(self, a: Annotation) -> str:
        lines = [_(PAGE_NOTE) if a.selector.is_page else f"“{_excerpt(a.quote, QUOTE_CHARS)}”"]
        note = note_text(a.note)
        if a.is_bookmark:  # the name first: it is what the reader chose to call the place
            lines = [f"{_(BOOKMARK)}: {_excerpt(a.note, NOTE_CHARS)}", lines[0]]
        elif note:
            lines.append(_excerpt(note, NOTE_CHARS))
        facts = [" ".join(f"#{t}" for t in a.tags)] if a.tags else []
        if self._scope == "all":
            facts.append(self._titles(a.article))
        facts.append(a.modified[:10])
        if a.creator:
            facts.append(a.creator)
        if a.style == "underline":
            facts.append("underlined")
        lines.append(" · ".join(facts))
        return "\n".join(lines)
