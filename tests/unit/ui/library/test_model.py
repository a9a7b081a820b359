"""LibraryModel: a well-behaved lazy tree with special groups, read state and favourites."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from reader.core.archive.model import ArticleMeta
from reader.ui.library import model as library_model
from reader.ui.library.model import BATCH, GROUP_KEY_ROLE, ID_ROLE, RECENT_MAX, LibraryModel
from tests.unit.ui.library import SMALL, metas

FONT = Qt.ItemDataRole.FontRole
WARN = QAbstractItemModelTester.FailureReportingMode.Warning  # a failure is a Qt warning: fails the test


def labels(model: LibraryModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def child_ids(model: LibraryModel, row: int) -> list[str]:
    parent = model.index(row, 0)
    while model.canFetchMore(parent):
        model.fetchMore(parent)
    return [model.article_id(model.index(r, 0, parent)) or "" for r in range(model.rowCount(parent))]


@pytest.fixture(scope="module")
def big() -> list[ArticleMeta]:
    return metas(50_000)


def test_a_static_model_passes_the_qt_model_tester(qapp: QApplication) -> None:
    model = LibraryModel(metas(1200, years=3))
    model.set_recent(["a00001", "a00002"])
    model.set_favourites({"a00003"})
    QAbstractItemModelTester(model, WARN)  # walks the tree, fetching every group once


def test_the_model_stays_consistent_through_every_change(qapp: QApplication,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_model, "BATCH", 7)  # partial batches, yet a fast tree walk per signal
    model = LibraryModel(metas(120, years=3), grouping="none")
    assert model.rowCount() == 7
    tester = QAbstractItemModelTester(model, WARN)  # its first walk fetches a little
    tester.setUseFetchMore(False)  # later it would fetch inside our own insert/reset signals
    model.fetchMore(QModelIndex())
    model.set_grouping("year")
    model.fetchMore(model.index(0, 0))
    assert model.rowCount(model.index(0, 0)) == 7
    model.set_recent(["a00001", "a00002", "a00001"])
    model.set_favourites({"a00003", "a00007"})
    model.add_recent("a00002")
    model.add_recent("a00009")
    model.toggle_favourite("a00004")
    model.set_read({"a00001"})
    model.mark_read("a00003")
    for by in ("author", "tag", "category", "none", "year"):  # "none" last-but-one: flat rows shift
        model.set_grouping(by)
        model.fetchMore(model.index(2, 0) if by != "none" else QModelIndex())
        model.set_filter("article 001")
        model.set_favourites(set())
        model.set_recent([])
        model.set_favourites({"a00010", "a00100"})
        model.set_recent(["a00100", "a00010"])
        model.set_filter("")
    model.set_sort("title", descending=False)
    assert labels(model)[:2] == ["Recently read (2)", "Favourites (2)"]


def test_huge_groups_are_fetched_in_batches(qapp: QApplication, big: list[ArticleMeta]) -> None:
    model = LibraryModel(big)
    assert model.count() == 50_000
    assert labels(model) == ["2021 (25000)", "2020 (25000)"]
    year = model.index(0, 0)
    assert model.hasChildren(year) and model.rowCount(year) == 0 and model.canFetchMore(year)
    model.fetchMore(year)
    assert model.rowCount(year) == BATCH
    model.fetchMore(year)
    assert model.rowCount(year) == 2 * BATCH
    assert model.rowCount(model.index(1, 0)) == 0  # the other year is untouched


def test_none_is_a_flat_lazy_list_after_special_groups(qapp: QApplication, big: list[ArticleMeta]) -> None:
    model = LibraryModel(big, grouping="none")
    assert model.rowCount() == BATCH
    first = model.index(0, 0)
    assert model.article_id(first) == "a00026" and not model.hasChildren(first)  # the newest: 2021-01-27
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BATCH
    model.set_recent(["a00007"])
    assert model.rowCount() == 2 * BATCH + 1
    assert labels(model)[:2] == ["Recently read (1)", "Article 00026"]


def test_multi_author_articles_appear_under_each_author(qapp: QApplication) -> None:
    model = LibraryModel(SMALL, grouping="author", sort="title", descending=False)
    assert labels(model) == ["Émile Zola (2)", "Karl Marx (2)", "No author (1)"]
    assert child_ids(model, 0) == ["zola", "both"]  # Germinal, Letters
    assert child_ids(model, 1) == ["marx", "both"]  # "The Capital" sorts as "capital"
    assert model.index(1, 0).data(GROUP_KEY_ROLE) == "author:karl marx"


def test_mark_read_changes_only_that_articles_rows(qapp: QApplication) -> None:
    model = LibraryModel(SMALL, grouping="tag")
    model.set_favourites({"anon"})
    for row in range(model.rowCount()):
        child_ids(model, row)
    anon_rows = model.indexes_of("anon")
    assert len(anon_rows) == 3  # Favourites, economics, novel
    assert all(index.data(FONT).bold() for index in anon_rows)
    model.set_read({"zola"})
    assert not model.indexes_of("zola")[0].data(FONT).bold()
    changed: list[str | None] = []
    model.dataChanged.connect(lambda first, last, *_: changed.append(model.article_id(first)))
    model.mark_read("anon")
    assert changed == ["anon"] * 3
    assert not any(index.data(FONT).bold() for index in anon_rows)
    assert model.indexes_of("marx")[0].data(FONT).bold()
    model.mark_read("anon")
    assert len(changed) == 3  # already read: nothing to repaint


def test_recent_and_favourites_come_first_with_counts(qapp: QApplication) -> None:
    model = LibraryModel(SMALL)
    assert labels(model) == ["1885 (2)", "1867 (1)", "Unknown year (1)"]
    model.set_recent(["marx", "zola", "marx", "gone"])
    model.set_favourites({"zola", "both"})
    assert labels(model)[:3] == ["Recently read (2)", "Favourites (2)", "1885 (2)"]
    assert child_ids(model, 0) == ["marx", "zola"]  # newest first, as given
    assert child_ids(model, 1) == ["zola", "both"]  # the current sort: date, newest first
    assert model.index(0, 0, model.index(1, 0)).data() == "★ Germinal"
    model.add_recent("both")
    assert child_ids(model, 0) == ["both", "marx", "zola"] and labels(model)[0] == "Recently read (3)"

    marx = QPersistentModelIndex(model.locate("marx"))
    assert marx.parent().data() == "1867 (1)"
    model.toggle_favourite("zola")
    model.toggle_favourite("both")
    assert labels(model)[:2] == ["Recently read (3)", "1885 (2)"]  # an empty group is hidden
    model.set_recent([])
    assert labels(model)[0] == "1885 (2)"
    assert marx.isValid() and model.article_id(marx) == "marx" and marx.parent().data() == "1867 (1)"


def test_recent_keeps_at_most_twenty(qapp: QApplication) -> None:
    model = LibraryModel(metas(50))
    model.set_recent(f"a{i:05d}" for i in range(30))
    assert len(model.recent()) == RECENT_MAX
    assert labels(model)[0] == f"Recently read ({RECENT_MAX})"


def test_filter_regroups_only_matching_articles(qapp: QApplication) -> None:
    model = LibraryModel(SMALL)
    model.set_favourites({"marx", "zola"})
    model.set_filter("EMILE")
    assert labels(model) == ["Favourites (1)", "1885 (2)"] and model.visible_count() == 2
    model.set_filter("karl capit")
    assert labels(model) == ["Favourites (1)", "1867 (1)"]
    assert model.locate("zola") == QModelIndex()
    model.set_filter("")
    assert labels(model) == ["Favourites (2)", "1885 (2)", "1867 (1)", "Unknown year (1)"]


def test_roles_lookups_and_sorting(qapp: QApplication) -> None:
    model = LibraryModel(SMALL, grouping="none", sort="title", descending=False)
    assert [model.article_id(model.index(r, 0)) for r in range(4)] == ["marx", "zola", "both", "anon"]
    zola = model.index(1, 0)
    assert zola.data(ID_ROLE) == "zola"
    assert zola.data(Qt.ItemDataRole.ToolTipRole) == "Germinal\nÉmile Zola · 1885-03-02\nMiners strike."
    assert zola.siblingAtColumn(2).data() == "1885-03-02"
    assert "unread" in zola.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.first_article_id() == "marx"
    model.set_sort("date", descending=True)
    assert model.first_article_id() == "zola"
    model.set_grouping("year")
    assert model.indexes_of("zola") == []  # its group has not been fetched
    located = model.locate("zola")
    assert model.article_id(located) == "zola" and model.indexes_of("zola") == [located]
