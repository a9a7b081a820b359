"""LibraryView: default expansion, selecting, keyboard and the favourite toggle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.archive.model import ArticleMeta
from reader.ui.library.model import BATCH, LibraryModel
from reader.ui.library.view import LibraryView
from tests.unit.ui.library import SMALL, metas

OLD = [ArticleMeta(f"old{i}", f"Old {i}", ("Ann Author",), f"1999-0{i + 1}-01") for i in range(3)]


def make_view(qtbot: QtBot, articles: list[ArticleMeta], **options: object) -> LibraryView:
    view = LibraryView(LibraryModel(articles, **options))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_small_groups_open_and_huge_ones_stay_shut(qtbot: QtBot) -> None:
    view = make_view(qtbot, metas(600, years=1) + OLD)
    model = view.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["2021 (600)", "1999 (3)"]
    huge, small = model.index(0, 0), model.index(1, 0)
    assert not view.isExpanded(huge) and model.rowCount(huge) == 0
    assert view.isExpanded(small) and model.rowCount(small) == 3


def test_select_article_expands_its_group_and_selects_the_row(qtbot: QtBot) -> None:
    view = make_view(qtbot, metas(600, years=1) + OLD)
    model = view._model
    deep = model.meta("a00599")
    assert deep is not None
    with qtbot.waitSignal(view.article_chosen) as chosen:
        assert view.select_article("a00001")  # 2021-01-02 is the oldest day: at the end of the year
    assert chosen.args == ["a00001"]
    group = model.index(0, 0)
    assert view.isExpanded(group) and model.rowCount(group) > BATCH
    assert view.current_article_id() == "a00001"
    assert [model.article_id(i) for i in view.selectionModel().selectedRows()] == ["a00001"]
    assert not view.select_article("no-such-article")


def test_enter_chooses_an_article_and_toggles_a_group(qtbot: QtBot) -> None:
    view = make_view(qtbot, SMALL)
    model = view._model
    group = model.index(0, 0)
    view.setCurrentIndex(group)
    assert view.isExpanded(group)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not view.isExpanded(group)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    view.setCurrentIndex(model.index(0, 0, group))
    with qtbot.waitSignal(view.article_chosen) as chosen:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert chosen.args == [model.article_id(model.index(0, 0, group))]


def test_context_menu_toggles_a_favourite(qtbot: QtBot) -> None:
    view = make_view(qtbot, SMALL)
    model = view._model
    assert view.context_menu_for(model.index(0, 0)) is None  # a group row has no menu
    row = model.locate("marx")
    menu = view.context_menu_for(row)
    assert menu is not None
    assert menu.actions()[0].text().startswith("Add to favourites")
    with qtbot.waitSignal(view.favourite_toggled) as toggled:
        menu.actions()[0].trigger()
    assert toggled.args == ["marx"] and model.is_favourite("marx")
    assert model.index(0, 0).data() == "Favourites (1)" and view.isExpanded(model.index(0, 0))
    again = view.context_menu_for(model.locate("marx"))
    assert again is not None and again.actions()[0].text().startswith("Remove from favourites")


def test_f_and_ctrl_d_toggle_the_current_article(qtbot: QtBot) -> None:
    view = make_view(qtbot, SMALL)
    model = view._model
    view.select_article("zola")
    with qtbot.waitSignal(view.favourite_toggled):
        qtbot.keyClick(view, Qt.Key.Key_F)
    assert model.favourites() == {"zola"}
    assert view.current_article_id() == "zola"  # the new group above did not steal the selection
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert model.favourites() == set()


def test_the_selection_survives_a_filter_without_reopening(qtbot: QtBot) -> None:
    view = make_view(qtbot, SMALL)
    view.select_article("zola")
    chosen: list[str] = []
    view.article_chosen.connect(chosen.append)
    view._model.set_filter("germ")
    assert view.current_article_id() == "zola" and chosen == []
    view._model.set_filter("capital")
    assert view.current_article_id() is None


def test_scrolling_to_the_end_of_a_huge_group_fetches_more(qtbot: QtBot) -> None:
    view = make_view(qtbot, metas(4000, years=1))
    model = view._model
    group = model.index(0, 0)
    view.expand(group)
    fetched = model.rowCount(group)
    assert BATCH <= fetched < 4000  # Qt fetches a few batches on expanding, not the whole group
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: model.rowCount(group) > fetched)


def test_main_window_wiring_keeps_the_selection_while_recent_reorders(qtbot: QtBot) -> None:
    """What the main window does on every choice: mark read and move to the top of "Recently read"."""
    view = make_view(qtbot, SMALL)
    model = view._model

    def opened(article_id: str) -> None:
        model.mark_read(article_id)
        model.add_recent(article_id)

    view.article_chosen.connect(opened)
    for article_id in ("zola", "marx", "anon"):
        view.select_article(article_id)
    assert model.recent() == ["anon", "marx", "zola"]
    recent = model.index(0, 0)
    assert recent.data() == "Recently read (3)" and view.isExpanded(recent)
    view.setCurrentIndex(model.index(2, 0, recent))  # "zola", chosen from the recent group itself
    assert model.recent() == ["zola", "anon", "marx"]
    assert view.current_article_id() == "zola" and view.currentIndex().parent() == recent
    assert not model.index(0, 0, recent).data(Qt.ItemDataRole.FontRole).bold()
