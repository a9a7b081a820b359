#!/usr/bin/env python3
"""PNG screenshots of highlights and notes in the real main window (offscreen unless a display is set).

    python scripts/screenshots_notes.py [--out docs/screenshots]

Opens the bundled archive with ``reader.app.create_window`` (a fresh data dir),
adds four highlights in different colours through the notes controller (one
with a note, one underlined), shows the notes pane and writes
``notes-light.png`` and ``notes-dark.png``.  Look at both.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

#: (words, colour, style, note, tags)
HIGHLIGHTS = [
    ("insanity is doing the same thing over and over again", "yellow", "highlight", "", ()),
    ("the working class in Russia took power", "green", "highlight",
     "The **October Revolution**: power passed to the soviets.", ("history", "1917")),
    ("build socialism in one country", "pink", "underline", "", ("stalinism",)),
    ("As capitalism is a world system, socialism must be a world system", "blue", "highlight", "",
     ("internationalism",)),
]


def select(view: Any, words: str) -> None:
    """Select ``words`` with the view's own cursor (a new one: a re-render resets positions)."""
    from PySide6.QtGui import QTextCursor

    start = view.toPlainText().index(words)
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QDockWidget
    from screenshots import open_window, settle, shoot

    from reader.core.annotations.store import AnnotationStore
    from reader.ui.notes.controller import NotesController
    from reader.ui.notes.panel import NotesPanel

    args.out.mkdir(parents=True, exist_ok=True)
    app, window = open_window(None, Path(tempfile.mkdtemp(prefix="rr-notes-shots-")), args.size, timeout=60)

    view = window.article_view
    controller = getattr(window, "notes", None)  # the main window's own once the lead wires it
    store = controller.store if controller else AnnotationStore.in_dir(window.paths.data)
    if controller is None:
        controller = NotesController(view, store, window.archive, "Ada", QUndoStack(window))
        panel = NotesPanel(controller)
        panel.open_annotation.connect(lambda article, note: (window.open_article(article),
                                                             controller.flash(note)))
        dock = QDockWidget("Notes")
        dock.setObjectName("notes")
        dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    if hasattr(window, "focus_notes"):
        window.focus_notes()  # the notes tab in the sidebar
    for words, color, style, note, tags in HIGHLIGHTS:
        select(view, words)
        made = controller.highlight_selection(color)
        if made is None:
            raise SystemExit(f"could not highlight {words!r}")
        if note or tags or style != "highlight":
            editor = controller.open_editor(made)
            editor.note_edit.setPlainText(note)
            editor.tags_edit.setText(", ".join(tags))
            editor.style_combo.setCurrentIndex(editor.style_combo.findData(style))
            editor.accept()
    for theme in ("light", "dark"):
        window.actions_by_name[f"theme_{theme}"].trigger()
        select(view, "Lenin, Trotsky and the Bolsheviks")  # the floating toolbar, as a reader sees it
        view.verticalScrollBar().setValue(0)
        settle(app, lambda: controller.toolbar.isVisible(), timeout=1.0)
        settle(app)
        shoot(window, args.out / f"notes-{theme}.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
