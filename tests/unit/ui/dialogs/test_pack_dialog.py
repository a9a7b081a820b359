"""File → Make study pack…: the dialog's choice is exactly what make_pack takes, and it makes a pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import open_archive
from reader.core.export.pack import read_pack
from reader.core.paths import resolve
from reader.core.usecases.context import AppContext
from reader.core.usecases.notes import make_pack
from reader.ui.dialogs.pack import PackChoice, PackDialog

SELECTED = [("fox", "The Fox"), ("owl", "The Owl"), ("cat", "The Cat"), ("dog", "The Dog")]
LISTS = [("Week 1", ["owl", "fox"]), ("Empty", [])]


def dialog(qtbot: QtBot, selected: list[tuple[str, str]] = SELECTED, tags: list[str] | None = None,
           lists: list[tuple[str, list[str]]] = LISTS, title: str = "Foxes") -> PackDialog:
    made = PackDialog(selected, ["lang", "later"] if tags is None else tags, lists, title)
    qtbot.addWidget(made)
    return made


def test_defaults_pack_the_selection_with_all_notes(qtbot: QtBot) -> None:
    made = dialog(qtbot)
    assert made.from_selection.isChecked() and made.ok.isEnabled()
    assert "“The Fox”, “The Owl”, “The Cat” and 1 more" in made.from_selection.text()
    made.description.setPlainText("  For Monday.  ")
    made.accept()
    assert made.choice() == PackChoice("Foxes", "For Monday.", ("fox", "owl", "cat", "dog"), None, True)


def test_title_is_required(qtbot: QtBot) -> None:
    made = dialog(qtbot)
    made.title.setText("   ")
    assert not made.ok.isEnabled() and made.hint.text() == "The pack needs a title."
    made.title.setText("A")
    assert made.ok.isEnabled() and not made.hint.isVisibleTo(made)


def test_tag_source_means_the_tagged_notes_and_their_articles(qtbot: QtBot) -> None:
    made = dialog(qtbot)
    made.no_notes.setChecked(True)
    made.from_tag.setChecked(True)
    made.tag.setCurrentText("later")
    assert made.tagged_notes.isChecked() and not made.all_notes.isEnabled() and not made.no_notes.isEnabled()
    assert made.choice() == PackChoice("Foxes", "", (), "later", True)
    made.from_selection.setChecked(True)  # the reader's notes choice comes back
    assert made.no_notes.isChecked() and made.choice().with_notes is False and made.choice().tag is None


def test_reading_list_and_tagged_notes(qtbot: QtBot) -> None:
    made = dialog(qtbot)
    made.from_list.setChecked(True)
    made.tagged_notes.setChecked(True)
    assert made.tag.isEnabled() and made.reading_list.isEnabled()
    made.tag.setCurrentText("lang")
    assert made.choice() == PackChoice("Foxes", "", ("owl", "fox"), "lang", True)
    made.reading_list.setCurrentIndex(1)
    assert not made.ok.isEnabled() and "empty" in made.hint.text()


def test_nothing_to_choose_from(qtbot: QtBot) -> None:
    made = dialog(qtbot, selected=[], tags=[], lists=[])
    assert not made.from_selection.isEnabled() and not made.from_tag.isEnabled()
    assert not made.from_list.isEnabled() and not made.tagged_notes.isEnabled()
    assert not made.ok.isEnabled() and "Select articles" in made.hint.text()


def test_without_a_selection_a_reading_list_is_offered_first(qtbot: QtBot) -> None:
    made = dialog(qtbot, selected=[])
    assert made.from_list.isChecked() and made.ok.isEnabled()


def test_every_control_is_named_and_reachable_by_keyboard(qtbot: QtBot) -> None:
    made = dialog(qtbot)
    controls = made.findChildren(QAbstractButton) + made.findChildren(QComboBox) \
        + made.findChildren(QLineEdit) + made.findChildren(QPlainTextEdit)
    for control in controls:
        if isinstance(control, QLineEdit) and isinstance(control.parent(), QComboBox):
            continue
        assert control.accessibleName(), control
    texts = [b.text() for b in made.findChildren(QAbstractButton) if b.text() != "&Cancel"] + [
        label.text() for label in made.findChildren(QWidget) if hasattr(label, "buddy") and label.buddy()]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(keys) >= 9 and len(keys) == len(set(keys)), texts
    made.show()
    qtbot.waitExposed(made)
    assert made.focusWidget() is made.title
    made.title.setFocus()
    qtbot.keyClick(made.title, Qt.Key.Key_Tab)
    assert made.focusWidget() is made.description


@pytest.fixture
def archive_and_store(make_archive, store: AnnotationStore):
    fox = "+++\ntitle = \"The Fox\"\n+++\n\nThe quick brown fox jumps over the lazy dog.\n"
    owl = "+++\ntitle = \"The Owl\"\n+++\n\nThe owl flies silently through the night.\n"
    cat = "+++\ntitle = \"The Cat\"\n+++\n\nThe cat sleeps.\n"
    with open_archive(make_archive({"fox": fox, "owl": owl, "cat": cat})) as archive:
        notes = Annotations(store, archive)
        notes.add_quote("fox", "quick brown fox", creator="Ada", tags=("lang",))
        notes.add_quote("owl", "flies silently", creator="Ada")
        yield archive, store


def test_the_choice_makes_a_pack(qtbot: QtBot, tmp_path: Path, archive_and_store) -> None:
    archive, store = archive_and_store
    made = dialog(qtbot, selected=[("cat", "The Cat")], tags=["lang"], lists=[])
    made.from_tag.setChecked(True)
    made.title.setText("Tagged")
    choice = made.choice()
    ctx = AppContext.of(resolve(tmp_path / "data"))
    outcome = make_pack(ctx, archive, store, tmp_path / "t.rrpack", choice.title, choice.description,
                        choice.articles, choice.tag, choice.with_notes)
    assert outcome.value == (1, 1)
    assert read_pack((tmp_path / "t.rrpack").read_bytes()).reading_list.articles == ("fox",)
