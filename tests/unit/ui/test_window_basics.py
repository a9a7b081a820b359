"""What a new user meets first: the window's size, colours, marks, places, read marks and labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette, QScreen, QStyleHints
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.usecases import AppContext
from reader.ui import placement
from reader.ui.dialogs.shortcuts import collect
from reader.ui.mainwindow import MainWindow
from reader.ui.notes import colors

ARTICLE = '+++\ntitle = "{title}"\nauthors = ["Ann Author"]\ndate = 2020-01-0{n}\n+++\n\n' \
          "Paragraph about {title}: the runners were running by the river.\n"
ONE = {"alpha": ARTICLE.format(title="Alpha", n=1)}
TWO = {**ONE, "beta": ARTICLE.format(title="Beta", n=2)}
LONG_TITLE = ("A very long title that no narrow library pane could ever show in full, "
              "about rivers, runners and the history of everything")


def window_for(qtbot: QtBot, root: Path, data_dir: Path) -> MainWindow:
    window = MainWindow(AppContext.of(pathsmod.Paths.under(data_dir).ensure()), open_archive(root))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def real_long_article(root: Path) -> None:
    """The bundled article's text ten times over, as chapters: headings, quotes, long paragraphs."""
    text = (bundled_archive() / "articles" / "hasnt-socialism-been-tried-and-failed.md").read_text()
    head, body = text.split("+++\n", 2)[1:]
    chapters = "\n\n".join(f"## Chapter {n}\n\n{body}" for n in range(1, 11))
    (root / "articles" / "long.md").write_text(f'+++\n{head}+++\n\n{chapters}', encoding="utf-8")


# -- 1. the first window fits its screen -----------------------------------------------------------

@pytest.mark.parametrize("area", [QRect(0, 0, 1366, 768),  # the common laptop
                                  QRect(0, 0, 1280, 720),  # a 2560×1440 screen at 2× scale
                                  QRect(1920, 30, 1366, 738),  # a second screen, a panel on top
                                  QRect(0, 0, 1024, 600)])  # a netbook
def test_first_window_fits_the_screen_it_opens_on(qtbot: QtBot, make_archive, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(area))
    root = make_archive(ONE)
    window = window_for(qtbot, root, tmp_path / "fit")
    frame = window.geometry()
    assert area.contains(frame), (frame, area)
    assert frame.width() <= area.width() * 0.9 + 1 and frame.height() <= area.height() * 0.9 + 1
    assert abs(frame.center().x() - area.center().x()) <= 2  # centred
    assert window.minimumSizeHint().width() <= frame.width()


def test_saved_geometry_too_big_for_the_screen_is_clamped(qtbot: QtBot, make_archive, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_archive(ONE)
    data = tmp_path / "clamp"
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 2560, 1440))
    big = window_for(qtbot, root, data)
    big.setGeometry(QRect(400, 300, 2000, 1100))
    big.close()
    small = QRect(0, 0, 1366, 768)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(small))
    again = window_for(qtbot, root, data)
    assert small.contains(again.geometry()), again.geometry()
    assert placement.clamped(QRect(400, 300, 2000, 1100), small) == small


# -- 2. the theme colours the whole window -----------------------------------------------------------

def test_dark_theme_colours_the_library_menus_and_status_bar(qtbot: QtBot, make_archive,
                                                             tmp_path: Path) -> None:
    window = window_for(qtbot, make_archive(ONE), tmp_path / "dark")
    window.actions_by_name["theme_light"].trigger()
    library = window.library_pane.view
    qtbot.waitUntil(lambda: library.palette().color(QPalette.ColorRole.Base).lightness() > 200)
    window.actions_by_name["theme_dark"].trigger()
    page = window.article_view.viewport().palette().color(QPalette.ColorRole.Base)
    qtbot.waitUntil(lambda: window.library_pane.view.palette().color(QPalette.ColorRole.Base) == page)
    for widget in (window.library_pane.view, window.menuBar(), window.statusBar(), window.sidebar.tabBar(),
                   window.notes_panel, window.search_panel, window.toc_dock,
                   window.menuBar().actions()[0].menu()):
        palette = widget.palette()
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            assert palette.color(role).lightness() < 70, (type(widget).__name__, role)
        assert palette.color(QPalette.ColorRole.WindowText).lightness() > 170
    assert window.library_pane.view.palette().color(QPalette.ColorRole.Base) == page
    window.actions_by_name["theme_sepia"].trigger()
    qtbot.waitUntil(lambda: window.menuBar().palette().color(QPalette.ColorRole.Window).lightness() > 150)
    sepia = window.menuBar().palette().color(QPalette.ColorRole.Window)
    assert sepia.lightness() > 150 and sepia.red() > sepia.blue()  # warm paper, not grey


