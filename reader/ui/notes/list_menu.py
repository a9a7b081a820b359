"""The notes pane's context menu (right click, Menu key): go there, rename a bookmark, history, delete.

Changes go through the controller's undoable commands, like edits in the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QListView, QMenu, QWidget

from reader.core.annotations import Annotation
from reader.core.annotations.model import utc_now
from reader.core.i18n import _
from reader.ui.notes.commands import EditCommand
from reader.ui.notes.controller import NotesController
from reader.ui.notes.history import HistoryDialog
from reader.ui.notes.model import NotesModel

AskName = Callable[[QWidget, str], "str | None"]


def ask_new_name(parent: QWidget, current: str) -> str | None:
    name, ok = QInputDialog.getText(parent, _("Rename bookmark"), _("New name:"), QLineEdit.EchoMode.Normal,
                                    current)
    return " ".join(name.split()) if ok and name.strip() else None


class ListMenu:
    """Attached to the notes list: builds the menu for the note under the pointer or the current one."""

    def __init__(self, view: QListView, model: NotesModel, controller: NotesController,
                 go: Callable[[Annotation], None], ask: AskName = ask_new_name) -> None:
        self.view, self.model, self.controller, self.go, self.ask = view, model, controller, go, ask
        self.menu: QMenu | None = None
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._requested)
        delete = QAction(_("Delete"), view, shortcut=QKeySequence(QKeySequence.StandardKey.Delete),
                         shortcutContext=Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: self.delete(self.current()))
        view.addAction(delete)

    def current(self) -> Annotation | None:
        return self.model.annotation(self.view.currentIndex())

    def _requested(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        note = self.model.annotation(index) if index.isValid() else self.current()
        if note is not None:
            self.build(note).popup(self.view.viewport().mapToGlobal(point))

    def build(self, note: Annotation) -> QMenu:
        menu = self.menu = QMenu(self.view)
        menu.addAction(_("&Go there"), lambda: self.go(note))
        if note.is_bookmark:
            menu.addAction(_("&Rename…"), lambda: self.rename(note))
        menu.addAction(_("&History…"), lambda: self.history(note))
        menu.addSeparator()
        menu.addAction(_("&Delete"), lambda: self.delete(note))
        return menu

    def rename(self, note: Annotation) -> Annotation | None:
        name = self.ask(self.view, note.note)
        if name is None or name == note.note:
            return None
        renamed = replace(note, note=name, modified=utc_now())
        self.controller.undo_stack.push(EditCommand(self.controller.store, note, renamed,
                                                    self.controller.refresh))
        return renamed

    def history(self, note: Annotation) -> HistoryDialog:
        dialog = HistoryDialog(self.controller.store, note.id, self.view)
        dialog.open()
        return dialog

    def delete(self, note: Annotation | None) -> None:
        if note is not None:
            self.controller.delete(note.id)
