"""Screen readers at Qt level: every control named, highlights and notes announced.

The same checks run over AT-SPI against the real app in tests/end2end/test_atspi.py;
these are the quick ones, on Qt's own accessibility interfaces.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible, QAccessibleEvent, QTextCursor
from PySide6.QtWidgets import QComboBox, QDialog, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.annotations.model import Annotation
from reader.core.archive import open_archive
from reader.core.settings import Settings
from reader.core.usecases import AppContext
from reader.ui import accessibility
from reader.ui.article.view import ARTICLE_KEYS
from reader.ui.dialogs.importing import ImportSourcesDialog
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.mainwindow import MainWindow
from reader.ui.notes.announcer import changes, describe

OWL = '+++\ntitle = "The Owl"\n+++\n\nThe owl flies silently through the night.\n\nIt hunts mice by day.\n'


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[QAccessible.Event, str]]:
    """The announcements sent, as (event type, message)."""
    sent: list[tuple[QAccessible.Event, str]] = []

    def record(event: QAccessibleEvent) -> None:
        sent.append((event.type(), event.message()))  # type: ignore[attr-defined]

    monkeypatch.setattr(accessibility, "send", record)
    return sent


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, make_archive) -> MainWindow:
    ctx = AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure())
    made = MainWindow(ctx, open_archive(make_archive({"owl": OWL})))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def unnamed(root: QWidget) -> list[str]:
    accessibility.name_controls(root)
    return [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            for w in [root, *root.findChildren(QWidget)]
            if accessibility.needs_name(w) and not accessibility.exposed_name(w)]


def test_every_control_of_the_window_has_a_name(window: MainWindow) -> None:
    assert unnamed(window) == []
    combos = window.findChildren(QComboBox)
    assert combos and all(c.accessibleDescription() for c in combos)  # their name is their value on Linux
    scroll = window.article_view.verticalScrollBar()
    assert accessibility.exposed_name(scroll) == "Scroll article"
    [stack] = window.sidebar.findChildren(QStackedWidget)  # Orca names it on the way into a tab
    assert stack.accessibleName() == "Library, search and notes"


@pytest.mark.parametrize("make", [
    lambda parent, tmp: PreferencesDialog(Settings(tmp / "settings.json"), parent),
    lambda parent, tmp: ImportSourcesDialog("new", tmp, parent=parent),
])
def test_every_control_of_the_dialogs_has_a_name(qtbot: QtBot, tmp_path: Path, make) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog: QDialog = make(parent, tmp_path)
    dialog.show()
    assert unnamed(dialog) == []
    dialog.reject()


def test_a_control_without_any_name_is_reported(qtbot: QtBot) -> None:
    """The check can fail: a bare icon button has nothing to be named from."""
    from PySide6.QtWidgets import QToolButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QToolButton())
    assert len(unnamed(root)) == 1


def test_announce_sends_qt_announcement_event(said: list, qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    accessibility.announce(widget, "Yellow highlight added.")
    assert said == [(QAccessible.Event.Announcement, "Yellow highlight added.")]


def select(window: MainWindow, word: str) -> None:
    view = window.article_view
    start = view.toPlainText().index(word)
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_highlights_and_notes_are_announced(window: MainWindow, said: list, qtbot: QtBot) -> None:
    window.open_article("owl")
    view, notes = window.article_view, window.notes
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    said.clear()
    select(window, "silently")
    made = notes.highlight_selection("green")
    assert made is not None
    assert said[0] == (QAccessible.Event.Announcement, "Green highlight added.")

    said.clear()
    cursor = view.textCursor()
    cursor.setPosition(view.toPlainText().index("silently") + 2)
    view.setTextCursor(cursor)  # the caret enters the highlight
    assert [m for _t, m in said] == ["Green highlight"]
    assert view.accessibleDescription() == "Green highlight"

    said.clear()
    window.notes_store.update(replace(made, note="Owls are quiet"))
    notes.refresh()
    assert [m for _t, m in said][:1] == ["Note added."]
    assert view.accessibleDescription() == "Green highlight with a note: Owls are quiet"

    said.clear()
    notes.delete(made.id)
    assert [m for _t, m in said] == ["Green highlight removed."]
    assert view.accessibleDescription() == ""  # leaving a highlight is silent
    window.search_panel.field.setFocus()
    qtbot.waitUntil(lambda: view.accessibleDescription() == ARTICLE_KEYS)  # the keys, for the next visit
    view.setFocus()
    window.undo_stack.undo()
    assert [m for _t, m in said][1] == "Green highlight added with a note."


def test_opening_another_article_announces_nothing(window: MainWindow, said: list) -> None:
    window.open_article("owl")
    assert said == []


def test_change_sentences() -> None:
    base = Annotation.new("a", "owl", None, creator="me", color="yellow")  # type: ignore[arg-type]
    noted = replace(base, note="x" * 300)
    blue = replace(base, color="blue")
    assert changes({}, {base.id: base}) == ["Yellow highlight added"]
    assert changes({base.id: base}, {base.id: noted}) == ["Note added"]
    assert changes({base.id: noted}, {base.id: base}) == ["Note removed"]
    assert changes({base.id: base}, {base.id: blue}) == ["Now a blue highlight"]
    assert changes({base.id: base}, {}) == ["Yellow highlight removed"]
    assert describe(noted).endswith("x…") and len(describe(noted)) < 260


def test_a_window_is_named_once_a_screen_reader_asks_about_it(qtbot: QtBot) -> None:
    """The factory Qt consults only for assistive technology names the window a moment later."""
    root = QWidget()
    qtbot.addWidget(root)
    combo = QComboBox(root, accessibleName="Sort by")
    assert accessibility._factory("QWidget", root) is None  # Qt still builds the interface
    assert combo.view().accessibleName() == ""
    qtbot.waitUntil(lambda: combo.view().accessibleName() == "Sort by choices")
    assert combo.accessibleDescription() == "Sort by"
    assert accessibility._factory("QWidget", combo) is None and root.property("readingRoomNamed")
