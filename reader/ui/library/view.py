"""The library tree: groups of articles, keyboard-first, emitting the chosen article id."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from reader.core.i18n import _
from reader.ui.library.model import GROUP_KEY_ROLE, SPECIAL_NAMES, LibraryModel

#: Groups up to this size open expanded after every regrouping or filter keystroke…
SMALL_GROUP = 200
#: …until this many rows or groups are open: 3,000 two-article author groups stay shut.
EXPAND_ROWS, EXPAND_GROUPS = 1000, 40
#: When titles would get less than this share of a narrow pane, the Authors column steps aside
#: (the tooltip still names them).
TITLE_SHARE = 0.5
#: F (ahead of type-to-find, which would jump to a title starting with "f") and Ctrl+D.
_FAVOURITE_KEYS = {(Qt.KeyboardModifier.NoModifier, Qt.Key.Key_F),
                   (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_D)}


class LibraryView(QTreeView):
    """Moving the selection (mouse or arrows) or pressing Enter chooses an article.

    ``F`` or Ctrl+D and the context menu toggle the current article's favourite
    state in the model and emit :attr:`favourite_toggled`; the owner persists
    ``model.favourites()``.
    """

    article_chosen = Signal(str)
    favourite_toggled = Signal(str)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert isinstance(model, LibraryModel), "LibraryView needs a LibraryModel"
        self._model = model
        self._quiet = False
        self._reselect: str | None = None
        self.setModel(model)
        self.setAccessibleName(_("Library"))
        self.setAccessibleDescription(_("The archive's articles; Enter opens one, F marks it a favourite"))
        self.header().setAccessibleName(_("Library columns"))
        self.setUniformRowHeights(True)  # lets Qt skip measuring 50,000 rows
        self.setAllColumnsShowFocus(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed starting widths: ResizeToContents re-measures up to 1,000 rows on every layout.
        digits = self.fontMetrics().horizontalAdvance("0000-00-00")
        self._widths = {1: 6 * digits // 5, 2: digits + 16}  # what the reader chose, kept while hidden
        for column, width in self._widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.sectionResized.connect(self._on_section_resized)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        self.activated.connect(self._on_activated)
        self.expanded.connect(self._on_expanded)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.modelAboutToBeReset.connect(self._before_reset)
        model.rebuilt.connect(self._after_reset)
        self._after_reset()

    def current_article_id(self) -> str | None:
        return self._model.article_id(self.currentIndex())

    def select_article(self, article_id: str, emit: bool = True) -> bool:
        """Expand its group, select and show its row; False when it is filtered out or unknown."""
        index = self._model.locate(article_id)
        if not index.isValid():
            return False
        if index.parent().isValid():
            self.expand(index.parent())
        quiet, self._quiet = self._quiet, not emit
        try:
            self.setCurrentIndex(index)
        finally:
            self._quiet = quiet
        self.scrollTo(index)
        return True

    def toggle_favourite(self, article_id: str | None = None) -> None:
        """Flip the favourite state of ``article_id`` (default: the current article)."""
        article_id = article_id or self.current_article_id()
        if article_id:
            self._model.toggle_favourite(article_id)
            self.favourite_toggled.emit(article_id)

    def context_menu_for(self, index: QModelIndex) -> QMenu | None:
        """The menu for a row (None on groups); built per use so its label says the current state."""
        article_id = self._model.article_id(index)
        if article_id is None:
            return None
        menu = QMenu(self)
        menu.setAccessibleName(_("Article actions"))
        favourite = self._model.is_favourite(article_id)
        label = _("Remove from favourites") if favourite else _("Add to favourites")
        menu.addAction(f"{label}\tF").triggered.connect(lambda: self.toggle_favourite(article_id))
        return menu

    def column_widths(self) -> list[int]:
        """Widths of the Authors and Date columns as the reader left them (the title takes the rest)."""
        return [self._widths[1], self._widths[2]]

    def set_column_widths(self, widths: list[int]) -> None:
        """Restore :meth:`column_widths` from an earlier run; junk keeps the fitted width."""
        for column, width in enumerate(widths[:2], start=1):
            if isinstance(width, int) and width >= self.header().minimumSectionSize():
                self._widths[column] = width
                self.header().resizeSection(column, width)
        self.hide_empty_columns()

    def hide_empty_columns(self) -> None:
        """Hide Authors/Date where the archive knows none, and Authors where titles need the room."""
        width = self.viewport().width()
        narrow = width - self._widths[1] - self._widths[2] < TITLE_SHARE * width
        for column in range(1, self._model.columnCount()):
            hidden = not self._model.column_has_values(column) or (column == 1 and narrow)
            if hidden != self.isColumnHidden(column):
                self.setColumnHidden(column, hidden)

    def expand_default_groups(self) -> None:
        """Open small groups, top down (special groups come first), within the row budget."""
        rows, groups = EXPAND_ROWS, EXPAND_GROUPS
        for row in range(self._model.rowCount()):
            index = self._model.index(row, 0)
            size = self._model.group_size(index)
            if not size or groups <= 0:
                break  # flat "none" rows follow the groups
            if size <= min(SMALL_GROUP, rows):
                rows, groups = rows - size, groups - 1
                self._model.fetchMore(index)
                self.expand(index)

    # --- events -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.hide_empty_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if (event.modifiers(), key) in _FAVOURITE_KEYS:
            self.toggle_favourite()
            event.accept()
            return
        current = self.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._model.group_size(current):
            if self.isExpanded(current):  # Enter on an open group closes it; on a closed one opens it
                self.setExpanded(current, False)  # and goes to its first article
            else:
                self.expand(current)
                self._on_expanded(current)
                self.setCurrentIndex(self._model.index(0, 0, current))
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_for(self.indexAt(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    # --- slots -----------------------------------------------------------------------------

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        article_id = self._model.article_id(indexes[0]) if indexes else None
        if article_id and not self._quiet:
            self.article_chosen.emit(article_id)

    def _on_activated(self, index: QModelIndex) -> None:
        article_id = self._model.article_id(index)
        if article_id:
            self.article_chosen.emit(article_id)

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if column in self._widths and new > 0 and not self.isColumnHidden(column):
            self._widths[column] = new

    def _on_expanded(self, index: QModelIndex) -> None:
        """Qt fetches on expand only when its layout is not pending; make sure rows appear."""
        if not self._model.rowCount(index) and self._model.canFetchMore(index):
            self._model.fetchMore(index)

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """A special group that just appeared (first favourite, first read) opens, like at start."""
        if parent.isValid() or first != last:  # special groups appear one at a time
            return
        index = self._model.index(first, 0)
        if index.data(GROUP_KEY_ROLE) in SPECIAL_NAMES and self._model.group_size(index) <= SMALL_GROUP:
            self.expand(index)

    def _before_reset(self) -> None:
        self._reselect = self.current_article_id()

    def _after_reset(self) -> None:
        """Keep the current article selected if it is still shown, without scrolling to it."""
        self.hide_empty_columns()
        self.expand_default_groups()
        article_id, self._reselect = self._reselect, None
        index = self._model.locate(article_id) if article_id else QModelIndex()
        if index.isValid() and (not index.parent().isValid() or self.isExpanded(index.parent())):
            self._quiet = True
            try:
                self.setCurrentIndex(index)
            finally:
                self._quiet = False
