"""The library pane: filter box, "Group by" and "Sort" controls above the library tree."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from reader.core.archive import ArticleMeta
from reader.core.i18n import N_, _
from reader.core.library import GroupBy, SortKey
from reader.ui.library.model import LibraryModel
from reader.ui.library.view import LibraryView

#: Regrouping 50,000 articles takes tens of ms: wait for a pause in typing, not every key.
FILTER_DELAY_MS = 150
GROUPINGS: tuple[tuple[str, GroupBy], ...] = (
    (N_("Year"), "year"), (N_("Author"), "author"), (N_("Tag"), "tag"), (N_("Category"), "category"),
    (N_("None"), "none"))
SORTS: tuple[tuple[str, SortKey], ...] = (
    (N_("Date"), "date"), (N_("Title"), "title"), (N_("Author"), "author"))


class FilterEdit(QLineEdit):
    """Esc clears the filter; Down moves into the list and Enter opens the first match, so typing
    then arrowing (or Enter) just works."""

    moved_down = Signal()
    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif event.key() == Qt.Key.Key_Down:
            self.moved_down.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        else:
            super().keyPressEvent(event)


class LibraryPane(QWidget):
    """Owns the model and view; the main window persists ``grouping()`` and ``sorting()``."""

    article_chosen = Signal(str)
    favourite_toggled = Signal(str)
    grouping_changed = Signal(str)
    #: (sort key, descending)
    sorting_changed = Signal(str, bool)

    def __init__(self, articles: Iterable[ArticleMeta] = (), grouping: GroupBy = "year",
                 sort: SortKey = "date", descending: bool = True, parent: QWidget | None = None) -> None:
        """Pass the persisted grouping and sort here: changing them later regroups everything."""
        super().__init__(parent)
        self.model = LibraryModel(articles, grouping, sort, descending)
        self.view = LibraryView(self.model)

        self.filter_edit = FilterEdit()
        self.filter_edit.setPlaceholderText(_("Filter titles and authors"))
        self.filter_edit.setAccessibleName(_("Filter titles and authors"))
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)

        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(_("Group by"))
        for label, key in GROUPINGS:
            self.group_combo.addItem(_(label), key)
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName(_("Sort by"))
        for label, key in SORTS:
            self.sort_combo.addItem(_(label), key)
        self.descending_button = QToolButton()
        self.descending_button.setCheckable(True)
        self.descending_button.setAccessibleName(_("Sort descending"))
        self._sync_controls()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((_("&Group by"), self.group_combo), (_("S&ort"), self.sort_combo)):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget, 1)
        controls.addWidget(self.descending_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)

        self.filter_edit.textChanged.connect(self._on_text_changed)
        self.filter_edit.moved_down.connect(self._enter_list)
        self.filter_edit.submitted.connect(self.open_first_match)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.group_combo.activated.connect(lambda _row: self.set_grouping(self.group_combo.currentData()))
        self.sort_combo.activated.connect(lambda _row: self._sort_from_controls())
        self.descending_button.toggled.connect(lambda _on: self._sort_from_controls())
        self.view.article_chosen.connect(self.article_chosen)
        self.view.favourite_toggled.connect(self.favourite_toggled)

    def open_first_match(self) -> str | None:
        """Enter in the filter: open the first article it shows (None: nothing matches)."""
        self.apply_filter()
        first = self.model.first_article_id()
        if first is not None:
            self.view.select_article(first)
            self.article_chosen.emit(first)  # even when it was already the selected one
        return first

    def _enter_list(self) -> None:
        """Down from the filter lands on an article (the first shown), never on a group heading."""
        self.view.setFocus()
        if self.view.current_article_id() is None and (first := self.model.first_article_id()):
            self.view.select_article(first)

    def set_articles(self, articles: Iterable[ArticleMeta]) -> None:
        self.model.set_articles(articles)

    def select_article(self, article_id: str) -> bool:
        return self.view.select_article(article_id)

    def grouping(self) -> GroupBy:
        return self.model.grouping()

    def set_grouping(self, by: GroupBy) -> None:
        if by != self.model.grouping():
            self.model.set_grouping(by)
            self._sync_controls()
            self.grouping_changed.emit(by)

    def sorting(self) -> tuple[SortKey, bool]:
        return self.model.sorting()

    def set_sorting(self, key: SortKey, descending: bool) -> None:
        if (key, descending) != self.model.sorting():
            self.model.set_sort(key, descending)
            self._sync_controls()
            self.sorting_changed.emit(key, descending)

    def apply_filter(self) -> None:
        """Filter now (the timer calls this after a pause in typing)."""
        self._filter_timer.stop()
        self.model.set_filter(self.filter_edit.text())

    def _on_text_changed(self, text: str) -> None:
        if text:
            self._filter_timer.start()  # restarts: only the pause after the last key counts
        else:
            self.apply_filter()  # clearing (Esc, clear button) shows everything at once

    def _sort_from_controls(self) -> None:
        self.set_sorting(self.sort_combo.currentData(), self.descending_button.isChecked())

    def _sync_controls(self) -> None:
        """Show the model's state in the controls without re-triggering their handlers."""
        key, descending = self.model.sorting()
        self.group_combo.setCurrentIndex(self.group_combo.findData(self.model.grouping()))
        self.sort_combo.setCurrentIndex(self.sort_combo.findData(key))
        blocked = self.descending_button.blockSignals(True)
        self.descending_button.setChecked(descending)
        self.descending_button.blockSignals(blocked)
        self.descending_button.setText("↓" if descending else "↑")
        self.descending_button.setToolTip(_("Descending (newest/Z first)") if descending else _("Ascending"))
