"""Themes, text size and the header, checked on the rendered document and real pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.article import page
from reader.ui.article.view import THEMES, ArticleView, resolve_theme

from .conftest import long_body, make_article

BACKGROUNDS = {"light": "#ffffff", "sepia": "#f4ecd8", "dark": "#1e1f22", "contrast": "#000000"}
TEXT = {"light": "#1f1f1f", "sepia": "#3b2f20", "dark": "#dcdcdc", "contrast": "#ffffff"}


def pixel(view: ArticleView, x: int, y: int) -> str:
    return view.viewport().grab().toImage().pixelColor(x, y).name()


def text_pixels(view: ArticleView, needle: str) -> set[str]:
    """Colours of the pixels where ``needle`` is drawn."""
    cursor = view.document().find(needle)
    start, end = QTextCursor(cursor), QTextCursor(cursor)
    start.setPosition(cursor.selectionStart())
    end.setPosition(cursor.selectionEnd())
    rect = view.cursorRect(start).united(view.cursorRect(end))
    image = view.viewport().grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())}


def colour_at(view: ArticleView, needle: str) -> QColor:
    cursor = view.document().find(needle)
    assert not cursor.isNull(), needle
    return cursor.charFormat().foreground().color()


@pytest.mark.parametrize("name", THEMES)
def test_theme_colours_the_text_and_the_whole_view(view: ArticleView, name: str) -> None:
    view.show_article(make_article(body="Short text."))
    view.set_theme(name)
    assert view.theme() == name
    assert view.palette().color(QPalette.ColorRole.Base).name() == BACKGROUNDS[name]
    assert TEXT[name] in text_pixels(view, "Short text")  # glyph stems in the theme's ink
    # Far below the short article and in the side margin: the viewport itself is themed.
    height = view.viewport().height()
    assert pixel(view, 2, height - 2) == BACKGROUNDS[name]
    assert pixel(view, view.viewport().width() - 2, 2) == BACKGROUNDS[name]


def test_dark_theme_keeps_links_readable_and_keeps_the_place(view: ArticleView) -> None:
    view.show_article(make_article(body=long_body() + "\n[A link](https://example.org)\n"))
    view.verticalScrollBar().setValue(400)
    place = view.top_position()
    view.set_theme("dark")
    assert colour_at(view, "A link").name() == "#8ab4f8"
    assert abs(view.top_position() - place) < 80
    assert "#8ab4f8" in view.document().toHtml()


def test_unknown_theme_is_refused(view: ArticleView) -> None:
    with pytest.raises(ValueError, match="neon"):
        view.set_theme("neon")
    assert view.theme() == "light"


@pytest.mark.parametrize(("scheme", "expected"), [
    (Qt.ColorScheme.Dark, "dark"), (Qt.ColorScheme.Light, "light"), (Qt.ColorScheme.Unknown, "light"),
])  # fmt: skip
def test_auto_theme_follows_the_os(monkeypatch: pytest.MonkeyPatch, scheme: Qt.ColorScheme,
                                   expected: str) -> None:
    class Hints:
        def colorScheme(self) -> Qt.ColorScheme:
            return scheme

    class App:
        @staticmethod
        def styleHints() -> Hints:
            return Hints()

    monkeypatch.setattr(page, "QGuiApplication", App)
    assert resolve_theme("auto") == expected
    assert resolve_theme("sepia") == "sepia"
    assert resolve_theme("bogus") == "light"


def test_zoom_steps_are_points_and_refit_the_measure(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body="# Heading\n\nBody text."))
    base_size = view.document().defaultFont().pointSizeF()
    assert base_size == 12 == view.text_size()
    heading = view.document().find("Heading").charFormat().font().pointSizeF()
    margin = view.document().rootFrame().frameFormat().leftMargin()
    with qtbot.waitSignal(view.size_changed) as changed:
        view.zoom_in()
    assert changed.args == [13] and view.text_size() == 13
    assert view.document().defaultFont().pointSizeF() == 13
    assert view.document().find("Heading").charFormat().font().pointSizeF() > heading
    assert view.document().rootFrame().frameFormat().leftMargin() < margin  # wider column, same measure
    view.zoom_out()
    with qtbot.waitSignal(view.size_changed) as changed:
        view.zoom_out()
    assert changed.args == [11]
    assert view.document().defaultFont().pointSizeF() < base_size
    view.reset_zoom()
    assert view.text_size() == 12 and view.document().defaultFont().pointSizeF() == base_size


def test_text_size_is_clamped_kept_and_reflected_in_the_actions(view: ArticleView, qtbot: QtBot) -> None:
    actions = view.actions()
    assert not actions["reset_zoom"].isEnabled()
    view.set_text_size(99)
    assert view.text_size() == 32 and not actions["zoom_in"].isEnabled()
    with qtbot.assertNotEmitted(view.size_changed):
        view.zoom_in()
    view.set_text_size(-99)
    assert view.text_size() == 8 and not actions["zoom_out"].isEnabled()
    view.set_text_size(15)
    view.show_article(make_article(body="Text."))
    assert view.text_size() == 15 and actions["reset_zoom"].isEnabled()


def test_ctrl_wheel_steps_the_text_size(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body="Text."))
    point = QPointF(50, 50)
    event = QWheelEvent(point, QPointF(view.viewport().mapToGlobal(QPoint(50, 50))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    with qtbot.waitSignal(view.size_changed):
        QApplication.sendEvent(view.viewport(), event)
    assert view.text_size() == 13


def test_header_shows_title_byline_tags_and_source(view: ArticleView) -> None:
    article = make_article(title="A <b>Title</b>", authors=("Ann", "Bo"), date="2021-03-04",
                           tags=("history", "a & b"), source_url="https://example.org/src",
                           body="Body.[^1]\n\n[^1]: Footnote.")
    view.show_article(article)
    text = view.toPlainText()
    for expected in ("A <b>Title</b>", "Ann, Bo · 2021-03-04", "history", "a & b",
                     "Source: https://example.org/src"):
        assert expected in text
    tag = view.document().find("history").charFormat()
    assert tag.background().color().name() == "#e4ecf7"  # styled as a tag, not plain text
    body = view.document().find("Body").charFormat().font().pointSizeF()
    note = view.document().find("Footnote").charFormat().font().pointSizeF()
    assert note < body  # div.footnote styling reached the footnotes


def test_view_actions_have_tooltips_with_shortcuts(view: ArticleView) -> None:
    actions = view.actions()
    assert set(actions) == {"zoom_in", "zoom_out", "reset_zoom", "back", "forward", "find",
                            "find_next", "find_previous", "caret"}
    keys = {name: [k.toString() for k in action.shortcuts()] for name, action in actions.items()}
    assert keys["zoom_in"] == ["Ctrl++", "Ctrl+="] and keys["back"] == ["Alt+Left"]
    assert keys["find_previous"] == ["Shift+F3"] and keys["caret"] == ["F7"]
    for action in actions.values():
        assert "(" in action.toolTip()


def test_search_terms_are_marked_and_scrolled_to(view: ArticleView) -> None:
    body = long_body() + "\nAt the end we were running, and the runner runs.\n"
    view.show_article(make_article(body=body), highlight={"run"})
    marked = [view.toPlainText()[s:e] for s, e in view.marks("term")]
    assert marked == ["running", "runs"]  # "runner" has another stem
    assert view.verticalScrollBar().value() > 0
    fmt = QTextCursor(view.document())
    fmt.setPosition(view.marks("term")[0][0] + 1)
    selections = view.extraSelections()
    assert len(selections) == 2
    assert selections[0].format.background().color().name() == "#ffc88c"  # not highlight yellow
    view.clear_highlight()
    assert view.extraSelections() == [] and view.marks("term") == []


def test_highlight_survives_theme_and_zoom_and_an_echoed_show(view: ArticleView) -> None:
    article = make_article(body="Running here and running there.")
    view.show_article(article, highlight={"run"})
    view.set_theme("dark")
    view.zoom_in()
    view.show_article(article)  # e.g. the library following the view
    assert len(view.marks("term")) == 2
    assert view.extraSelections()[0].format.background().color().name() == "#8c3e00"
    view.show_article(article, highlight=set())
    assert view.marks("term") == []
    view.show_article(make_article("beta", body="Running."))
    assert view.marks("term") == []  # a new article starts unmarked


def test_page_html_escapes_tags_and_trims_code_blocks() -> None:
    html = page.page_html(make_article(tags=("<script>x</script>",), body="```\ncode\n```\n"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "code</code></pre>" in html
