"""Table of contents: the headings of the rendered article, as a list to jump from.

Headings are read from the QTextDocument after rendering (not from the
Markdown), so the positions are the ones the view scrolls to and they stay
right for any HTML the importer kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFocusEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.i18n import _

if TYPE_CHECKING:
    from reader.ui.article.surface import ArticleSurface

INDENT = 14  # pixels per heading level below the top one
HeadingRole = Qt.ItemDataRole.UserRole + 1
LevelRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Heading:
    """A heading of the rendered article: level 1–6, its text and where it starts."""

    level: int
    text: str
    position: int
    anchor: str = ""


def headings_of(document: QTextDocument) -> list[Heading]:
    """Every non-empty heading block, in document order."""
    found: list[Heading] = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = " ".join(block.text().replace("\ufffc", " ").split())
        if level and text:
            anchor = ""
            fragments = block.begin()
            while not anchor and not fragments.atEnd():
                names = fragments.fragment().charFormat().anchorNames()
                anchor = names[0] if names else ""
                fragments += 1
            found.append(Heading(level, text, block.position(), anchor))
        block = block.next()
    return found


class TocModel(QAbstractListModel):
    """A flat list of headings; the level is data (indentation is the view's job)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headings: list[Heading] = []
        self._top_level = 1

    def set_headings(self, headings: list[Heading]) -> None:
        self.beginResetModel()
        self._headings = list(headings)
        self._top_level = min((h.level for h in headings), default=1)
        self.endResetModel()

    def headings(self) -> list[Heading]:
        return list(self._headings)

    def heading(self, row: int) -> Heading:
        return self._headings[row]

    def depth(self, row: int) -> int:
        """Indentation steps: 0 for the article's highest heading level."""
        return self._headings[row].level - self._top_level

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._headings):
            return None
        heading = self._headings[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return heading.text
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return _("Heading level {level}").format(level=heading.level)
        if role == HeadingRole:
            return heading
        if role == LevelRole:
            return heading.level
        return None

    def row_at(self, position: int) -> int | None:
        """The last heading at or before ``position`` (the section being read)."""
        row = None
        for number, heading in enumerate(self._headings):
            if heading.position > position:
                break
            row = number
        return row


class _IndentDelegate(QStyledItemDelegate):
    """Indents each row by its heading depth (a list view has no tree lines to show)."""

    def __init__(self, model: TocModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        shifted = QStyleOptionViewItem(option)
        shifted.rect.setLeft(option.rect.left() + INDENT * self._model.depth(index.row()))
        super().paint(painter, shifted, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + INDENT * self._model.depth(index.row()), size.height())


class TocView(QListView):
    """Lists the headings of an article view; activating one scrolls the article there."""

    def __init__(self, view: ArticleSurface | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Table of contents"))
        self.setToolTip(_("Headings of the article: click or press Enter to go there"))
        self.toc_model = TocModel(self)
        self.setModel(self.toc_model)
        self.setItemDelegate(_IndentDelegate(self.toc_model, self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self._view: ArticleSurface | None = None
        self.clicked.connect(self._go)
        self.activated.connect(self._go)
        if view is not None:
            self.attach(view)

    def attach(self, view: ArticleSurface) -> None:
        """Follow ``view``: refresh on every render and mark the section being read."""
        if self._view is not None:
            self._view.rendered.disconnect(self.refresh)
            self._view.verticalScrollBar().valueChanged.disconnect(self._follow)
        self._view = view
        view.rendered.connect(self.refresh)
        view.verticalScrollBar().valueChanged.connect(self._follow)
        self.refresh()

    def refresh(self) -> None:
        self.toc_model.set_headings(self._view.headings() if self._view is not None else [])
        self._follow()

    def _go(self, index: QModelIndex) -> None:
        if self._view is not None and index.isValid():
            self._view.jump_to(self.toc_model.heading(index.row()).position)

    def _follow(self, *_args: object) -> None:
        """Keep the current row on the section at the top of the article (only when it changes)."""
        if self._view is None:
            return
        at_top = self._view.verticalScrollBar().value() == 0  # the start, not a section, is being read
        row = None if at_top else self.toc_model.row_at(self._view.top_position())
        index = self.toc_model.index(row, 0) if row is not None else QModelIndex()
        if index != self.currentIndex():
            self.setCurrentIndex(index)
        if row is None:
            self.clearSelection()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Qt makes the first row current on focus; that would mark a section the reader is not in."""
        super().focusInEvent(event)
        self._follow()
