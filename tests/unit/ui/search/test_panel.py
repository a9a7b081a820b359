"""The search pane driven like a user would, over a real archive and a real Whoosh index."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from reader.core.search import SearchIndex, SearchResult
from reader.ui.search import SearchPanel
from reader.ui.search.facets import FacetList
from reader.ui.search.panel import PLACEHOLDER, PREPARING
from reader.ui.tasks import TaskRunner
from tests.unit.ui.search.conftest import search


def shown_ids(panel: SearchPanel) -> list[str]:
    return [panel.model.hit_at(row).id for row in range(panel.model.count())]


def click_row(qtbot: QtBot, view: FacetList, text: str) -> None:
    model = view.model()
    rows = [row for row in range(model.rowCount()) if model.index(row, 0).data() == text]
    assert rows, f"{text!r} not in {[model.index(r, 0).data() for r in range(model.rowCount())]}"
    rect = view.visualRect(model.index(rows[0], 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_typing_shows_marked_snippets(qtbot: QtBot, panel: SearchPanel) -> None:
    assert panel.field.placeholderText() == PLACEHOLDER
    search(qtbot, panel, "soci")
    assert shown_ids(panel) == ["socialism"]
    assert "<mark>" in panel.model.hit_at(0).snippet
    assert panel.count_label.text() == "1 result"
    panel.results.viewport().grab()  # the delegate paints the rich snippet without errors
    row = panel.results.visualRect(panel.model.index(0))
    assert row.height() > 3 * panel.results.fontMetrics().height()  # title, meta and snippet lines


def test_typing_fast_shows_only_the_last_text(qtbot: QtBot, panel: SearchPanel, runner: TaskRunner) -> None:
    shown: list[SearchResult] = []
    panel.result_shown.connect(shown.append)
    for text in ("s", "so", "soc", "soci"):
        panel.field.setText(text)
        panel.search_now()  # no debounce: every keystroke reaches the runner
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(50)
    assert [result.query for result in shown] == ["soci*"]
    assert shown_ids(panel) == ["socialism"]


def test_debounce_runs_one_search_for_a_burst_of_keys(qtbot: QtBot, panel: SearchPanel) -> None:
    shown: list[SearchResult] = []
    panel.result_shown.connect(shown.append)
    search(qtbot, panel, "class")
    qtbot.wait(200)
    assert [result.query for result in shown] == ["class*"]


def test_clicking_a_facet_narrows_and_shows_the_filter(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "class")
    assert sorted(shown_ids(panel)) == ["class-work", "working-class"]
    years = panel.facets.groups["year"]
    assert years.isVisible()
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        click_row(qtbot, years.list, "2020 (1)")
    assert panel.field.text() == "class* year:2020"
    assert shown_ids(panel) == ["class-work"]
    assert panel.facets.clear_button.isVisible()
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        qtbot.mouseClick(panel.facets.clear_button, Qt.MouseButton.LeftButton)
    assert panel.field.text() == "class*"
    assert len(shown_ids(panel)) == 2 and not panel.facets.clear_button.isVisible()


def test_author_facet_quotes_names_with_spaces(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "socialism ")
    assert not panel.facets.groups["authors"].isHidden()
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        click_row(qtbot, panel.facets.groups["authors"].list, "José Müller (1)")
    assert panel.field.text() == 'socialism author:"José Müller"'
    assert shown_ids(panel) == ["socialism"]


def test_empty_facets_are_hidden(qtbot: QtBot, panel: SearchPanel) -> None:
    assert not panel.facets.isVisible()
    search(qtbot, panel, "tomatoes ")
    assert shown_ids(panel) == ["undated"]
    assert panel.facets.groups["authors"].isHidden() and panel.facets.groups["year"].isHidden()


def test_did_you_mean_replaces_the_query(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "socilism")
    assert panel.count_label.text() == "No results"
    assert panel.suggestion_label.isVisible()
    assert "socialism</a>" in panel.suggestion_label.text()
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        panel.suggestion_label.linkActivated.emit("suggestion")
    assert panel.field.text() == "socialism"
    assert shown_ids(panel) == ["socialism"]
    assert not panel.suggestion_label.isVisible()


def test_bad_query_shows_inline_error_and_no_dialog(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "class")
    panel.field.clear()
    qtbot.keyClicks(panel.field, "*foo")
    qtbot.waitUntil(lambda: panel.message_label.isVisible(), timeout=5000)
    assert "Only a * at the end of a word" in panel.message_label.text()
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    search(qtbot, panel, "class")
    assert not panel.message_label.isVisible()


def test_enter_opens_the_top_hit_with_its_terms(qtbot: QtBot, panel: SearchPanel) -> None:
    qtbot.keyClicks(panel.field, "run")
    with qtbot.waitSignal(panel.open_hit, timeout=5000) as opened:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    article_id, terms = opened.args
    assert article_id == "running-club"
    assert "run" in terms


def test_activating_a_result_opens_it(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "class")
    second = panel.model.index(1)
    with qtbot.waitSignal(panel.open_hit) as opened:
        panel.results.activated.emit(second)
    assert opened.args[0] == panel.model.hit_at(1).id and opened.args[1] == ("class",)


def test_keyboard_down_enters_results_and_escape_clears(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.activateWindow()
    panel.focus_search()
    qtbot.waitUntil(panel.field.hasFocus)
    search(qtbot, panel, "class")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.results.hasFocus() and panel.results.currentIndex().row() == 0
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.field.hasFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == "" and panel.model.count() == 0 and panel.count_label.text() == ""


def test_focus_search_selects_the_text(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.field.setText("class")
    panel.activateWindow()
    panel.focus_search()
    qtbot.waitUntil(panel.field.hasFocus)
    assert panel.field.selectedText() == "class"


def test_paging_with_more_results(qtbot: QtBot, make_panel, index: SearchIndex) -> None:
    panel = make_panel(lambda: index, page_size=1)
    search(qtbot, panel, "class")
    assert panel.model.count() == 1 and panel.more_button.isVisible()
    qtbot.mouseClick(panel.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.count() == 2, timeout=5000)
    assert sorted(shown_ids(panel)) == ["class-work", "working-class"]
    assert not panel.more_button.isVisible()


def test_sort_by_date(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "class OR running OR socialism ")
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        panel.sort_combo.setCurrentIndex(panel.sort_combo.findData("date"))
    assert shown_ids(panel) == ["class-work", "working-class", "running-club", "socialism"]


def test_waits_for_the_index(qtbot: QtBot, make_panel, index: SearchIndex) -> None:
    ready: list[SearchIndex] = []
    panel = make_panel(lambda: ready[0] if ready else None)
    assert panel.count_label.text() == PREPARING
    qtbot.keyClicks(panel.field, "soci")
    qtbot.wait(250)
    assert panel.count_label.text() == PREPARING and panel.model.count() == 0
    ready.append(index)
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        panel.index_ready()
    assert shown_ids(panel) == ["socialism"]


def test_help_is_one_click_away(qtbot: QtBot, panel: SearchPanel) -> None:
    assert not panel.help.isVisible()
    qtbot.mouseClick(panel.help_button, Qt.MouseButton.LeftButton)
    assert panel.help.isVisible()
    assert 'author:&quot;Ann Author&quot;' in panel.help.label.text()
    assert "date:2019-01..2019-06" in panel.help.label.text()
    qtbot.mouseClick(panel.help_button, Qt.MouseButton.LeftButton)
    assert not panel.help.isVisible()


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "class")  # facets, suggestion label and the rest are now populated
    panel.help_button.click()
    interactive = [w for w in panel.findChildren(QWidget)
                   if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(panel)]
    assert interactive
    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in interactive if not w.accessibleName()]
    assert unnamed == []


def test_an_error_keeps_the_last_results_until_the_next_success(qtbot: QtBot, panel: SearchPanel) -> None:
    search(qtbot, panel, "class")
    panel.field.setText("year:20")
    panel.search_now()
    qtbot.waitUntil(panel.message_label.isVisible, timeout=5000)
    assert "Dates look like" in panel.message_label.text()
    assert panel.model.count() == 2
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        panel.field.setText("year:2020")
        panel.search_now()
    assert shown_ids(panel) == ["class-work"] and not panel.message_label.isVisible()


def test_clearing_drops_a_search_still_running(qtbot: QtBot, panel: SearchPanel, runner: TaskRunner) -> None:
    panel.field.setText("class")
    panel.search_now()
    panel.field.clear()
    assert runner.wait(5000)
    qtbot.wait(50)
    assert panel.model.count() == 0 and panel.count_label.text() == ""


def test_typing_part_of_a_long_title_word_finds_it(qtbot: QtBot, make_panel, tmp_path) -> None:
    from reader.core.paths import resolve
    from reader.core.usecases.context import AppContext
    from reader.core.usecases.importing import ImportRequest, import_into
    from tests.unit.core.importers.wxr_builder import item, wxr
    from tests.unit.core.search.test_long_words import DISH, HILL

    export = tmp_path / "site.xml"
    export.write_text(wxr(item(1, "<p>A hill.</p>", title=HILL), item(2, f"<p>{DISH}</p>")), encoding="utf-8")
    ctx = AppContext.of(resolve(tmp_path / "data"))
    import_into(ctx, ImportRequest(tmp_path / "site", (export,)))
    with SearchIndex.open(tmp_path / "site", ctx.paths) as index:
        panel = make_panel(lambda: index)
        for typed, found in (("Tau", "post-1"), ("Taumata", "post-1"), (HILL[:84], "post-1"),
                             (DISH[:45], "post-2"), (DISH[:99], "post-2")):
            search(qtbot, panel, typed)
            assert shown_ids(panel) == [found], typed
        panel.field.clear()


def test_facets_follow_the_results_once_typing_pauses(qtbot: QtBot, panel: SearchPanel) -> None:
    shown: list[SearchResult] = []
    panel.result_shown.connect(shown.append)
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        qtbot.keyClicks(panel.field, "class")
    assert shown[-1].facets == {} and shown[-1].total == 2  # the keystroke path: hits and total
    assert panel.counting and not panel.facets.groups["year"].list.isEnabled()
    with qtbot.waitSignal(panel.counted, timeout=5000) as counted:
        pass
    assert dict(counted.args[0].facets["year"]) == {"2019": 1, "2020": 1}
    assert not panel.counting and panel.facets.groups["year"].list.isEnabled()
    assert panel.facets.groups["year"].isVisible()
    assert [result.query for result in shown] == ["class*"]  # counting did not show the hits again


def test_typing_on_drops_the_pending_count(qtbot: QtBot, panel: SearchPanel) -> None:
    counted: list[SearchResult] = []
    panel.counted.connect(counted.append)
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        qtbot.keyClicks(panel.field, "class")
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        qtbot.keyClicks(panel.field, " wor")  # within the pause: the count for "class*" never runs
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
    assert [result.query for result in counted] == ["class wor*"]


def test_the_rest_of_the_page_follows_the_first_rows(qtbot: QtBot, make_panel, index: SearchIndex,
                                                     monkeypatch) -> None:
    from reader.ui.search import panel as panel_module

    monkeypatch.setattr(panel_module, "FIRST_ROWS", 1)
    pane = make_panel(lambda: index)
    with qtbot.waitSignal(pane.result_shown, timeout=5000) as first:
        qtbot.keyClicks(pane.field, "class")
    assert len(first.args[0].hits) == 1 and shown_ids(pane) == [first.args[0].hits[0].id]
    with qtbot.waitSignal(pane.counted, timeout=5000):
        pass
    assert sorted(shown_ids(pane)) == ["class-work", "working-class"]
    assert all("<mark>" in pane.model.hit_at(row).snippet for row in range(2))
    assert not pane.more_button.isVisible()
