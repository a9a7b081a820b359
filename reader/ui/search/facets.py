"""Facets: "value (count)" lists that narrow a search with a field filter."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import N_, _, ngettext

AnyIndex = QModelIndex | QPersistentModelIndex
FILTER_ROLE = Qt.ItemDataRole.UserRole + 1
VISIBLE_ROWS = 6  # a facet list scrolls beyond this many rows
MAX_PANE_HEIGHT = 280

#: Result facet key → (query field, heading).
FACET_FIELDS = {
    "authors": ("author", N_("Authors")),
    "year": ("year", N_("Years")),
    "tags": ("tag", N_("Tags")),
    "categories": ("category", N_("Categories")),
}


def facet_filter(field: str, value: str) -> str:
    """The query text that keeps only ``value``: ``tag:x``, ``author:"Ann Author"``."""
    value = value.replace('"', "")
    if any(ch.isspace() or ch in '()":' for ch in value) or not value:
        return f'{field}:"{value}"'
    return f"{field}:{value}"


class FacetModel(QAbstractListModel):
    """Rows are (value, count) pairs of one facet of the latest result."""

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field
        self._values: list[tuple[str, int]] = []

    def set_values(self, values: list[tuple[str, int]]) -> None:
        self.beginResetModel()
        self._values = list(values)
        self.endResetModel()

    def count(self) -> int:
        return len(self._values)

    def filter_at(self, row: int) -> str:
        return facet_filter(self.field, self._values[row][0])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        value, count = self._values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value} ({count})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ngettext("{value}, {count} result", "{value}, {count} results", count).format(
                value=value, count=count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Show only results with {facet_filter}").format(
                facet_filter=facet_filter(self.field, value))
        if role == FILTER_ROLE:
            return facet_filter(self.field, value)
        return None


class FacetList(QListView):
    """A compact list of one facet; ``chosen`` carries the filter to add to the query."""

    chosen = Signal(str)

    def __init__(self, model: FacetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert isinstance(model, FacetModel), "FacetList needs a FacetModel"
        self._model = model
        self.setModel(model)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A click narrows (like a link); Enter does the same from the keyboard.  Both may fire
        # for one click on some platforms: adding a filter twice is a no-op upstream.
        self.clicked.connect(self._choose)
        self.activated.connect(self._choose)
        model.modelReset.connect(self._fit_height)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self._model.filter_at(index.row()))

    def _fit_height(self) -> None:
        """As tall as its rows (up to a few): three facets share a narrow pane."""
        rows = min(self._model.count(), VISIBLE_ROWS)
        row_height = self.sizeHintForRow(0) if rows else 0
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth())


class FacetGroup(QWidget):
    """A heading and its facet list; hidden while the facet has no values."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        field, heading = FACET_FIELDS[key][0], _(FACET_FIELDS[key][1])
        self.key = key
        self.model = FacetModel(field)
        self.heading = QLabel(heading)
        self.list = FacetList(self.model)
        self.list.setAccessibleName(_("Filter by {lower}").format(lower=heading.lower()))
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.heading.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.setVisible(False)

    def set_values(self, values: list[tuple[str, int]]) -> None:
        self.model.set_values(values)
        self.setVisible(bool(values))


class FacetPane(QScrollArea):
    """All facet groups and the "Clear filters" button; hidden while there is nothing to show."""

    chosen = Signal(str)  # a filter to add to the query
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups = {key: FacetGroup(key) for key in FACET_FIELDS}
        self.clear_button = QPushButton(_("Clear filters"), visible=False)
        self.clear_button.setAccessibleName(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear_requested)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        for group in self.groups.values():
            group.list.chosen.connect(self.chosen)
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(box)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(_("Filters"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the lists inside are the tab stops
        self.setVisible(False)

    def sizeHint(self) -> QSize:
        """Tall enough to show the facets without scrolling, up to a part of the pane."""
        hint = super().sizeHint()
        widget = self.widget()
        if widget is not None:
            hint.setHeight(min(MAX_PANE_HEIGHT, widget.sizeHint().height()))
        return hint

    def focus_chain(self) -> list[QWidget]:
        return [self.clear_button, *(group.list for group in self.groups.values())]

    def set_facets(self, facets: dict[str, list[tuple[str, int]]]) -> None:
        for key, group in self.groups.items():
            group.set_values(facets.get(key, []))
        self._update_visible()

    def set_counting(self, counting: bool) -> None:
        """Grey the values while the facets of a new query are counted (the clear button stays)."""
        for group in self.groups.values():
            group.list.setEnabled(not counting)

    def show_clear(self, filtered: bool) -> None:
        self.clear_button.setVisible(filtered)
        self._update_visible()

    def _update_visible(self) -> None:
        self.setVisible(not self.clear_button.isHidden()
                        or any(group.model.count() for group in self.groups.values()))
