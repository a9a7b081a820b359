"""Find in page: all matches marked, the current one stronger, keyboard driven."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.article.findbar import find_spans
from reader.ui.article.view import ArticleView

from .conftest import long_body, make_article

BODY = long_body() + "\nNeedle one, NEEDLE two, needles three.\n\nLast needle, and Needle.\n"


def colours(view: ArticleView) -> list[str]:
    return [s.format.background().color().name() for s in view.extraSelections()]


def open_with_ctrl_f(view: ArticleView, qtbot: QtBot) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    assert QApplication.focusWidget() is bar.edit


def test_ctrl_f_finds_counts_and_marks_all(view: ArticleView, qtbot: QtBot) -> None:
    view.window().activateWindow()
    qtbot.waitActive(view.window())
    view.show_article(make_article(body=BODY))
    open_with_ctrl_f(view, qtbot)
    bar = view.find_bar
    qtbot.keyClicks(bar.edit, "needle")
    assert bar.status() == "1 of 5"
    text = view.toPlainText()
    assert [text[s:e].lower() for s, e in bar.matches()] == ["needle"] * 5
    assert colours(view).count("#a8d8ff") == 4 and colours(view)[-1] == "#ff9632"
    assert view.verticalScrollBar().value() > 0  # the first match was brought into view
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status() == "2 of 5"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status() == "5 of 5"  # wraps around
    view.actions()["find_next"].trigger()
    assert bar.status() == "1 of 5"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.extraSelections() == []


def test_typing_updates_and_reports_no_matches(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body=BODY))
    bar = view.find_bar
    view.actions()["find"].trigger()
    qtbot.keyClicks(bar.edit, "needles")
    assert bar.status() == "1 of 1"
    qtbot.keyClicks(bar.edit, "x")
    assert bar.status() == "No matches" and view.marks("find") == []
    assert not bar.next_button.isEnabled()
    bar.edit.clear()
    assert bar.status() == ""


def test_find_marks_coexist_with_search_terms_and_survive_a_theme(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body=BODY), highlight={"paragraph"})
    terms = len(view.marks("term"))
    assert terms > 10
    view.actions()["find"].trigger()
    qtbot.keyClicks(view.find_bar.edit, "needle")
    view.find_bar.find_next()
    assert len(view.extraSelections()) == terms + 5
    view.set_theme("dark")
    assert view.find_bar.status() == "2 of 5"
    assert len(view.extraSelections()) == terms + 5
    assert colours(view)[-1] == "#f29d38"
    view.find_bar.close_bar()
    assert len(view.extraSelections()) == terms  # the term marks stay


def test_a_new_article_recounts(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body=BODY))
    view.actions()["find"].trigger()
    qtbot.keyClicks(view.find_bar.edit, "needle")
    view.show_article(make_article("beta", body="One needle only."))
    assert view.find_bar.status() == "1 of 1"


def test_find_bar_widgets_are_named_with_tooltips(view: ArticleView) -> None:
    bar = view.find_bar
    for widget in (bar, bar.edit, bar.previous_button, bar.next_button, bar.count_label, bar.close_button):
        assert widget.accessibleName()
    assert "Shift+F3" in bar.previous_button.toolTip() and "F3" in bar.next_button.toolTip()
    assert "Esc" in bar.close_button.toolTip() and "Ctrl+F" in bar.edit.toolTip()


def test_find_spans_are_case_insensitive_on_the_original_text() -> None:
    text = "Straße STRASSE straße"
    assert find_spans(text, "STRASSE") == [(7, 14)]
    assert find_spans(text, "straße") == [(0, 6), (15, 21)]
    assert find_spans("a.b a+b", "a+b") == [(4, 7)]
    assert len(find_spans("a" * 50, "a", limit=10)) == 10


def test_thousands_of_marks_keep_none_alive(view: ArticleView) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call; marks avoid them."""
    view.show_article(make_article(body="word " * 5000))
    before = sys.getrefcount(None)
    view.actions()["find"].trigger()
    view.find_bar.edit.setText("word")
    assert len(view.marks("find")) == 5000
    assert sys.getrefcount(None) > before - 500
