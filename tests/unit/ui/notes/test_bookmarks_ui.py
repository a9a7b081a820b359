"""Bookmarks and page notes in the window: add (caret or top of view), list, jump, rename, history, delete."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from reader.core.annotations.model import Annotation, Selector
from reader.core.annotations.store import AnnotationStore
from reader.core.archive import Archive
from reader.ui.notes import bookmarks
from reader.ui.notes.history import HistoryDialog
from reader.ui.notes.model import BOOKMARK, BOOKMARKS_TITLE, SECTION_ROLE
from reader.ui.notes.page_notes import PageNotesBar

from .conftest import Setup, marked, select
from .test_panel import add, rows


def caret_at(setup: Setup, words: str) -> None:
    start, _end = select(setup.view, words)
    cursor = setup.view.textCursor()
    cursor.setPosition(start)
    setup.view.setTextCursor(cursor)


def test_a_bookmark_at_the_caret_is_named_listed_apart_and_not_painted(setup: Setup) -> None:
    caret_at(setup, "lazy")
    offered: list[str] = []
    made = bookmarks.add_bookmark(setup.controller, lambda _parent, words: offered.append(words) or "The dog")
    assert made is not None and made.kind == "bookmark" and made.note == "The dog"
    assert offered == [made.quote] and made.quote.startswith("lazy dog. A second")
    add(setup, "quick brown")
    assert marked(setup.view) == ["quick brown"]  # the bookmark is a flag in the margin, not a mark
    texts = rows(setup)
    assert texts[0].startswith("“quick brown”")
    assert texts[1] == f"{BOOKMARKS_TITLE} (1)" and setup.panel.model.index(1).data(SECTION_ROLE)
    assert texts[2].splitlines()[:2] == [f"{BOOKMARK}: The dog", f"“{made.quote}”"]
    assert setup.controller.span_of(made.id) is not None  # Enter in the pane goes there
    setup.stack.undo()
    assert setup.stack.undoText() == "Add bookmark"
    setup.stack.undo()
    assert setup.controller.store.get(made.id) is None
    assert bookmarks.add_bookmark(setup.controller, lambda _parent, _words: None) is None  # cancelled


def test_without_a_visible_caret_the_place_is_the_top_of_the_view(make_setup, archive: Archive) -> None:
    setup = make_setup()
    setup.view.show_article(archive.article("long"))
    setup.view.caret.set_enabled(False)
    bar = setup.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    made = bookmarks.add_bookmark(setup.controller, lambda _parent, words: words)
    assert made is not None and made.quote.startswith("Filler paragraph")
    assert made.start > 0 and made.note == made.quote


def test_enter_in_the_pane_jumps_to_a_bookmark_far_down(qtbot: QtBot, make_setup, archive: Archive,
                                                       store: AnnotationStore) -> None:
    setup = make_setup()
    setup.view.show_article(archive.article("long"))
    caret_at(setup, "runners")
    made = bookmarks.add_bookmark(setup.controller, lambda _parent, _words: "River")
    assert made is not None
    setup.view.verticalScrollBar().setValue(0)
    panel = setup.panel
    row = panel.model.row_of(made.id)
    panel.list.setFocus()
    panel.list.setCurrentIndex(panel.model.index(row))
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: setup.view.verticalScrollBar().value() > 0)


def test_the_pane_menu_renames_shows_history_and_deletes(qtbot: QtBot, setup: Setup) -> None:
    caret_at(setup, "quick")
    made = bookmarks.add_bookmark(setup.controller, lambda _parent, _words: "Start")
    assert made is not None
    menu = setup.panel.list_menu
    menu.ask = lambda _parent, current: current + " here"
    assert [a.text() for a in menu.build(made).actions() if a.text()] == [
        "&Go there", "&Rename…", "&History…", "&Delete"]
    renamed = menu.rename(made)
    assert renamed is not None and setup.controller.store.get(made.id).note == "Start here"
    dialog = menu.history(renamed)
    assert isinstance(dialog, HistoryDialog)
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert [line.splitlines()[1] for line in lines] == ["Start", "Start here"]
    assert "earlier" in lines[0] and "now" in lines[1]
    dialog.close()
    setup.panel.list.setFocus()
    setup.panel.list.setCurrentIndex(setup.panel.model.index(setup.panel.model.row_of(made.id)))
    qtbot.keyClick(setup.panel.list, Qt.Key.Key_Delete)
    assert setup.controller.store.get(made.id) is None
    setup.stack.undo()
    assert setup.controller.store.get(made.id) is not None


def test_page_notes_are_a_block_above_the_text_and_open_the_editor(qtbot: QtBot, setup: Setup,
                                                                  store: AnnotationStore) -> None:
    bar = PageNotesBar(setup.controller, setup.host)
    setup.host.layout().insertWidget(1, bar)
    assert bar.isHidden()  # no page note: no block
    page = Annotation.new(setup.controller.archive_id, "fox", Selector.page(), creator="Bea", color="green",
                          note="Read this **first**.")
    store.add(page)
    setup.controller.refresh()
    assert bar.isVisible() and [b.text() for b in bar.buttons] == ["Bea: Read this first."]
    assert "Bea" in bar.buttons[0].accessibleName() and "green" in bar.buttons[0].accessibleName()
    bar.buttons[0].setFocus()
    qtbot.keyClick(bar.buttons[0], Qt.Key.Key_Return)
    editor = setup.controller.editor
    assert editor is not None and editor.annotation.id == page.id
    assert editor.quote_label.text() == "On the whole article"
    editor.note_edit.setPlainText("Read it last.")
    editor.accept()
    assert [b.text() for b in bar.buttons] == ["Bea: Read it last."]
    setup.controller.layers.set_visible("Bea", False)
    assert bar.isHidden()
    setup.controller.layers.set_visible("Bea", True)
    for n in range(5):
        store.add(dataclasses.replace(page, id=f"00000000-0000-4000-8000-00000000000{n}"))
    setup.controller.refresh()
    assert len(bar.buttons) == 4 and "2 more" in bar.title.text()
    assert editor.result() == QDialog.DialogCode.Accepted
