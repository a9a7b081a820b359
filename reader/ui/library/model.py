"""Qt model over the archive's article metadata (no Qt item objects per row)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.archive import ArticleMeta

ID_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    """Rows are articles; columns title, authors, date."""

    HEADERS = ("Title", "Authors", "Date")

    def __init__(self, articles: list[ArticleMeta] | None = None) -> None:
        super().__init__()
        self._articles: list[ArticleMeta] = list(articles or [])

    def set_articles(self, articles: list[ArticleMeta]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def count(self) -> int:
        return len(self._articles)

    def article_at(self, row: int) -> ArticleMeta:
        return self._articles[row]

    def column_has_values(self, column: int) -> bool:
        if column == 1:
            return any(meta.authors for meta in self._articles)
        if column == 2:
            return any(meta.date for meta in self._articles)
        return True

    def row_of(self, article_id: str) -> int | None:
        for row, meta in enumerate(self._articles):
            if meta.id == article_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        meta = self._articles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (meta.title, ", ".join(meta.authors) or "—", meta.date or "—")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return meta.summary or meta.title
        if role == ID_ROLE:
            return meta.id
        return None
