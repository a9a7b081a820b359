"""Highlighting and noting on a real ArticleView over a real store, driven like a reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QUndoStack
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.core.annotations.store import AnnotationStore
from reader.core.archive import Archive
from reader.ui.notes import colors
from reader.ui.notes.controller import NotesController

from .conftest import Setup, marked, point_of, select


def formats(setup: Setup) -> list[QTextCharFormat]:
    selections = setup.view.extraSelections()  # the formats live as long as this list
    return [QTextCharFormat(s.format) for s in selections]


def test_h_highlights_exactly_the_selected_words(qtbot: QtBot, setup: Setup, store: AnnotationStore) -> None:
    span = select(setup.view, "quick brown fox")
    with qtbot.waitSignal(setup.controller.annotations_changed):
        qtbot.keyClick(setup.view, Qt.Key.Key_H)
    assert setup.view.marks("notes") == [span]
    assert marked(setup.view) == ["quick brown fox"]
    [row] = store.for_article("arch", "fox")
    assert (row.quote, row.color, row.style, row.creator) == ("quick brown fox", "yellow", "highlight", "Ada")
    assert not setup.view.textCursor().hasSelection()  # the new highlight is seen, not the selection
    assert formats(setup)[0].background().color() == colors.background("yellow", "light")


def test_toolbar_follows_the_selection_and_its_colour_is_remembered(
        qtbot: QtBot, setup: Setup, store: AnnotationStore) -> None:
    toolbar = setup.controller.toolbar
    assert not toolbar.isVisible()
    select(setup.view, "lazy dog")
    qtbot.waitUntil(toolbar.isVisible)
    assert toolbar.parentWidget() is setup.view and not toolbar.isWindow()
    assert all(b.accessibleName() for b in [*toolbar.buttons.values(), toolbar.note_button])
    qtbot.mouseClick(toolbar.buttons["green"], Qt.MouseButton.LeftButton)
    assert marked(setup.view) == ["lazy dog"] and not toolbar.isVisible()
    select(setup.view, "second")
    qtbot.keyClick(setup.view, Qt.Key.Key_H)  # H reuses the last colour chosen
    assert sorted(a.color for a in store.for_article("arch", "fox")) == ["green", "green"]
    assert marked(setup.view) == ["lazy dog", "second"]


def test_selection_in_the_header_makes_nothing(qtbot: QtBot, setup: Setup, store: AnnotationStore) -> None:
    select(setup.view, "The Fox")  # the title, not the body
    qtbot.keyClick(setup.view, Qt.Key.Key_H)
    assert store.for_article("arch", "fox") == [] and setup.view.marks("notes") == []


def test_note_is_saved_and_survives_a_new_view(qtbot: QtBot, make_setup: Callable[..., Setup],
                                               archive: Archive, store: AnnotationStore) -> None:
    first = make_setup(managed=False)
    first.view.show_article(archive.article("fox"))
    select(first.view, "odd spacing")  # collapsed white space: the canonical text has one space
    qtbot.keyClick(first.view, Qt.Key.Key_N)
    editor = first.controller.editor
    assert editor is not None and editor.isVisible()
    assert not store.for_article("arch", "fox")  # nothing saved before the editor is accepted
    qtbot.keyClicks(editor.note_edit, "Why *odd*?")
    editor.tags_edit.setText("style, Style, questions")
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    [row] = store.for_article("arch", "fox")
    assert (row.quote, row.note, row.tags) == ("odd spacing", "Why *odd*?", ("style", "questions"))
    with AnnotationStore(store.path) as reopened:  # on disk, not only in this connection
        assert reopened.get(row.id) == row

    first.host.close()
    shiboken6.delete(first.host)  # the view and its controller go with it
    del first
    second = make_setup()
    second.view.show_article(archive.article("fox"))
    assert marked(second.view) == ["odd spacing"]
    [(annotation, match)] = second.controller.rows()
    assert annotation.note == "Why *odd*?" and match is not None and match.state == "exact"


def test_margin_mark_beside_a_noted_highlight(qtbot: QtBot, setup: Setup) -> None:
    view = setup.view
    select(view, "quick brown fox")
    view.setFocus()
    setup.controller.note_selection()
    editor = setup.controller.editor
    assert editor is not None
    editor.note_edit.setPlainText("A note")
    editor.accept()
    start, _end = view.marks("notes")[0]
    y = point_of(view, start).y()
    margin = int(view.document().rootFrame().frameFormat().leftMargin())
    image = view.viewport().grab().toImage()
    ink = colors.ink("yellow", "light").name()
    assert any(image.pixelColor(x, y).name() == ink for x in range(0, margin))


def test_undo_and_redo_an_added_highlight(qtbot: QtBot, setup: Setup, store: AnnotationStore) -> None:
    select(setup.view, "quick brown fox")
    qtbot.keyClick(setup.view, Qt.Key.Key_H)
    [made] = store.for_article("arch", "fox")
    qtbot.keyClick(setup.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.for_article("arch", "fox") == [] and setup.view.marks("notes") == []
    qtbot.keyClick(setup.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert store.for_article("arch", "fox") == [made]
    assert marked(setup.view) == ["quick brown fox"]


def test_click_opens_the_editor_delete_and_undo(qtbot: QtBot, setup: Setup, store: AnnotationStore) -> None:
    start, _end = select(setup.view, "jumps over")
    setup.controller.highlight_selection("pink")
    [made] = store.for_article("arch", "fox")
    qtbot.mouseClick(setup.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(setup.view, start + 2))
    qtbot.waitUntil(lambda: setup.controller.editor is not None)
    editor = setup.controller.editor
    assert editor is not None and editor.annotation.id == made.id
    assert all(w.accessibleName() for w in (editor.note_edit, editor.tags_edit, editor.style_combo,
                                            editor.delete_button, *editor.color_buttons.values()))
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert store.for_article("arch", "fox") == [] and setup.view.marks("notes") == []
    setup.stack.undo()
    assert store.for_article("arch", "fox") == [made] and marked(setup.view) == ["jumps over"]
    setup.stack.redo()
    assert store.for_article("arch", "fox") == []


def test_edit_colour_and_style_then_undo(qtbot: QtBot, setup: Setup, store: AnnotationStore) -> None:
    select(setup.view, "lazy dog")
    made = setup.controller.highlight_selection("yellow")
    assert made is not None
    editor = setup.controller.open_editor(made)
    editor.color_buttons["blue"].click()
    editor.style_combo.setCurrentIndex(editor.style_combo.findData("underline"))
    editor.accept()
    [row] = store.for_article("arch", "fox")
    assert (row.color, row.style) == ("blue", "underline")
    fmt = formats(setup)[0]
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert fmt.underlineColor() == colors.ink("blue", "light")
    assert fmt.background().style() == Qt.BrushStyle.NoBrush  # an underline, not a background
    setup.stack.undo()
    assert store.get(made.id) == made


def test_theme_switch_keeps_highlights_in_the_themes_colours(setup: Setup) -> None:
    select(setup.view, "quick brown fox")
    setup.controller.highlight_selection("purple")
    for theme in ("sepia", "dark", "light"):
        setup.view.set_theme(theme)
        assert marked(setup.view) == ["quick brown fox"]
        assert formats(setup)[0].background().color() == colors.background("purple", theme)


def test_colours_are_readable_in_every_theme() -> None:
    text = {"light": QColor("#1f1f1f"), "sepia": QColor("#3b2f20"), "dark": QColor("#dcdcdc")}
    for theme, ink in text.items():
        for color in colors.COLORS:
            assert contrast(ink, colors.background(color, theme)) >= 4.5, (theme, color)


def test_flash_scrolls_to_a_passage_and_fades(qtbot: QtBot, make_setup: Callable[..., Setup],
                                             archive: Archive) -> None:
    setup = make_setup()
    setup.view.show_article(archive.article("long"))
    start, _end = select(setup.view, "runners were running")
    made = setup.controller.highlight_selection("blue")
    assert made is not None
    setup.view.verticalScrollBar().setValue(0)
    assert setup.controller.flash(made.id)
    assert setup.view.verticalScrollBar().value() > 0
    y = point_of(setup.view, start).y()
    assert 0 <= y < setup.view.viewport().height()  # the passage is on screen
    assert formats(setup)[0].background().color() == colors.ink("blue", "light")
    qtbot.waitUntil(lambda: formats(setup)[0].background().color() == colors.background("blue", "light"))
    assert setup.view.can_go_back()  # the jump is a history step


def test_a_controller_can_be_made_on_a_view_already_showing_an_article(
        qtbot: QtBot, setup: Setup, archive: Archive, store: AnnotationStore) -> None:
    select(setup.view, "brown")
    setup.controller.highlight_selection()
    again = NotesController(setup.view, store, archive, "Bea", QUndoStack(setup.host))
    assert [a.quote for a, _m in again.rows()] == ["brown"]


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_another_article_has_its_own_highlights_and_a_changed_one_is_re_anchored(
        setup: Setup, archive: Archive) -> None:
    select(setup.view, "lazy dog")
    setup.controller.highlight_selection()
    setup.view.show_article(archive.article("long"))
    assert setup.view.marks("notes") == [] and setup.controller.rows() == []
    fox = archive.article("fox")
    setup.view.show_article(fox)
    assert marked(setup.view) == ["lazy dog"]
    edited = replace(fox, body=fox.body.replace("The quick", "Once, the quick"))
    setup.view.show_article(edited)  # the same id, a new text (a re-import)
    [(_annotation, match)] = setup.controller.rows()
    assert match is not None and match.state == "moved" and marked(setup.view) == ["lazy dog"]


def test_marks_need_one_format_per_span(setup: Setup) -> None:
    with pytest.raises(ValueError, match="one format per span"):
        setup.view.set_marks("notes", [(1, 3)], formats=[])


def test_flash_before_the_article_is_shown_happens_on_its_render(setup: Setup, archive: Archive) -> None:
    select(setup.view, "lazy dog")
    made = setup.controller.highlight_selection("green")
    assert made is not None
    setup.view.show_article(archive.article("long"))
    assert not setup.controller.flash(made.id)  # not on screen: remembered for the next render
    setup.view.show_article(archive.article("fox"))
    assert formats(setup)[0].background().color() == colors.ink("green", "light")
