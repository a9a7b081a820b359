"""The library pane's view."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from reader.ui.library.model import ArticleListModel


class LibraryView(QTreeView):
    """A flat, sortable-looking list of articles; emits the chosen article id."""

    article_chosen = Signal(str)

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert isinstance(model, ArticleListModel), "LibraryView needs an ArticleListModel"
        self._model = model
        self.setModel(model)
        self.setAccessibleName("Library")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        self.hide_empty_columns()

    def hide_empty_columns(self) -> None:
        """Authors/Date columns of an archive that knows none would only show dashes."""
        for column in range(1, self._model.columnCount()):
            self.setColumnHidden(column, not self._model.column_has_values(column))

    def select_article(self, article_id: str) -> bool:
        row = self._model.row_of(article_id)
        if row is None:
            return False
        self.setCurrentIndex(self._model.index(row, 0))
        return True

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.article_chosen.emit(self._model.article_at(indexes[0].row()).id)
