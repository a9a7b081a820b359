"""Notes in layers per creator: listed own first, drawn differently, hidden one layer at a time."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QMenu

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import Archive
from reader.ui.notes import colors, layers
from reader.ui.notes.layers import fill_layers_menu

from .conftest import Setup, marked, point_of


def two_creators(store: AnnotationStore, archive: Archive) -> None:
    notes = Annotations(store, archive)
    notes.add_quote("fox", "quick brown fox", creator="Ada")
    notes.add_quote("fox", "lazy dog", creator="Zoe", color="blue")
    notes.add_quote("fox", "second", creator="")  # no name: the reader's own too


def test_two_creators_make_two_layers_and_hiding_one_keeps_the_other(
        make_setup: Callable[..., Setup], store: AnnotationStore, archive: Archive) -> None:
    two_creators(store, archive)
    setup = make_setup(creator="Ada")
    setup.view.show_article(archive.article("fox"))
    assert marked(setup.view) == ["quick brown fox", "lazy dog", "second"]

    menu = QMenu()
    fill_layers_menu(menu, setup.controller.layers, setup.controller.store.all(setup.controller.archive_id))
    assert [a.text() for a in menu.actions()] == ["My notes (Ada)", "Zoe"]
    assert all(a.isCheckable() and a.isChecked() for a in menu.actions())

    menu.actions()[1].setChecked(False)  # hide Zoe's layer
    assert marked(setup.view) == ["quick brown fox", "second"]
    assert setup.controller.annotation_at(setup.view.toPlainText().index("lazy dog")) is None
    fill_layers_menu(menu, setup.controller.layers, setup.controller.store.all(setup.controller.archive_id))
    assert [a.isChecked() for a in menu.actions()] == [True, False]  # the menu remembers

    menu.actions()[0].setChecked(False)  # hide own, show Zoe again
    menu.actions()[1].setChecked(True)
    assert marked(setup.view) == ["lazy dog"]


def test_others_are_underlined_not_filled(make_setup: Callable[..., Setup], store: AnnotationStore,
                                          archive: Archive) -> None:
    two_creators(store, archive)
    setup = make_setup(creator="Ada")
    setup.view.show_article(archive.article("fox"))
    own, other, _none = (QTextCharFormat(s.format) for s in setup.view.extraSelections())
    assert own.background().color() == colors.background("yellow", "light")
    assert other.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert other.underlineColor() == colors.ink("blue", "light")
    assert other.background().style().name == "NoBrush"


def test_empty_store_has_a_placeholder(make_setup: Callable[..., Setup]) -> None:
    setup = make_setup()
    menu = QMenu()
    fill_layers_menu(menu, setup.controller.layers, setup.controller.store.all(setup.controller.archive_id))
    assert [(a.text(), a.isEnabled()) for a in menu.actions()] == [("(no notes yet)", False)]


def test_hover_names_the_creator(make_setup: Callable[..., Setup], store: AnnotationStore,
                                 archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []  # offscreen Qt warns on real tooltips: record them instead
    fake = SimpleNamespace(showText=lambda _p, text, _w: shown.append(text))
    monkeypatch.setattr(layers, "QToolTip", fake)
    two_creators(store, archive)
    setup = make_setup(creator="Ada")
    setup.view.show_article(archive.article("fox"))
    viewport = setup.view.viewport()
    for words in ("lazy dog", "quick brown fox"):
        point = point_of(setup.view, setup.view.toPlainText().index(words) + 1)
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    assert shown == ["Note by Zoe", "You"]
