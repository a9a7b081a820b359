"""The notes pane: this article's or the archive's highlights, filtered; click to go there.

It follows a :class:`NotesController` (its store, archive and the shown
article's freshly anchored rows) and only emits ``open_annotation``: opening
the article and flashing the passage is the main window's wiring, so the pane
stays ignorant of the view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import Annotation
from reader.core.archive import Archive
from reader.core.errors import ArticleNotFound
from reader.core.i18n import N_, _
from reader.ui.notes.colors import COLORS, color_name
from reader.ui.notes.controller import NotesController
from reader.ui.notes.list_menu import ListMenu
from reader.ui.notes.model import Filters, NotesModel, Scope
from reader.ui.notes.toolbar import swatch_icon

SEARCH_DEBOUNCE_MS = 200
EMPTY_ARTICLE = N_("No highlights in this article yet.\nSelect words and press H, or N for a note.")
EMPTY_ALL = N_("No highlights in this archive yet.")
EMPTY_FILTERED = N_("No highlights match the filters.")


class NotesPanel(QWidget):
    """Scope switch, filters and the list of highlights."""

    #: (article id, annotation id) the reader chose
    open_annotation = Signal(str, str)

    def __init__(self, controller: NotesController, titles: Callable[[str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        archive = controller.archive
        titles = titles or (lambda article_id: _title(archive, article_id))
        self.model = NotesModel(controller.store, controller.archive_id, titles, self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self._build()
        controller.annotations_changed.connect(self._on_changed)
        self._on_changed()

    def _build(self) -> None:
        self.article_button = QToolButton(text=_("This article"), checkable=True, checked=True,
                                          accessibleName=_("Show this article's notes"))
        self.all_button = QToolButton(text=_("All"), checkable=True, accessibleName=_("Show all notes"))
        self.scope_group = QButtonGroup(self)
        for button in (self.article_button, self.all_button):
            self.scope_group.addButton(button)
        self.scope_group.buttonToggled.connect(lambda _button, on: on and self._on_scope())
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.article_button)
        scope_row.addWidget(self.all_button)
        scope_row.addStretch(1)

        self.color_combo = QComboBox(accessibleName=_("Filter by colour"))
        self.color_combo.addItem(_("Any colour"), None)
        for color in COLORS:
            self.color_combo.addItem(swatch_icon(color), color_name(color), color)
        self.tag_combo = QComboBox(accessibleName=_("Filter by tag"))
        self.creator_combo = QComboBox(accessibleName=_("Filter by author of the note"))
        for combo in (self.color_combo, self.tag_combo, self.creator_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _row: self._apply_filters())
        filter_row = QHBoxLayout()
        for combo in (self.color_combo, self.tag_combo, self.creator_combo):
            filter_row.addWidget(combo)
        filter_row.addStretch(1)

        self.search_edit = QLineEdit(placeholderText=_("Search notes and quotes"), clearButtonEnabled=True,
                                     accessibleName=_("Search notes"))
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filters)

        self.list = QListView(accessibleName=_("Notes"),
                              accessibleDescription=_("Your highlights and notes; Enter goes to the passage"))
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(14, 14))
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.clicked.connect(self._on_activated)
        self.list.activated.connect(self._on_activated)
        self.list_menu = ListMenu(self.list, self.model, self.controller,
                                  lambda note: self.open_annotation.emit(note.article, note.id))
        self.empty_label = QLabel(wordWrap=True, accessibleName=_("Notes status"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(scope_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)

    # -- reacting ------------------------------------------------------------------------

    def scope(self) -> Scope:
        return self.model.scope()

    def set_scope(self, scope: Scope) -> None:
        (self.article_button if scope == "article" else self.all_button).setChecked(True)

    def _on_scope(self) -> None:
        self.model.set_scope("all" if self.all_button.isChecked() else "article")
        self._after_refresh()

    def _on_changed(self) -> None:
        self.model.set_archive(self.controller.archive_id)  # the controller may have another archive now
        self.model.set_article(self.controller.article_id, self.controller.rows())
        self._after_refresh()

    def focus_first(self) -> None:
        """Ctrl+Shift+N: the keyboard lands in the list, on a note (the first when none is current)."""
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def shown_notes(self) -> list[Annotation]:
        """The notes listed now, in their order (what "Notes shown in the notes panel" exports)."""
        rows = (self.model.annotation(self.model.index(row)) for row in range(self.model.rowCount()))
        return [note for note in rows if note is not None]

    def _apply_filters(self) -> None:
        self.model.set_filters(Filters(color=self.color_combo.currentData(),
                                       tag=self.tag_combo.currentData(),
                                       creator=self.creator_combo.currentData(),
                                       text=self.search_edit.text().strip()))
        self._after_refresh()

    def _after_refresh(self) -> None:
        """Offer the tags and creators in scope (keeping the choice), say why the list is empty."""
        _refill(self.tag_combo, _("Any tag"), self.model.tags())
        _refill(self.creator_combo, _("Anyone"), self.model.creators(), blank=_("(no name)"))
        filtered = self.model.filters() != Filters()
        if self.model.rowCount():
            self.empty_label.hide()
        else:
            self.empty_label.setText(_(EMPTY_FILTERED if filtered else
                                       EMPTY_ARTICLE if self.model.scope() == "article" else EMPTY_ALL))
            self.empty_label.show()

    def _on_activated(self, index: QModelIndex) -> None:
        annotation = self.model.annotation(index)
        if annotation is not None:
            self.open_annotation.emit(annotation.article, annotation.id)


def _refill(combo: QComboBox, anything: str, values: list[str], blank: str = "") -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for value in values:
        combo.addItem(value or blank, value)
    if chosen is not None and chosen not in values:  # keep a choice that now matches nothing
        combo.addItem(chosen or blank, chosen)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(False)


def _title(archive: Archive, article_id: str) -> str:
    try:
        return archive.meta(article_id).title
    except ArticleNotFound:  # a note on an article that left the archive still lists
        return article_id
