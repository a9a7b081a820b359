"""The "Keyboard shortcuts" dialog, built from the window's own actions.

Listing the real ``QAction``s (not a hand-written table) keeps the dialog
true: an action added to a menu with a shortcut shows up here by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenuBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import N_, _

AnyIndex = QModelIndex | QPersistentModelIndex

#: Keys that belong to a widget rather than to a menu action, so :func:`collect` cannot find them.
WIDGET_KEYS = [(N_("Library"), N_("Toggle favourite"), "F"),
               (N_("Find bar"), N_("Next / previous match"), "Enter / Shift+Enter"),
               (N_("Search and filter fields"), N_("Clear"), "Esc"),
               (N_("Article"), N_("Stop reading aloud"), "Esc")]


def key_text(sequences: list[QKeySequence]) -> str:
    """"Ctrl++ or Ctrl+=": " or " because a comma can be a key (Ctrl+,); empty platform keys dropped."""
    native = QKeySequence.SequenceFormat.NativeText
    shown = (s.toString(native) for s in sequences if not s.isEmpty())
    return " or ".join(dict.fromkeys(shown))


def collect(menubar: QMenuBar, extra: list[tuple[str, str, str]] | None = None) -> list[tuple[str, str, str]]:
    """(menu, action text, shortcut) for every menu action that has a shortcut."""
    rows: list[tuple[str, str, str]] = []

    def walk(actions: list[QAction], path: str) -> None:
        for action in actions:
            menu = action.menu()
            label = action.text().replace("&", "")
            if menu is not None:
                walk(menu.actions(), f"{path} › {label}" if path else label)
            elif keys := key_text(action.shortcuts()):
                rows.append((path, label, keys))

    walk(menubar.actions(), "")
    widget_keys = [(_(where), _(what), keys) for where, what, keys in WIDGET_KEYS]
    return rows + (widget_keys if extra is None else list(extra))


class ShortcutsModel(QAbstractTableModel):
    HEADERS = (N_("Menu"), N_("Action"), N_("Keys"))

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setAccessibleName(_("Keyboard shortcuts"))
        self.model = ShortcutsModel(rows)
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName(_("Shortcut list"))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 520)
