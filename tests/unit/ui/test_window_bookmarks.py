"""In the whole window: Notes → Add bookmark… (Ctrl+B), and the page-notes block above the article."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.annotations import Annotation, Selector
from reader.ui.dialogs.shortcuts import collect
from reader.ui.notes import bookmarks

from .test_window_basics import ONE, window_for


def test_ctrl_b_bookmarks_the_place_and_page_notes_sit_above_the_text(qtbot: QtBot, make_archive,
                                                                      tmp_path: Path, monkeypatch) -> None:
    window = window_for(qtbot, make_archive(ONE), tmp_path / "d")
    window.open_article("alpha")
    rows = {(menu, text): keys for menu, text, keys in collect(window.menuBar())}
    assert rows[("Notes", "Add Bookmark…")] == "Ctrl+B" and rows[("Article", "Toggle favourite")] == "Ctrl+D"
    asked: list[str] = []
    monkeypatch.setattr(bookmarks, "ask_name", lambda _parent, words: asked.append(words) or "Start")
    window.article_view.setFocus()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.article_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked))
    [mark] = [n for n in window.notes_store.all() if n.is_bookmark]
    assert mark.note == "Start" and asked == [mark.quote] and mark.quote.startswith("Paragraph about Alpha")
    assert window.notes_panel.model.row_of(mark.id) >= 0

    assert window.page_notes.isHidden()
    column = window.article_view.parentWidget()
    assert window.page_notes.parentWidget() is column  # above the article, in its column
    window.notes_store.add(Annotation.new(window.archive.info.id, "alpha", Selector.page(), creator="Bea",
                                          note="Read first."))
    window.notes.refresh()
    assert window.page_notes.isVisible() and window.page_notes.buttons[0].text() == "Bea: Read first."
    layout = column.layout()
    assert layout.indexOf(window.page_notes) < layout.indexOf(window.article_view)
