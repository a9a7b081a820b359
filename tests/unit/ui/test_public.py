"""Public mode in the window: banner, locked settings, restricted exports, the idle countdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core import policy as policy_mod
from reader.core.archive import open_archive
from reader.core.policy import Policy
from reader.core.resources import bundled_archive
from reader.core.settings import Settings
from reader.core.usecases import AppContext
from reader.ui.dialogs import files
from reader.ui.dialogs.files import FileChooser
from reader.ui.mainwindow import MainWindow
from reader.ui.public import COUNTDOWN_SECONDS, IdleWatcher


def window_with(qtbot: QtBot, policy: Policy, settings: Settings | None = None) -> MainWindow:
    ctx = AppContext.of(pathsmod.resolve().ensure(), policy)
    if settings is not None:
        ctx.settings = settings
    window = MainWindow(ctx, open_archive(bundled_archive()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_public_mode_shows_the_banner_and_end_session(qtbot: QtBot) -> None:
    window = window_with(qtbot, Policy(public_mode=True))
    banner = window.session_banner
    assert banner is not None and banner.isVisible()
    assert banner.label.text().startswith("Public computer: your notes are erased when you end the session")
    assert "end_session" in window.actions_by_name
    ended = []
    banner.end_requested.connect(lambda: ended.append(True))
    window.actions_by_name["end_session"].trigger()
    assert ended == [True]


def test_a_personal_computer_has_no_banner(qtbot: QtBot) -> None:
    window = window_with(qtbot, Policy())
    assert window.session_banner is None and "end_session" not in window.actions_by_name


def test_a_malformed_policy_says_so_and_locks_things_down(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text("public_mod = false\n", encoding="utf-8")
    policy = policy_mod.read(bad)
    window = window_with(qtbot, policy)
    assert window.session_banner is not None and window.session_banner.problem.isVisible()
    assert "was not used: unknown key 'public_mod'" in window.session_banner.problem.text()
    assert not window.actions_by_name["export_notes"].isEnabled()
    assert window.export_notes() == 0


def test_a_locked_theme_beats_the_users_and_its_menu_is_disabled(qtbot: QtBot) -> None:
    paths = pathsmod.resolve().ensure()
    Settings.in_dir(paths.config).set("theme", "dark")
    policy = policy_mod.parse({"theme": "sepia"})
    window = window_with(qtbot, policy)
    assert window.article_view.theme() == "sepia"
    assert not window.actions_by_name["theme_dark"].isEnabled()
    window.cycle_theme()  # a shortcut cannot change it either
    assert window.article_view.theme() == "sepia"


def test_kiosk_hides_quit_and_closing_asks_to_end_the_session(qtbot: QtBot) -> None:
    window = window_with(qtbot, Policy(public_mode=True, fullscreen=True))
    assert not window.actions_by_name["quit"].isEnabled()
    asked = []
    assert window.session_banner is not None
    window.session_banner.close_requested.connect(lambda: asked.append(True))  # PublicMode ends the session
    window.close()
    assert window.isVisible() and asked == [True]
    window.ending_session = True  # what PublicMode sets when the session really ends
    window.close()
    assert not window.isVisible()


def test_exports_are_offered_only_the_allowed_folders(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "usb").mkdir()
    policy = Policy(public_mode=True, export_dirs=(str(tmp_path / "usb"),))
    window = window_with(qtbot, policy)
    asked: list[object] = []

    def accept(dialog: object) -> None:
        asked.append(dialog)

    original = files.SaveInFolderDialog.exec
    files.SaveInFolderDialog.exec = lambda self: (accept(self), 1)[1]  # type: ignore[method-assign]
    try:
        chooser = FileChooser(policy, window.settings)
        path = chooser.ask_save(window, "Export notes", str(Path.home() / "notes.md"), "")
    finally:
        files.SaveInFolderDialog.exec = original  # type: ignore[method-assign]
    [dialog] = asked
    combo = dialog.folder_combo  # type: ignore[attr-defined]
    assert [combo.itemText(i) for i in range(combo.count())] == [str(tmp_path / "usb")]
    assert path == str(tmp_path / "usb" / "notes.md")


def test_idle_watcher_counts_down_and_any_input_cancels(qtbot: QtBot) -> None:
    now = [0.0]
    watcher = IdleWatcher(300, clock=lambda: now[0])
    seen: list[object] = []
    watcher.countdown.connect(seen.append)
    watcher.cancelled.connect(lambda: seen.append("cancelled"))
    watcher.expired.connect(lambda: seen.append("expired"))
    now[0] = 299
    watcher.tick()
    assert seen == []
    now[0] = 301
    watcher.tick()
    assert seen == [COUNTDOWN_SECONDS - 1]
    watcher.poke()
    assert seen[-1] == "cancelled"
    now[0] = 301 + 300 + COUNTDOWN_SECONDS
    watcher.tick()
    assert seen[-1] == "expired"
    watcher.stop()


def test_a_study_pack_given_to_the_app_is_imported(qtbot: QtBot, tmp_path: Path) -> None:
    from reader.__main__ import split_file
    from reader.core.annotations.service import Annotations
    from reader.core.annotations.store import AnnotationStore
    from reader.core.export.pack import write_pack

    assert split_file(["--archive", "x", "week1.rrpack"]) == (["--archive", "x"], Path("week1.rrpack"))
    assert split_file(["--policy", "p.json"]) == (["--policy", "p.json"], None)
    assert split_file(["search", "word"]) == (["search", "word"], None)
    export = ["notes", "export", "--format", "json", "--output", "x.json"]
    assert split_file(export) == (export, None)
    archive = open_archive(bundled_archive())
    with AnnotationStore(tmp_path / "theirs.sqlite") as store:
        note = Annotations(store, archive).add_quote(archive.articles()[0].id, "insanity", note="read this")
        pack = tmp_path / "week1.rrpack"
        write_pack(pack, "Week 1", "", [archive.articles()[0].id], [note], archive)
    window = window_with(qtbot, Policy())
    window.open_file(pack)
    notes = window.notes_store.all(window.archive.info.id)
    assert [n.note for n in notes] == ["read this"]
    model = window.library_pane.model
    titles = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert any("Week 1" in str(title) for title in titles)


def test_the_app_has_its_icon_name_and_desktop_id(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from reader.app import start
    from reader.appid import APP_ID
    from reader.cli import build_parser

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs the app's own
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-policy"))
    app, window, public = start(build_parser().parse_args(["--data-dir", str(tmp_path / "d")]))
    qtbot.addWidget(window)
    assert public is None
    assert not app.windowIcon().isNull() and app.desktopFileName() == APP_ID
    assert window.windowTitle().endswith("— Reading Room")


def test_escape_never_leaves_a_kiosk(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    window = window_with(qtbot, Policy(public_mode=True, fullscreen=True))
    for widget in (window, window.article_view, window.library_pane):
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert window.isVisible()


def test_about_names_the_version_and_the_archive(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reader import __version__

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window = window_with(qtbot, Policy())
    window.actions_by_name["about"].trigger()
    [text] = shown
    assert f"Reading Room {__version__}" in text and window.archive.info.title in text
