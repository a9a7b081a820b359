"""The whole study loop with the keyboard alone: no mouse event anywhere in these tests."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.usecases import AppContext
from reader.ui.dialogs.files import FileChooser
from reader.ui.mainwindow import MainWindow
from reader.ui.notes.selection import snap_to_words

K = Qt.Key
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
OWL = """+++
title = "The Owl"
+++

The owl flies silently through the night.

It hunts mice in the fields and sleeps by day.
"""
FOX = '+++\ntitle = "The Fox"\n+++\n\nThe quick brown fox jumps over the lazy dog.\n'


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def keyboard_window(qtbot: QtBot, tmp_path: Path, make_archive, target: Path) -> MainWindow:
    ctx = AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure())
    files = FileChooser(ctx.policy, ctx.settings, ask_save=lambda *_a: str(target))
    window = MainWindow(ctx, open_archive(make_archive({"owl": OWL, "fox": FOX})), files=files)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.index_keeper.index is not None, timeout=20_000)
    return window


def test_the_study_loop_with_keys_only(qtbot: QtBot, tmp_path: Path, make_archive) -> None:
    target = tmp_path / "notes.md"
    window = keyboard_window(qtbot, tmp_path, make_archive, target)
    view = window.article_view

    press(qtbot, K.Key_K, CTRL)  # search
    assert QApplication.focusWidget() is window.search_panel.field
    qtbot.keyClicks(window.search_panel.field, "mice")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() == 1, timeout=10_000)
    press(qtbot, K.Key_Return)  # open the hit
    qtbot.waitUntil(lambda: view.article_id == "owl")

    press(qtbot, K.Key_A, CTRL | SHIFT)  # to the article: the caret is there
    assert QApplication.focusWidget() is view and view.caret.enabled
    press(qtbot, K.Key_Home, CTRL)
    while not view.textCursor().block().text().startswith("The owl flies"):
        press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Home)
    press(qtbot, K.Key_End, SHIFT)  # select the sentence
    assert view.textCursor().selectedText() == "The owl flies silently through the night."
    press(qtbot, K.Key_H)  # highlight it
    assert [n.quote for n in window.notes_store.all()] == ["The owl flies silently through the night."]

    press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Home)
    for _ in range(2):
        press(qtbot, K.Key_Right, CTRL | SHIFT)  # "It hunts" by words
    assert view.textCursor().selectedText().strip() == "It hunts"
    press(qtbot, K.Key_N)  # a note on it
    editor = window.notes.editor
    assert editor is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.note_edit)
    assert not editor.frameGeometry().intersects(view.cursorRect().translated(view.viewport().mapToGlobal(
        view.viewport().rect().topLeft())))  # beside the passage, not over it
    qtbot.keyClicks(editor.note_edit, "Owls hunt at night")
    press(qtbot, K.Key_Tab)
    assert QApplication.focusWidget() is editor.tags_edit
    qtbot.keyPress(editor.tags_edit, K.Key_Return)  # Save (the dialog is gone before a key release)
    qtbot.waitUntil(lambda: len(window.notes_store.all()) == 2 and QApplication.focusWidget() is view)

    press(qtbot, K.Key_End, CTRL)  # move away, then come back through the notes pane
    press(qtbot, K.Key_N, CTRL | SHIFT)
    assert QApplication.focusWidget() is window.notes_panel.list
    while "Owls hunt" not in str(window.notes_panel.list.currentIndex().data()):
        press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Return)  # jumps back to the passage
    noted = next(n for n in window.notes_store.all() if n.note)
    assert window.notes.span_of(noted.id) is not None and view.article_id == "owl"
    press(qtbot, K.Key_Escape)  # back to the article
    assert QApplication.focusWidget() is view

    def accept_export_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        qtbot.keyClick(dialog, K.Key_Return)

    QTimer.singleShot(0, accept_export_dialog)
    press(qtbot, K.Key_E, CTRL)  # export the notes (Markdown, the first format)
    exported = target.read_text(encoding="utf-8")
    assert "Owls hunt at night" in exported and "The owl flies silently through the night." in exported


def test_library_filter_enter_opens_the_first_match_and_escape_returns(qtbot: QtBot, tmp_path: Path,
                                                                       make_archive) -> None:
    window = keyboard_window(qtbot, tmp_path, make_archive, tmp_path / "unused.json")
    press(qtbot, K.Key_F, CTRL | SHIFT)
    qtbot.keyClicks(window.library_pane.filter_edit, "fox")
    press(qtbot, K.Key_Return)
    assert window.article_view.article_id == "fox" and QApplication.focusWidget() is window.article_view
    press(qtbot, K.Key_L, CTRL | SHIFT)
    assert QApplication.focusWidget() is window.library_pane.view
    press(qtbot, K.Key_Escape)
    assert QApplication.focusWidget() is window.article_view


def test_contents_pane_takes_the_keyboard_and_f7_turns_the_caret_off(qtbot: QtBot, tmp_path: Path,
                                                                     make_archive) -> None:
    window = keyboard_window(qtbot, tmp_path, make_archive, tmp_path / "unused.json")
    press(qtbot, K.Key_A, CTRL | SHIFT)
    press(qtbot, K.Key_C, CTRL | SHIFT)
    assert window.toc_dock.isVisible() and QApplication.focusWidget() is window.toc
    press(qtbot, K.Key_Escape)
    view = window.article_view
    assert QApplication.focusWidget() is view
    press(qtbot, K.Key_F7)
    assert not view.caret.enabled
    assert not view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_a_dragged_selection_snaps_to_whole_words() -> None:
    text = "Hasn't socialism been tried and failed?"
    start = text.index("ocialism")
    assert text[slice(*snap_to_words(text, start, text.index(" been") - 2))] == "socialism"
    assert snap_to_words(text, 0, len(text)) == (0, len(text))
    # Shift+Ctrl+Right selects up to the next word, its space included
    assert text[slice(*snap_to_words(text, text.index("been"), text.index("tried")))] == "been"


@given(st.text(alphabet="ab .\n", max_size=30), st.data())
def test_a_snapped_selection_keeps_what_was_chosen_without_blanks(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    new_start, new_end = snap_to_words(text, start, end)
    chosen = text[new_start:new_end]
    assert chosen == chosen.strip()
    assert text[start:end].strip() in chosen  # nothing the reader chose is dropped, only blanks


def test_the_menu_key_on_a_highlight_offers_colour_citation_and_delete(qtbot: QtBot, tmp_path: Path,
                                                                       make_archive) -> None:
    window = keyboard_window(qtbot, tmp_path, make_archive, tmp_path / "unused.json")
    window.open_article("owl")
    view = window.article_view
    press(qtbot, K.Key_A, CTRL | SHIFT)
    start = view.toPlainText().index("The owl flies")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("The owl flies"), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    press(qtbot, K.Key_2)  # the second colour key
    [note] = window.notes_store.all()
    assert note.color == "green" and note.quote == "The owl flies"
    cursor.setPosition(start + 3)
    view.setTextCursor(cursor)
    press(qtbot, K.Key_Menu)
    menu = window.notes.menu
    assert menu is not None and menu.isVisible()
    labels = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert labels == ["Colour", "Add note…", "Copy quote with citation", "Delete highlight"]
    next(a for a in menu.actions() if "Copy" in a.text()).trigger()
    assert QApplication.clipboard().text() == "“The owl flies” — The Owl"
    colours = next(a for a in menu.actions() if a.menu()).menu()
    next(a for a in colours.actions() if a.text() == "Blue").trigger()
    assert window.notes_store.get(note.id).color == "blue"
    menu.close()
    next(a for a in menu.actions() if "Delete" in a.text()).trigger()
    assert window.notes_store.all() == []
