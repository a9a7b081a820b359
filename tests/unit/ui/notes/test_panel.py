"""The notes pane: scope, filters, orphans, and going to a passage."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListView, QWidget
from pytestqt.qtbot import QtBot

from reader.core.annotations.anchor import make_selector
from reader.core.annotations.model import Annotation
from reader.core.annotations.store import AnnotationStore
from reader.core.annotations.text import article_plain_text
from reader.core.archive import Archive
from reader.ui.notes.model import ORPHAN_ROLE, ORPHANS_TITLE, SECTION_ROLE, Filters, note_text

from .conftest import Setup, marked, point_of, select


def rows(setup: Setup) -> list[str]:
    model = setup.panel.model
    return [model.index(row).data() for row in range(model.rowCount())]


def add(setup: Setup, words: str, color: str = "yellow", note: str = "", tags: tuple[str, ...] = ()) -> str:
    select(setup.view, words)
    made = setup.controller.highlight_selection(color)
    assert made is not None
    if note or tags:
        editor = setup.controller.open_editor(made)
        editor.note_edit.setPlainText(note)
        editor.tags_edit.setText(", ".join(tags))
        editor.accept()
    return made.id


def test_every_control_has_an_accessible_name(setup: Setup) -> None:
    widgets = setup.panel.findChildren(QAbstractButton) + setup.panel.findChildren(QComboBox) \
        + setup.panel.findChildren(QLineEdit) + setup.panel.findChildren(QListView)
    widgets = [w for w in widgets if not _inside_a_compound(w)]  # a combo's list, a field's clear button
    assert len(widgets) >= 7
    assert all(w.accessibleName() for w in widgets), [w for w in widgets if not w.accessibleName()]


def _inside_a_compound(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QLineEdit):
            return True
        parent = parent.parentWidget()
    return False


def test_list_follows_the_article_and_shows_quote_note_and_tags(setup: Setup, archive: Archive) -> None:
    assert setup.panel.empty_label.isVisibleTo(setup.panel)
    add(setup, "lazy dog", "green", note="A **lazy** one.\n\n- really", tags=("dogs",))
    [text] = rows(setup)
    assert text.splitlines()[:2] == ["“lazy dog”", "A lazy one. really"]
    assert "#dogs" in text.splitlines()[2] and "Ada" in text.splitlines()[2]
    assert not setup.panel.empty_label.isVisibleTo(setup.panel)
    setup.view.show_article(archive.article("long"))
    assert rows(setup) == []  # this article has none
    setup.panel.all_button.click()
    assert len(rows(setup)) == 1 and "The Fox" in rows(setup)[0]  # "All" names the article


def test_filters_by_colour_tag_creator_and_text(setup: Setup) -> None:
    add(setup, "quick brown fox", "yellow", note="about the fox", tags=("animals",))
    add(setup, "lazy dog", "green", note="sleepy", tags=("animals", "rest"))
    add(setup, "second", "green")
    panel = setup.panel
    assert len(rows(setup)) == 3
    assert [panel.tag_combo.itemText(i) for i in range(panel.tag_combo.count())] == ["Any tag", "animals",
                                                                                     "rest"]
    panel.color_combo.setCurrentIndex(panel.color_combo.findData("green"))
    panel.color_combo.activated.emit(panel.color_combo.currentIndex())
    assert [r.splitlines()[0] for r in rows(setup)] == ["“lazy dog”", "“second”"]
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("rest"))
    panel.tag_combo.activated.emit(panel.tag_combo.currentIndex())
    assert [r.splitlines()[0] for r in rows(setup)] == ["“lazy dog”"]
    panel.model.set_filters(Filters(text="fox"))
    assert [r.splitlines()[0] for r in rows(setup)] == ["“quick brown fox”"]
    panel.model.set_filters(Filters(creator="Nobody"))
    assert rows(setup) == []


def test_search_field_filters_after_typing(qtbot: QtBot, setup: Setup) -> None:
    add(setup, "quick brown fox", note="carnivore")
    add(setup, "lazy dog", note="sleepy")
    qtbot.keyClicks(setup.panel.search_edit, "sleep")
    qtbot.waitUntil(lambda: len(rows(setup)) == 1)
    assert rows(setup)[0].startswith("“lazy dog”")


def test_activating_a_row_opens_the_article_at_the_passage(qtbot: QtBot, setup: Setup,
                                                           archive: Archive) -> None:
    view = setup.view
    view.show_article(archive.article("long"))
    add(setup, "runners were running", "blue", note="far down")
    view.show_article(archive.article("fox"))
    setup.panel.all_button.click()
    row = next(r for r in range(setup.panel.model.rowCount()) if "runners" in rows(setup)[r])
    index = setup.panel.model.index(row)
    rect = setup.panel.list.visualRect(index)
    with qtbot.waitSignal(setup.panel.open_annotation) as opened:
        qtbot.mouseClick(setup.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0] == "long"
    assert view.article_id == "long" and view.verticalScrollBar().value() > 0
    start, _end = view.marks("notes")[0]
    assert 0 <= point_of(view, start).y() < view.viewport().height()


def test_orphan_is_listed_under_could_not_be_placed_and_not_drawn(
        setup: Setup, archive: Archive, store: AnnotationStore) -> None:
    text = article_plain_text(archive.article("fox"))
    gone = make_selector("Words that were cut from the article long ago entirely.", 6, 24)
    store.add(Annotation.new("arch", "fox", gone, note="lost note"))
    add(setup, "lazy dog")  # re-anchors the article: the orphan is found to be one
    assert "were cut from" not in text
    model = setup.panel.model
    texts = rows(setup)
    assert texts[0].startswith("“lazy dog”")
    assert texts[1] == f"{ORPHANS_TITLE} (1)" and model.index(1).data(SECTION_ROLE)
    assert not model.flags(model.index(1)) & Qt.ItemFlag.ItemIsSelectable
    assert texts[2].startswith("“that were cut from”") and model.index(2).data(ORPHAN_ROLE)
    assert "lost note" in texts[2]
    assert marked(setup.view) == ["lazy dog"]  # the orphan is not drawn anywhere


def test_note_text_renders_markdown_to_one_line() -> None:
    assert note_text("# Title\n\nSome *emphasis* and [a link](https://x.org).") == \
        "Title Some emphasis and a link."
    assert note_text("  ") == ""


def test_panel_updates_on_undo(setup: Setup, make_setup: Callable[..., Setup]) -> None:
    add(setup, "lazy dog")
    assert len(rows(setup)) == 1
    setup.stack.undo()
    assert rows(setup) == []


def test_a_page_note_says_it_is_about_the_whole_article(qtbot: QtBot, store, make_archive) -> None:
    from reader.core.annotations import Annotations
    from reader.core.annotations.model import Annotation, Selector
    from reader.core.archive import open_archive
    from reader.ui.notes.model import PAGE_NOTE, NotesModel

    archive = open_archive(make_archive({"fox": '+++\ntitle = "Fox"\n+++\n\nThe quick brown fox.\n'}))
    store.add(Annotation.new(archive.info.id, "fox", Selector.page(), note="About all of it"))
    rows = Annotations(store, archive).for_article("fox")
    model = NotesModel(store, archive.info.id)
    model.set_article("fox", rows)
    shown = model.data(model.index(0))
    assert shown.startswith(PAGE_NOTE) and "About all of it" in shown and "“”" not in shown
    archive.close()