def test_automatic_theme_follows_the_system_scheme_in_the_panes(qtbot: QtBot, make_archive, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_for(qtbot, make_archive(ONE), tmp_path / "auto")
    window.actions_by_name["theme_auto"].trigger()
    hints = QGuiApplication.styleHints()
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda _hints: Qt.ColorScheme.Dark)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop switched to dark
    library = window.library_pane.view
    qtbot.waitUntil(lambda: library.palette().color(QPalette.ColorRole.Base).lightness() < 70)
    assert window.article_view.theme() == "dark"
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda _hints: Qt.ColorScheme.Light)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: library.palette().color(QPalette.ColorRole.Base).lightness() > 200)


def test_selection_and_disabled_text_stay_readable_in_every_theme() -> None:
    from reader.ui.theme import palette_for_theme
    from tests.unit.ui.notes.test_controller import contrast  # WCAG contrast ratio

    role = QPalette.ColorRole
    for name in ("light", "sepia", "dark"):
        palette = palette_for_theme(name)
        assert contrast(palette.color(role.Highlight), palette.color(role.HighlightedText)) >= 4.5, name
        assert contrast(palette.color(role.Window), palette.color(role.WindowText)) >= 7, name
        assert contrast(palette.color(role.Base), palette.color(role.PlaceholderText)) >= 2.5, name


# -- 3. search-term marks: unlike highlights, gone when the search is left ---------------------------

def _open_search_hit(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.index_keeper.index is not None, timeout=20_000)
    window.focus_search()
    window.search_panel.field.setText("runners")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() >= 1, timeout=5000)
    with qtbot.waitSignal(window.search_panel.open_hit):
        window.search_panel.results.activated.emit(window.search_panel.model.index(0))
    assert window.article_view.marks("term")


