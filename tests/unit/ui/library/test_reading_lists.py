"""Imported reading lists appear as library groups, in list order, after the other special groups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from reader.core.export.pack import ReadingList, save_reading_list
from reader.ui.library.model import GROUP_KEY_ROLE, LibraryModel
from tests.unit.ui.library import SMALL
from tests.unit.ui.library.test_model import WARN, child_ids, labels
from tests.unit.ui.test_mainwindow import window_for


def test_reading_lists_are_groups_in_list_order(qtbot: QtBot) -> None:
    model = LibraryModel(SMALL, grouping="none")
    QAbstractItemModelTester(model, WARN)
    model.set_favourites({"marx"})
    model.set_reading_lists([("Week 1", ["zola", "gone", "anon"]), ("Empty", ["gone"])])
    assert labels(model)[:2] == ["Favourites (1)", "Reading list: Week 1 (2)"]
    assert model.index(1, 0).data(GROUP_KEY_ROLE) == "special:list:0"
    assert child_ids(model, 1) == ["zola", "anon"]
    located = model.locate("zola")
    assert located.isValid() and not located.parent().isValid()  # the ordinary row, not the list's
    model.set_filter("pamphlet")
    assert labels(model)[0] == "Reading list: Week 1 (1)"
    model.set_reading_lists([])
    assert not any(label.startswith("Reading list") for label in labels(model))


def test_the_window_shows_lists_saved_for_its_archive(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    root = make_archive({"bread": '+++\ntitle = "Bread"\n+++\n\nBread.\n',
                         "roses": '+++\ntitle = "Roses"\n+++\n\nRoses.\n'})
    data = tmp_path / "home" / "data"
    save_reading_list(data, ReadingList("Week 1", "", "arch", ("roses", "bread")))
    save_reading_list(data, ReadingList("Other archive", "", "elsewhere", ("bread",)))
    window = window_for(qtbot, root, tmp_path / "home")
    model = window.library_pane.model
    assert "Reading list: Week 1 (2)" in labels(model)
    assert not any("Other archive" in label for label in labels(model))
    row = labels(model).index("Reading list: Week 1 (2)")
    assert child_ids(model, row) == ["roses", "bread"]
