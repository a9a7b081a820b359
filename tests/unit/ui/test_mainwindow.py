"""The main window, driven with qtbot on real archives, a real index and real settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.usecases import AppContext
from reader.ui.mainwindow import MainWindow
from reader.ui.search.model import SNIPPET_ROLE

ARTICLE = """+++
title = "{title}"
+++

Paragraph about {title}. [Elsewhere](https://example.org/page) and [note](#fn).

![local](assets/pic.png) ![remote](https://evil.example/x.png) ![file](file:///etc/passwd)
"""

LONG = "+++\ntitle = \"Long\"\n+++\n\n" + "\n\n".join(
    f"Filler paragraph {i} with nothing special in it at all." for i in range(150)
) + "\n\nHere the runners were running by the river.\n"


def window_for(qtbot: QtBot, root: Path, data_dir: Path | None = None) -> MainWindow:
    paths = pathsmod.Paths.under(data_dir).ensure() if data_dir else pathsmod.resolve()
    window = MainWindow(AppContext.of(paths), open_archive(root))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_for_index(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.index_keeper.index is not None, timeout=20_000)


def test_bundled_archive_shows_library_and_article(qtbot: QtBot) -> None:
    window = window_for(qtbot, bundled_archive())
    assert window.library_pane.model.count() == 1
    assert window.windowTitle() == "Marxist Student Federation (MSF) archives — Reading Room"
    assert "Einstein famously remarked" in window.article_view.toPlainText()
    assert "1 article" in window.archive_label.text()


def test_selecting_an_article_renders_it_and_marks_it_read(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "beta": ARTICLE.format(title="Beta")})
    window = window_for(qtbot, root)
    first = window.article_view.article_id
    other = "beta" if first == "alpha" else "alpha"
    assert window.library_pane.select_article(other)
    qtbot.waitUntil(lambda: window.article_view.article_id == other)
    assert f"Paragraph about {other.title()}" in window.article_view.toPlainText()
    assert window.library_pane.model.is_read(other)
    assert window.state.read_ids(window.archive.info.id) == {other}  # shown at start, not chosen


def test_resources_come_only_from_the_archive_assets(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha")})
    (root / "assets").mkdir()
    (root / "assets" / "pic.png").write_bytes(b"PNG")
    window = window_for(qtbot, root)
    view = window.article_view
    image = QTextDocument.ResourceType.ImageResource.value
    assert bytes(view.loadResource(image, QUrl("assets/pic.png"))) == b"PNG"
    for refused in ("https://evil.example/x.png", "file:///etc/passwd", "../archive.toml"):
        blank = view.loadResource(image, QUrl(refused))
        assert isinstance(blank, QImage) and blank.size().width() == 1


def test_document_never_falls_back_to_local_files(qtbot: QtBot, make_archive, tmp_path: Path,
                                                   monkeypatch) -> None:
    """QTextDocument reads files relative to the cwd when a loader returns nothing."""
    secret = QImage(40, 30, QImage.Format.Format_ARGB32)
    secret.fill(0xFFFF0000)
    secret.save(str(tmp_path / "secret.png"))
    monkeypatch.chdir(tmp_path)
    root = make_archive({"alpha": "+++\ntitle = \"A\"\n+++\n\n![s](secret.png)\n"})
    window = window_for(qtbot, root)
    view = window.article_view
    view.viewport().repaint()
    loaded = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl("secret.png"))
    if isinstance(loaded, (QImage, QPixmap)):
        assert loaded.width() <= 1
    else:
        assert loaded is None or len(bytes(loaded)) <= 1


def test_external_link_is_not_opened(qtbot: QtBot, make_archive) -> None:
    window = window_for(qtbot, make_archive({"alpha": ARTICLE.format(title="Alpha")}))
    with qtbot.waitSignal(window.article_view.external_link):
        window.article_view.anchorClicked.emit(QUrl("https://example.org/page"))
    assert window.article_view.article_id == "alpha"
    assert "Paragraph about Alpha" in window.article_view.toPlainText()
    assert "example.org/page" in window.statusBar().currentMessage()


def test_broken_article_is_reported_in_the_status_bar(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "bad": b"+++\n\xff\n+++\n"})
    window = window_for(qtbot, root)
    assert "articles/bad.md" in window.statusBar().currentMessage()
    assert window.library_pane.model.count() == 1


def test_search_opens_the_hit_scrolled_to_marked_terms(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "long": LONG})
    window = window_for(qtbot, root)
    wait_for_index(qtbot, window)
    window.actions_by_name["search"].trigger()
    panel = window.search_panel
    assert panel.field.hasFocus() or window.sidebar.currentWidget() is panel
    qtbot.keyClicks(panel.field, "run")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    assert "<mark>" in panel.model.index(0).data(SNIPPET_ROLE)
    with qtbot.waitSignal(panel.open_hit):
        panel.results.activated.emit(panel.model.index(0))
    view = window.article_view
    assert view.article_id == "long"
    marks = view.marks("term")
    assert marks, "search terms are marked in the article"
    assert view.verticalScrollBar().value() > 0, "scrolled to the first hit"


def test_ctrl_f_finds_and_counts(qtbot: QtBot, make_archive) -> None:
    window = window_for(qtbot, make_archive({"long": LONG}))
    window.article_view.actions()["find"].trigger()
    bar = window.article_view.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "filler paragraph 1")
    qtbot.waitUntil(lambda: "of" in bar.count_label.text())
    assert bar.count_label.text().endswith("of 61")  # 1, 10-19, 100-149


def test_theme_switch_changes_the_article_colours(qtbot: QtBot, make_archive) -> None:
    window = window_for(qtbot, make_archive({"alpha": ARTICLE.format(title="Alpha")}))
    window.actions_by_name["theme_light"].trigger()
    light = window.article_view.viewport().palette().base().color().lightness()
    window.actions_by_name["theme_dark"].trigger()
    dark = window.article_view.viewport().palette().base().color().lightness()
    assert window.article_view.theme() == "dark" and dark < light
    assert window.settings.get("theme") == "dark"


def test_text_size_theme_and_last_article_persist_across_a_restart(qtbot: QtBot, make_archive,
                                                              tmp_path: Path) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "long": LONG})
    data = tmp_path / "persist"
    window = window_for(qtbot, root, data)
    window.article_view.actions()["zoom_in"].trigger()
    window.article_view.actions()["zoom_in"].trigger()
    window.actions_by_name["theme_sepia"].trigger()
    window.open_article("long")
    window.close()
    again = window_for(qtbot, root, data)
    assert again.article_view.text_size() == 14
    assert again.article_view.theme() == "sepia"
    assert again.article_view.article_id == "long"


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, make_archive) -> None:
    window = window_for(qtbot, make_archive({"alpha": ARTICLE.format(title="Alpha")}))
    wait_for_index(qtbot, window)
    window.article_view.actions()["find"].trigger()
    window.toc_dock.show()
    interactive = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QAbstractSlider,
                   QTabBar)
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, interactive) or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractSlider) and widget.parent() and \
                isinstance(widget.parent().parent(), QAbstractItemView | QTextEdit):
            continue  # scroll bars belong to their view
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                           f"{type(widget.parent()).__name__}")
    assert unnamed == []


def test_shortcuts_dialog_lists_menu_actions(qtbot: QtBot, make_archive) -> None:
    from reader.ui.dialogs.shortcuts import ShortcutsDialog, collect

    window = window_for(qtbot, make_archive({"alpha": ARTICLE.format(title="Alpha")}))
    rows = collect(window.menuBar())
    actions = {row[1] for row in rows}
    assert {"Search the archive", "Keyboard shortcuts", "Toggle favourite"} <= actions
    dialog = ShortcutsDialog(rows, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(rows) > 10


def test_closing_during_an_index_build_stops_it_quickly(qtbot: QtBot, make_archive) -> None:
    import time

    root = make_archive({f"a{i}": ARTICLE.format(title=f"Article {i}") for i in range(400)})
    window = window_for(qtbot, root)  # the index build starts in the background now
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 5
    assert not list(root.glob("index.building-*")), "no half-built index left behind"
    assert not (root / "index" / "manifest.json").exists(), "the build was stopped, not finished"


def test_highlight_survives_a_restart_of_the_window(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    from tests.unit.ui.notes.conftest import select

    root = make_archive({"alpha": ARTICLE.format(title="Alpha")})
    data = tmp_path / "notes-restart"
    window = window_for(qtbot, root, data)
    select(window.article_view, "Paragraph about Alpha")
    window.notes.actions["highlight"].trigger()  # H; the key itself is tested in tests/unit/ui/notes
    assert len(window.article_view.marks("notes")) == 1
    window.close()
    again = window_for(qtbot, root, data)
    assert len(again.article_view.marks("notes")) == 1
    assert [a.quote for a in again.notes_store.all()] == ["Paragraph about Alpha"]
    again.notes.actions["undo"].trigger()  # nothing to undo in a new session: no crash
    assert len(again.article_view.marks("notes")) == 1


def test_in_notes_search_finds_a_note_and_jumps_to_its_passage(qtbot: QtBot, make_archive,
                                                               tmp_path: Path) -> None:
    from tests.unit.ui.notes.conftest import select

    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "long": LONG})
    window = window_for(qtbot, root, tmp_path / "notes-search")
    window.open_article("long")
    select(window.article_view, "the runners were running")
    made = window.notes.highlight_selection("green")
    assert made is not None
    window.open_article("alpha")
    window.focus_search()
    panel = window.search_panel
    panel.field.setText("in:notes runners")
    panel.search_now()
    assert panel.model.rowCount() == 1
    assert "<mark>runners</mark>" in panel.model.index(0).data(SNIPPET_ROLE)
    with qtbot.waitSignal(panel.open_hit):
        panel.results.activated.emit(panel.model.index(0))
    assert window.article_view.article_id == "long"
    assert window.article_view.verticalScrollBar().value() > 0


def test_two_creators_files_imported_show_as_two_layers(qtbot: QtBot, make_archive, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMenu

    from reader.core.annotations.service import Annotations
    from reader.core.annotations.store import AnnotationStore
    from reader.core.export import export
    from reader.ui.notes.layers import fill_layers_menu

    root = make_archive({"long": LONG})
    archive = open_archive(root)
    files = []
    for creator, quote in (("Ann", "Filler paragraph 3 with"), ("Bob", "the runners were running")):
        with AnnotationStore.in_dir(tmp_path / creator) as store:
            service = Annotations(store, archive)
            service.add_quote(archive.article("long"), quote, creator=creator, note=f"by {creator}")
            target = tmp_path / f"{creator}.json"
            target.write_bytes(export("json", store.all(), archive))
            files.append(target)
    window = window_for(qtbot, root, tmp_path / "third")
    for path in files:
        outcome = window.import_notes(path)
        assert outcome is not None and outcome.value.report.imported == 1
    menu = QMenu()
    fill_layers_menu(menu, window.notes.layers, window.notes_store.all(window.archive.info.id))
    labels = [a.text().replace("&", "") for a in menu.actions() if a.isCheckable()]
    assert any("Ann" in label for label in labels) and any("Bob" in label for label in labels)
    assert len(window.article_view.marks("notes")) == 2
    bob = next(a for a in menu.actions() if "Bob" in a.text())
    bob.setChecked(False)
    assert len(window.article_view.marks("notes")) == 1