def test_search_marks_look_unlike_any_highlight(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    from reader.ui.article.page import load_theme

    for theme in ("light", "sepia", "dark"):
        term = load_theme(theme).marks["term"]
        assert term.underlineStyle() != term.UnderlineStyle.NoUnderline, theme  # a shape, not only a hue
        seen = term.background().color()
        for colour in colors.COLORS:
            mark = colors.background(colour, theme)
            distance = sum(abs(a - b) for a, b in zip(seen.getRgb()[:3], mark.getRgb()[:3], strict=True))
            assert distance >= 60, (theme, colour, seen.name(), mark.name())
    window = window_for(qtbot, make_archive(ONE), tmp_path / "m")
    _open_search_hit(qtbot, window)
    view = window.article_view
    shown = {s.format.background().color().name() for s in view.extraSelections()}
    assert shown == {load_theme(view.theme()).marks["term"].background().color().name()}


def test_search_marks_go_when_another_article_is_opened(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    root = make_archive(TWO)
    window = window_for(qtbot, root, tmp_path / "other")
    _open_search_hit(qtbot, window)
    shown = window.article_view.article_id
    other = "beta" if shown == "alpha" else "alpha"
    assert window.library_pane.select_article(other)
    assert window.article_view.article_id == other and not window.article_view.marks("term")
    assert window.library_pane.select_article(shown)  # back to the hit from the library: no marks
    assert window.article_view.article_id == shown and not window.article_view.marks("term")


def test_search_marks_go_when_the_search_is_cleared(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    window = window_for(qtbot, make_archive(ONE), tmp_path / "clear")
    _open_search_hit(qtbot, window)
    window.search_panel.field.clear()
    assert not window.article_view.marks("term")


def test_search_marks_go_on_escape_in_the_article(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    window = window_for(qtbot, make_archive(ONE), tmp_path / "esc")
    _open_search_hit(qtbot, window)
    view = window.article_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.marks("term")
    assert window.search_panel.field.text() == "runners"  # the search itself is kept


# -- 4. the scroll position comes back ---------------------------------------------------------------

def test_scroll_position_is_restored_on_reopen(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    root = make_archive(ONE)
    real_long_article(root)
    data = tmp_path / "scroll"
    window = window_for(qtbot, root, data)
    window.open_article("long")
    view = window.article_view
    bar = view.verticalScrollBar()
    full = view.document().size().height() - view.viewport().height()
    qtbot.waitUntil(lambda: bar.maximum() == round(full))  # laid out, as it is once the reader scrolls
    assert bar.maximum() > 10 * view.viewport().height(), "a long article"
    bar.setValue(round(bar.maximum() * 0.6))
    window.close()

    again = window_for(qtbot, root, data)
    view = again.article_view
    bar = view.verticalScrollBar()
    assert view.article_id == "long"

    def fraction() -> float:
        full = view.document().size().height() - view.viewport().height()
        return bar.value() / full

    qtbot.waitUntil(lambda: abs(fraction() - 0.6) < 0.01, timeout=2000)


# -- 5. the first start marks nothing read -----------------------------------------------------------

def test_first_start_does_not_mark_the_shown_article_read(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    root = make_archive(TWO)
    window = window_for(qtbot, root, tmp_path / "fresh")
    shown = window.article_view.article_id
    assert shown is not None
    assert window.state.read_ids(window.archive.info.id) == set()
    assert not window.library_pane.model.is_read(shown)
    other = "beta" if shown == "alpha" else "alpha"
    window.library_pane.select_article(other)  # an article the reader opens counts
    assert window.state.read_ids(window.archive.info.id) == {other}
    assert window.library_pane.model.is_read(other)


def test_the_start_article_counts_once_read_for_a_while(qtbot: QtBot, make_archive, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ui.reading_tracker as reading_tracker

    monkeypatch.setattr(reading_tracker, "READ_AFTER_MS", 50)
    window = window_for(qtbot, make_archive(ONE), tmp_path / "while")
    qtbot.waitUntil(lambda: window.state.read_ids(window.archive.info.id) == {"alpha"}, timeout=2000)
    assert window.library_pane.model.is_read("alpha")


# -- 6. library titles ------------------------------------------------------------------------------

def test_library_titles_have_full_tooltips_and_remembered_column_widths(qtbot: QtBot, make_archive,
                                                                       tmp_path: Path) -> None:
    root = make_archive({"alpha": ARTICLE.format(title=LONG_TITLE, n=1)})
    data = tmp_path / "columns"
    window = window_for(qtbot, root, data)
    view = window.library_pane.view
    index = view.model().locate("alpha")
    assert LONG_TITLE in index.data(Qt.ItemDataRole.ToolTipRole)
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    view.header().resizeSection(1, 140)
    view.header().resizeSection(2, 110)
    window.splitter.setSizes([260, 900])  # a narrow pane: the title is cut short, elided…
    qtbot.waitUntil(lambda: view.isColumnHidden(1))  # …and the authors step aside for it
    assert view.columnWidth(0) >= view.viewport().width() // 2
    assert view.columnWidth(0) < view.fontMetrics().horizontalAdvance(LONG_TITLE)
    window.splitter.setSizes([700, 500])
    qtbot.waitUntil(lambda: not view.isColumnHidden(1))
    window.close()
    again = window_for(qtbot, root, data)
    view = again.library_pane.view
    assert view.column_widths() == [140, 110]
    again.splitter.setSizes([700, 100])
    qtbot.waitUntil(lambda: not view.isColumnHidden(1))
    assert (view.header().sectionSize(1), view.header().sectionSize(2)) == (140, 110)
    assert again.settings.get("window.library_columns") == [140, 110]


# -- 7. Preferences shows Ctrl+, ---------------------------------------------------------------------

def test_preferences_shortcut_shows_in_the_menu_and_the_shortcuts_list(qtbot: QtBot, make_archive,
                                                                       tmp_path: Path) -> None:
    window = window_for(qtbot, make_archive(ONE), tmp_path / "keys")
    action = window.actions_by_name["preferences"]
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+,"
    rows = {(menu, text): keys for menu, text, keys in collect(window.menuBar())}
    assert rows[("Edit", "Preferences…")] == "Ctrl+,"
    assert rows[("View", "Zoom In")] == "Ctrl++ or Ctrl+="
    assert all(keys and not keys.startswith((",", " ")) for keys in rows.values())
