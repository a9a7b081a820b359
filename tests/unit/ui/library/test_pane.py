"""LibraryPane: debounced filter, grouping and sorting controls, re-emitted signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.library.pane import LibraryPane
from tests.unit.ui.library import SMALL, metas


def make_pane(qtbot: QtBot, articles=SMALL) -> LibraryPane:
    pane = LibraryPane(articles)
    qtbot.addWidget(pane)
    pane.resize(500, 400)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_typing_a_filter_narrows_after_a_pause(qtbot: QtBot) -> None:
    pane = make_pane(qtbot, SMALL + metas(300))
    assert pane.filter_edit.placeholderText() == "Filter titles and authors"
    qtbot.keyClicks(pane.filter_edit, "emile LET")
    assert pane.model.filter_text() == ""  # debounced: nothing regrouped per keystroke
    qtbot.waitUntil(lambda: pane.model.visible_count() == 1)
    assert pane.model.filter_text() == "emile LET"
    assert pane.model.index(0, 0).data() == "1885 (1)"
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Escape)
    assert pane.filter_edit.text() == "" and pane.model.visible_count() == 304  # at once


def test_group_and_sort_controls_drive_the_model_and_report_changes(qtbot: QtBot) -> None:
    pane = make_pane(qtbot)
    assert pane.grouping() == "year" and pane.sorting() == ("date", True)
    with qtbot.waitSignal(pane.grouping_changed) as grouped:
        qtbot.keyClick(pane.group_combo, Qt.Key.Key_Down)  # Year -> Author, as a user would
    assert grouped.args == ["author"] and pane.model.grouping() == "author"
    with qtbot.waitSignal(pane.sorting_changed) as sorted_:
        pane.descending_button.click()
    assert sorted_.args == ["date", False] and pane.model.sorting() == ("date", False)
    pane.set_grouping("none")
    pane.set_sorting("title", True)
    assert pane.group_combo.currentData() == "none" and pane.sort_combo.currentData() == "title"
    assert pane.descending_button.isChecked() and pane.model.index(0, 0).data() == "A Pamphlet"
    restored = LibraryPane(SMALL, grouping="tag", sort="author", descending=False)
    qtbot.addWidget(restored)
    assert restored.group_combo.currentText() == "Tag" and restored.sort_combo.currentText() == "Author"
    assert not restored.descending_button.isChecked() and restored.sorting() == ("author", False)


def test_signals_are_re_emitted_and_widgets_are_named(qtbot: QtBot) -> None:
    pane = make_pane(qtbot)
    with qtbot.waitSignal(pane.article_chosen) as chosen:
        assert pane.select_article("marx")
    assert chosen.args == ["marx"]
    with qtbot.waitSignal(pane.favourite_toggled) as toggled:
        qtbot.keyClick(pane.view, Qt.Key.Key_F)
    assert toggled.args == ["marx"] and pane.model.favourites() == {"marx"}
    widgets = (pane.filter_edit, pane.group_combo, pane.sort_combo, pane.descending_button, pane.view)
    assert all(widget.accessibleName() for widget in widgets)


def test_down_from_the_filter_moves_into_the_list(qtbot: QtBot) -> None:
    pane = make_pane(qtbot)
    pane.activateWindow()
    pane.filter_edit.setFocus()
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Down)
    qtbot.waitUntil(pane.view.hasFocus)
