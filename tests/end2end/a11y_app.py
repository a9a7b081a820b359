"""The real app for the AT-SPI check (test_atspi.py): it opens what the walker asks for.

    python a11y_app.py

Runs the window on the bundled archive, prints one JSON line ``{"ready": ...}``
and then answers each command line read from stdin with one JSON line:

- ``caret``: put the caret in the article's first paragraph (as caret browsing does
  from the keyboard) and give its position and that paragraph's text;
- ``highlight``: highlight the word at the caret;
- ``note``: open the note editor on that highlight;
- ``find`` / ``preferences`` / ``import`` / ``export`` / ``shortcuts``: open the find bar or
  the dialog (not modally, so the event loop keeps answering the screen reader);
- ``close``: close the dialog opened last; ``quit``.

Opening things through the AT-SPI Action interface would block the walker on a modal
dialog's nested loop, hence this small back door; the tree is still read only over AT-SPI.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog

from reader.app import start
from reader.cli import build_parser
from reader.ui.dialogs.importing import ImportSourcesDialog
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.dialogs.shortcuts import ShortcutsDialog, collect
from reader.ui.export.dialogs import ExportDialog
from reader.ui.mainwindow import MainWindow


def crash(kind: type[BaseException], exc: BaseException, tb: object) -> None:
    """An error fails the check at once (the app's own hook would open a modal dialog)."""
    traceback.print_exception(kind, exc, tb)  # type: ignore[arg-type]
    os._exit(3)


class Driver:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: QDialog | None = None
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self.read)

    def read(self) -> None:
        line = sys.stdin.readline()
        command = line.strip() or "quit"
        answer = getattr(self, f"do_{command}")()
        print(json.dumps({command: answer}), flush=True)

    def do_caret(self) -> dict[str, object]:
        view = self.window.article_view
        self.window.activateWindow()  # no window manager here: X gives the focus on request
        view.setFocus()
        first = first_paragraph(view.document())
        cursor = view.textCursor()
        cursor.setPosition(first.position() + 7)
        view.setTextCursor(cursor)
        return {"position": cursor.position(), "paragraph": first.text()}

    def do_highlight(self) -> str:
        """Select the word at the caret and highlight it in yellow (as Shift+Ctrl+Right, 1 would)."""
        view = self.window.article_view
        cursor = view.textCursor()
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        view.setTextCursor(cursor)
        made = self.window.notes.highlight_selection("yellow")
        return made.quote if made is not None else ""

    def do_find(self) -> str:
        self.window.article_view.find_bar.open()
        return "Find in article"

    def do_note(self) -> str:
        """The note editor on the highlight made by ``highlight``."""
        notes = self.window.notes
        annotation = notes.annotation_at(notes.view.textCursor().position() - 1)
        assert annotation is not None, "no highlight to write a note on"
        self.dialog = notes.open_editor(annotation)
        return self.dialog.windowTitle()

    def do_shortcuts(self) -> str:
        return self._open(ShortcutsDialog(collect(self.window.menuBar(), []), self.window))

    def do_export(self) -> str:
        return self._open(ExportDialog(self.window.policy, ["tag"], "This article", self.window))

    def do_preferences(self) -> str:
        return self._open(PreferencesDialog(self.window.settings, self.window))

    def do_import(self) -> str:
        return self._open(ImportSourcesDialog("new", Path.home(), parent=self.window))

    def _open(self, dialog: QDialog) -> str:
        self.dialog = dialog
        dialog.open()
        return dialog.windowTitle()

    def do_close(self) -> str:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog.deleteLater()
            self.dialog = None
        self.window.article_view.find_bar.close_bar()
        return "closed"

    def do_quit(self) -> str:
        QTimer.singleShot(0, QApplication.quit)
        return "bye"


def first_paragraph(document: object) -> object:
    """The article's first body paragraph: the first block long enough to be prose."""
    block = document.begin()  # type: ignore[attr-defined]
    while block.isValid() and len(block.text().split()) < 12:
        block = block.next()
    return block


def main() -> int:
    args = build_parser().parse_args([])
    started = start(args)
    sys.excepthook = crash
    window = started.window
    window.open_article(window.library_pane.model.first_article_id())
    window.show()
    driver = Driver(window)
    view = window.article_view
    cursor = view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    view.setTextCursor(cursor)
    QTimer.singleShot(0, lambda: print(json.dumps({"ready": window.windowTitle(),
                                                   "pid": os.getpid()}), flush=True))
    code = started.app.exec()
    del driver
    window.archive.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
