"""Every control bound to a setting the policy locks: driven every way it can be, the value never
changes, and what is shown is the policy's value everywhere (menus, panes, Preferences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core import policy as policy_mod
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.settings import SCHEMA, Settings
from reader.core.usecases import AppContext
from reader.ui.dialogs.preferences import PreferencesDialog, shown_settings
from reader.ui.mainwindow import MainWindow
from reader.ui.menus import THEME_LABELS

#: The policy's value for each lockable setting, and the value the user had chosen before.
LOCKED = {"theme": ("sepia", "dark"), "text.size": (16, 10), "text.font": ("sans", "DejaVu Serif"),
          "text.line_spacing": (2.0, 1.2), "text.width": (0, 50), "library.group_by": ("author", "tag"),
          "library.sort": ("title", "author"), "library.descending": (False, True),
          "creator": ("Reading room patron", "Ann"), "language": ("es", "fr")}


def window_locking(qtbot: QtBot, name: str) -> MainWindow:
    paths = pathsmod.resolve().ensure()
    Settings.in_dir(paths.config).set(name, LOCKED[name][1])  # the user's own value, which must lose
    window = MainWindow(AppContext.of(paths, policy_mod.parse({name: LOCKED[name][0]})),
                        open_archive(bundled_archive()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def ctrl_wheel(window: MainWindow, up: bool) -> None:
    view = window.article_view
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(),
                        QPoint(0, 120 if up else -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def _theme_drives(window: MainWindow) -> list[Callable[[], object]]:
    actions = window.actions_by_name
    return [*(actions[f"theme_{key}"].trigger for key, _label in THEME_LABELS),
            actions["cycle_theme"].trigger, window.cycle_theme, lambda: window.set_theme_setting("dark")]


def _zoom_drives(window: MainWindow) -> list[Callable[[], object]]:
    view, actions = window.article_view, window.article_view.actions()
    second = window.library_pane.model.first_article_id()
    return [actions["zoom_in"].trigger, actions["zoom_out"].trigger, actions["reset_zoom"].trigger,
            lambda: ctrl_wheel(window, True), lambda: ctrl_wheel(window, False), view.zoom_in, view.zoom_out,
            lambda: window.open_article(second), actions["back"].trigger,  # history re-syncs the actions
            actions["zoom_in"].trigger, lambda: ctrl_wheel(window, True)]


def _library_drives(window: MainWindow) -> list[Callable[[], object]]:
    pane = window.library_pane
    combos = [pane.group_combo, pane.sort_combo]
    keys = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_Home)
    return [*(lambda c=c, k=k: QTest.keyClick(c, k) for c in combos for k in keys),
            pane.descending_button.click, lambda: pane.descending_button.setChecked(True),
            lambda: pane.descending_button.setChecked(False),
            lambda: pane.set_grouping("none"), lambda: pane.set_sorting("date", True),
            lambda: pane.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)]


def shown(window: MainWindow, name: str) -> list[object]:
    """Every place the window shows the setting's value."""
    pane = window.library_pane
    if name == "theme":
        checked = [key for key, _label in THEME_LABELS if window.actions_by_name[f"theme_{key}"].isChecked()]
        return [window.article_view.theme(), *checked]
    typography = window.article_view.typography()
    if name == "text.size":
        return [window.article_view.text_size(), typography.size]
    if name.startswith("text."):
        return [getattr(typography, name.removeprefix("text."))]
    if name == "library.group_by":
        return [pane.model.grouping(), pane.group_combo.currentData()]
    if name == "library.sort":
        return [pane.model.sorting()[0], pane.sort_combo.currentData()]
    if name == "library.descending":
        return [pane.model.sorting()[1], pane.descending_button.isChecked()]
    if name == "language":
        return [window.ctx.settings.get("language")]
    return [window.ctx.creator]


def controls(window: MainWindow, name: str) -> list[object]:
    pane, actions = window.library_pane, window.actions_by_name
    return {
        "theme": [actions[f"theme_{key}"] for key, _l in THEME_LABELS] + [actions["cycle_theme"]],
        "text.size": [window.article_view.actions()[n] for n in ("zoom_in", "zoom_out", "reset_zoom")],
        "text.font": [], "text.line_spacing": [], "text.width": [],
        "library.group_by": [pane.group_combo], "library.sort": [pane.sort_combo],
        "library.descending": [pane.descending_button], "creator": [], "language": [],
    }[name]


def _type_drives(window: MainWindow) -> list[Callable[[], object]]:
    """The text settings change only in Preferences; its preview ends by showing what is stored."""
    return [window.comfort.apply, window.comfort.restore]


DRIVES = {"theme": _theme_drives, "text.size": _zoom_drives, "text.font": _type_drives,
          "text.line_spacing": _type_drives, "text.width": _type_drives, "library.group_by": _library_drives,
          "library.sort": _library_drives, "library.descending": _library_drives,
          "creator": lambda window: [], "language": lambda window: []}


def test_every_user_facing_setting_is_covered() -> None:
    """A new setting in the schema that a reader can change must be added here."""
    assert {s.name for s in shown_settings()} >= set(LOCKED)
    assert {s.name for s in shown_settings()} <= set(LOCKED)
    assert set(LOCKED) <= set(SCHEMA)


@pytest.mark.parametrize("name", list(LOCKED))
def test_a_locked_setting_never_changes_whatever_control_is_used(qtbot: QtBot, name: str) -> None:
    window = window_locking(qtbot, name)
    value = LOCKED[name][0]
    for control in controls(window, name):
        assert not control.isEnabled()  # type: ignore[attr-defined]
        assert control.toolTip() == "Set by this computer's administrator."  # type: ignore[attr-defined]
    for drive in DRIVES[name](window):
        drive()
        QApplication.processEvents()
        assert window.settings.get(name) == value
        assert all(v == value for v in shown(window, name)), (drive, shown(window, name))
        assert all(not c.isEnabled() for c in controls(window, name))  # type: ignore[attr-defined]
    if name in {s.name for s in shown_settings()}:
        dialog = PreferencesDialog(window.settings, window)
        qtbot.addWidget(dialog)
        field = dialog.fields[name]
        assert not field.isEnabled() and dialog.value(name) == value
        assert dialog.changed() == {} and dialog.apply() == []
    assert Settings.in_dir(window.paths.config).get(name) == LOCKED[name][1]  # the user's own value is kept
