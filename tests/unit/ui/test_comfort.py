"""Reading comfort in the window: Preferences previews live on the article, Cancel restores,
OK keeps, and every value comes back at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.settings import Settings
from reader.core.usecases import AppContext
from reader.ui.article.typography import Typography
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.mainwindow import MainWindow

Button = QDialogButtonBox.StandardButton
CHOSEN = {"theme": "contrast", "text.font": "sans", "text.size": 18, "text.line_spacing": 2.0,
          "text.width": 50}


def window_in(qtbot: QtBot, data: Path) -> MainWindow:
    window = MainWindow(AppContext.of(pathsmod.Paths.under(data).ensure()), open_archive(bundled_archive()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def choose(dialog: PreferencesDialog, values: dict[str, object]) -> None:
    """Set the fields the way a reader would leave them (the widgets' own setters)."""
    fields = dialog.fields
    fields["theme"].setCurrentIndex(fields["theme"].findData(values["theme"]))
    fields["text.font"].setCurrentIndex(fields["text.font"].findData(values["text.font"]))
    fields["text.size"].setValue(values["text.size"])
    fields["text.line_spacing"].setValue(values["text.line_spacing"])
    fields["text.width"].setValue(values["text.width"])


def shown_typography(window: MainWindow) -> Typography:
    return window.article_view.typography()


@pytest.mark.parametrize("press", [Button.Cancel, Button.Ok])
def test_preferences_preview_on_the_article_and_cancel_restores(qtbot: QtBot, tmp_path: Path,
                                                                 press: Button) -> None:
    window = window_in(qtbot, tmp_path / "data")
    before = shown_typography(window)
    before_base = window.article_view.palette().color(QPalette.ColorRole.Base).name()
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        choose(dialog, CHOSEN)
        # While the dialog is open the article and the sample show the choice; nothing is stored yet.
        seen["article"] = shown_typography(window)
        seen["theme"] = window.article_view.theme()
        seen["app base"] = QApplication.palette().color(QPalette.ColorRole.Window).name()
        seen["sample"] = (dialog.preview.typography(), dialog.preview.theme())
        seen["stored"] = window.settings.get("text.size")
        dialog.buttons.button(press).click()

    QTimer.singleShot(0, answer)
    window.show_preferences()
    expected = Typography("sans", 18, 2.0, 50)
    assert seen["article"] == expected and seen["theme"] == "contrast"
    assert seen["sample"] == (expected, "contrast") and seen["stored"] == 12
    assert seen["app base"] != before_base  # the panes and the dialog too
    stored = Settings.in_dir(window.paths.config)
    if press == Button.Cancel:
        assert shown_typography(window) == before and window.article_view.theme() != "contrast"
        assert window.article_view.palette().color(QPalette.ColorRole.Base).name() == before_base
        assert stored.get("text.size") == 12 and stored.get("theme") == "auto"
    else:
        assert shown_typography(window) == expected and window.article_view.theme() == "contrast"
        assert {name: stored.get(name) for name in CHOSEN} == CHOSEN


def test_every_comfort_value_comes_back_at_the_next_start(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_in(qtbot, tmp_path / "data")
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    choose(dialog, {**CHOSEN, "text.width": 0})  # and "full width" too
    assert sorted(dialog.apply()) == sorted(CHOSEN)
    assert shown_typography(window) == Typography("sans", 18, 2.0, 0)  # stored values reach the view
    window.close()
    again = window_in(qtbot, tmp_path / "data")
    assert shown_typography(again) == Typography("sans", 18, 2.0, 0)
    assert again.article_view.theme() == "contrast" and again.actions_by_name["theme_contrast"].isChecked()
    assert PreferencesDialog(again.settings, again).fields["text.width"].text() == "Full width"


def test_zoom_keys_change_the_stored_size_in_points(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_in(qtbot, tmp_path / "data")
    window.article_view.actions()["zoom_in"].trigger()
    assert window.settings.get("text.size") == 13
    window.settings.set("text.size", 20)  # e.g. Preferences: the zoom actions follow
    assert window.article_view.text_size() == 20 and window.article_view.actions()["reset_zoom"].isEnabled()


def test_the_theme_menu_and_cycle_offer_high_contrast(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_in(qtbot, tmp_path / "data")
    window.actions_by_name["theme_contrast"].trigger()
    assert window.article_view.theme() == "contrast" and window.settings.get("theme") == "contrast"
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == "#000000"
    window.cycle_theme()
    assert window.article_view.theme() == "light"
