"""Settings reach the panes by signal; a locked setting locks every control bound to it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.policy import Policy
from reader.core.settings import Settings
from reader.core.usecases import AppContext
from reader.ui.mainwindow import MainWindow
from reader.ui.settings_binding import SettingsSignals, lock_controls

FOX = '+++\ntitle = "The Fox"\ndate = 2020-01-02\n+++\n\nThe quick brown fox.\n'
OWL = '+++\ntitle = "An Owl"\ndate = 2021-01-02\n+++\n\nThe owl flies.\n'


def window_with(qtbot: QtBot, tmp_path: Path, root: Path, policy: Policy | None = None) -> MainWindow:
    window = MainWindow(AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure(), policy),
                        open_archive(root))
    qtbot.addWidget(window)
    window.show()
    return window


def test_changed_fires_once_per_stored_change_and_filters_by_name(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path)
    signals = SettingsSignals(settings)
    seen: list[str] = []
    signals.on("library", lambda: seen.append("library"))
    with qtbot.waitSignal(signals.changed) as blocker:
        settings.set("library.sort", "title")
    assert blocker.args == ["library.sort"] and seen == ["library"]
    settings.set("theme", "dark")
    assert seen == ["library"]


def test_a_new_creator_name_reaches_the_notes_at_once(qtbot: QtBot, tmp_path: Path, make_archive) -> None:
    window = window_with(qtbot, tmp_path, make_archive({"fox": FOX}))
    window.settings.set("creator", "Ann")  # what Preferences does
    assert window.notes.creator == "Ann" and window.notes.layers.own == "Ann"


def test_preferences_sorting_reaches_the_library_pane(qtbot: QtBot, tmp_path: Path, make_archive) -> None:
    window = window_with(qtbot, tmp_path, make_archive({"fox": FOX, "owl": OWL}))
    window.settings.set("library.group_by", "none")
    window.settings.set("library.sort", "title")
    assert window.library_pane.grouping() == "none" and window.library_pane.sorting()[0] == "title"


def test_locked_library_settings_lock_their_controls_and_never_change(qtbot: QtBot, tmp_path: Path,
                                                                      make_archive) -> None:
    policy = Policy(settings={"library.sort": "title", "library.group_by": "none"},
                    locked=frozenset({"library.sort", "library.group_by", "theme"}))
    window = window_with(qtbot, tmp_path, make_archive({"fox": FOX, "owl": OWL}), policy)
    pane = window.library_pane
    assert pane.sorting()[0] == "title" and pane.grouping() == "none"  # the policy's values are shown
    for control in (pane.sort_combo, pane.group_combo, window.actions_by_name["theme_dark"],
                    window.actions_by_name["cycle_theme"]):
        assert not control.isEnabled() and "administrator" in control.toolTip()
    pane.sorting_changed.emit("date", True)  # whatever a control might still send, nothing raises
    window.cycle_theme()
    assert window.settings.get("library.sort") == "title" and window.settings.get("theme") == "auto"


def test_lock_controls_leaves_free_settings_alone(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path, policy={"text.size": 14})
    free, locked = QComboBox(), QComboBox()
    qtbot.addWidget(free)
    qtbot.addWidget(locked)
    assert lock_controls(settings, {"theme": [free], "text.size": [locked]}) == {"text.size"}
    assert free.isEnabled() and not locked.isEnabled()
