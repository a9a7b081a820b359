"""Edit → Preferences…: the form over the settings, with the policy's locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core.settings import Settings
from reader.ui.dialogs.preferences import ADMIN_TEXT, PreferencesDialog, lock_pixmap, open_preferences

Button = QDialogButtonBox.StandardButton
USER_VALUES = {"theme": "dark", "text.font": "sans", "text.size": 14, "text.line_spacing": 1.8,
               "text.width": 0, "library.group_by": "author", "library.sort": "title",
               "library.descending": False, "creator": "Ada", "language": "fr"}


def stored(tmp_path: Path, **kwargs) -> Settings:
    """A fresh Settings on the same file, as the next start of the app would read it."""
    return Settings.in_dir(tmp_path, **kwargs)


def make_dialog(qtbot: QtBot, settings: Settings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def button(dialog: PreferencesDialog, which: Button) -> QPushButton:
    return dialog.buttons.button(which)


def seed(tmp_path: Path) -> None:
    settings = stored(tmp_path)
    for name, value in USER_VALUES.items():
        settings.set(name, value)


def test_shows_the_user_settings_and_not_the_window_state(qtbot: QtBot, tmp_path: Path) -> None:
    seed(tmp_path)
    dialog = make_dialog(qtbot, stored(tmp_path))
    assert dialog.windowTitle() == "Preferences"
    assert list(dialog.fields) == list(USER_VALUES)  # window.* are not preferences
    assert {name: dialog.value(name) for name in dialog.fields} == USER_VALUES
    theme = dialog.fields["theme"]
    assert isinstance(theme, QComboBox) and theme.currentText() == "Dark"
    assert [theme.itemText(i) for i in range(theme.count())] == ["Auto", "Light", "Sepia", "Dark",
                                                                 "High contrast"]
    size = dialog.fields["text.size"]
    assert isinstance(size, QSpinBox) and (size.minimum(), size.maximum()) == (8, 32)
    assert size.text() == "14 pt"
    spacing = dialog.fields["text.line_spacing"]
    assert isinstance(spacing, QDoubleSpinBox) and (spacing.minimum(), spacing.maximum()) == (1.0, 2.0)
    width = dialog.fields["text.width"]
    assert isinstance(width, QSpinBox) and width.text() == "Full width"  # 0: the text fills the window
    font = dialog.fields["text.font"]
    assert isinstance(font, QComboBox) and font.currentText() == "Sans serif" and font.count() > 3
    assert isinstance(dialog.fields["library.descending"], QCheckBox)
    assert isinstance(dialog.fields["creator"], QLineEdit)
    for name, widget in dialog.fields.items():
        assert widget.isEnabled() and not dialog.lock_labels[name].isVisible()
        assert widget.toolTip() == widget.whatsThis() == widget.accessibleDescription() != ""
        assert widget.accessibleName()
    assert "system" in dialog.fields["theme"].toolTip()
    assert not button(dialog, Button.Apply).isEnabled()  # nothing changed yet


def test_labels_have_mnemonics_and_buddies(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, stored(tmp_path))
    buddies = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    keys = []
    for name, widget in dialog.fields.items():
        text = widget.text() if isinstance(widget, QCheckBox) else buddies[widget]
        assert "&" in text, name
        keys.append(text[text.index("&") + 1].lower())
    assert len(set(keys)) == len(keys)  # no two fields share a mnemonic
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.fields["creator"]


def test_apply_writes_what_the_user_changed(qtbot: QtBot, tmp_path: Path) -> None:
    settings = stored(tmp_path)
    seen: list[str] = []
    settings.on_change(seen.append)
    dialog = make_dialog(qtbot, settings)
    assert dialog.value("theme") == "auto" and dialog.value("text.size") == 12
    dialog.fields["theme"].setCurrentIndex(2)  # Sepia
    size = dialog.fields["text.size"]
    size.setFocus()
    qtbot.keyClick(size, Qt.Key.Key_Up)
    qtbot.keyClick(size, Qt.Key.Key_Up)
    dialog.fields["library.group_by"].setCurrentIndex(4)  # None
    dialog.fields["library.descending"].click()
    qtbot.keyClicks(dialog.fields["creator"], "Grace Hopper")
    apply = button(dialog, Button.Apply)
    assert apply.isEnabled()
    assert Settings.in_dir(tmp_path).get("theme") == "auto"  # nothing written before Apply
    qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not apply.isEnabled()
    again = stored(tmp_path)
    assert again.get("theme") == "sepia" and again.get("text.size") == 14
    assert again.get("library.group_by") == "none" and again.get("library.descending") is False
    assert again.get("creator") == "Grace Hopper" and again.get("library.sort") == "date"
    assert sorted(seen) == ["creator", "library.descending", "library.group_by", "text.size", "theme"]
    seen.clear()
    qtbot.mouseClick(button(dialog, Button.Ok), Qt.MouseButton.LeftButton)
    assert seen == [] and not dialog.isVisible()  # OK after Apply: nothing left to write


def test_ok_writes_and_cancel_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    seed(tmp_path)
    before = (tmp_path / "settings.json").read_bytes()
    dialog = make_dialog(qtbot, stored(tmp_path))
    dialog.fields["theme"].setCurrentIndex(1)
    dialog.fields["text.size"].setValue(9)
    dialog.fields["creator"].clear()
    qtbot.mouseClick(button(dialog, Button.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert (tmp_path / "settings.json").read_bytes() == before
    assert stored(tmp_path).get("theme") == "dark"

    dialog = make_dialog(qtbot, stored(tmp_path))
    dialog.fields["text.size"].setValue(9)
    dialog.fields["creator"].clear()
    qtbot.mouseClick(button(dialog, Button.Ok), Qt.MouseButton.LeftButton)
    again = stored(tmp_path)
    assert again.get("text.size") == 9 and again.get("creator") == "" and again.get("theme") == "dark"


def test_locked_settings_show_the_policy_value_and_are_never_written(qtbot: QtBot, tmp_path: Path) -> None:
    seed(tmp_path)  # the user chose dark and 14 pt before the library's policy arrived
    before = (tmp_path / "settings.json").read_bytes()
    settings = stored(tmp_path, policy={"theme": "light"}, locked={"text.size"})
    dialog = make_dialog(qtbot, settings)
    theme, size = dialog.fields["theme"], dialog.fields["text.size"]
    assert not theme.isEnabled() and theme.currentText() == "Light" and dialog.value("theme") == "light"
    assert not size.isEnabled() and size.value() == 14
    for name in ("theme", "text.size"):
        lock = dialog.lock_labels[name]
        assert lock.isVisible() and not lock.pixmap().isNull()
        assert lock.toolTip() == lock.accessibleName() == ADMIN_TEXT
        assert ADMIN_TEXT in dialog.fields[name].accessibleDescription()
    for name in ("library.group_by", "library.sort", "library.descending", "creator"):
        assert dialog.fields[name].isEnabled() and not dialog.lock_labels[name].isVisible()
    # Even if a locked widget's value changes (it cannot by hand), Apply and OK leave it alone.
    theme.setCurrentIndex(3)
    size.setValue(20)
    assert dialog.changed() == {} and dialog.apply() == []
    dialog.fields["library.sort"].setCurrentIndex(2)  # Author: an unlocked one still saves
    qtbot.mouseClick(button(dialog, Button.Ok), Qt.MouseButton.LeftButton)
    after = stored(tmp_path)
    assert after.get("library.sort") == "author"
    assert after.get("theme") == "dark" and after.get("text.size") == 14  # the user's own values, untouched
    assert before != (tmp_path / "settings.json").read_bytes()


def test_every_enabled_field_is_reachable_with_tab(qtbot: QtBot, tmp_path: Path) -> None:
    for kwargs in ({}, {"policy": {"theme": "light"}, "locked": {"text.size"}}):
        dialog = make_dialog(qtbot, stored(tmp_path, **kwargs))
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        enabled = [w for w in dialog.fields.values() if w.isEnabled()]
        assert dialog.focusWidget() is enabled[0]
        visited: list[QWidget] = []
        for _ in range(40):
            focused = QApplication.focusWidget()
            if focused in visited:
                break
            visited.append(focused)
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert visited[:len(enabled)] == enabled  # in the order they are shown
        assert button(dialog, Button.Ok) in visited
        assert not any(w in visited for w in dialog.fields.values() if not w.isEnabled())
        dialog.close()


def test_lock_icon_renders_at_small_sizes() -> None:
    for ratio in (1.0, 2.0):
        pixmap = lock_pixmap(ratio=ratio)
        assert pixmap.width() == 16 * ratio and pixmap.deviceIndependentSize().width() == 16
        image = pixmap.toImage()
        assert image.pixelColor(8, int(11 * ratio)).alpha() == 255  # the body is opaque
        assert image.pixelColor(0, 0).alpha() == 0  # the corners are clear


@pytest.mark.parametrize("press", [Button.Ok, Button.Cancel])
def test_open_preferences_runs_modally(qtbot: QtBot, tmp_path: Path, press: Button) -> None:
    settings = stored(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        dialog.fields["text.size"].setValue(16)
        dialog.buttons.button(press).click()

    QTimer.singleShot(0, answer)
    accepted = open_preferences(parent, settings)
    assert accepted is (press == Button.Ok)
    assert stored(tmp_path).get("text.size") == (16 if accepted else 12)
