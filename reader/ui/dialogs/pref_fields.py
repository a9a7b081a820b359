"""One editing widget per setting type, for Preferences: make it, fill it, read it back.

The widget follows the schema entry: choices give a combo box, bounds give a
spin box over exactly that range (with the unit as a suffix), and a special
value such as "full width" sits one step below the range as the spin box's
special text.  The typeface is a combo box of its own: the two generic
choices first, then every font installed on this computer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from reader.core.i18n import N_, _
from reader.core.settings import Setting
from reader.ui.dialogs.language import language_labels

CHOICE_LABELS = {
    "auto": N_("Auto"), "light": N_("Light"), "sepia": N_("Sepia"), "dark": N_("Dark"),
    "contrast": N_("High contrast"), "year": N_("Year"), "author": N_("Author"), "tag": N_("Tag"),
    "category": N_("Category"), "none": N_("None"), "date": N_("Date"), "title": N_("Title"),
}
#: Units shown after a number, and the words for a special value.
SUFFIXES = {"text.size": N_(" pt"), "text.line_spacing": N_(" lines"), "text.width": N_(" characters")}
SPECIAL_TEXT = {"text.width": N_("Full width")}
STEPS = {"text.line_spacing": 0.1, "text.width": 2}
FONT_SETTING = "text.font"
GENERIC_FONTS = (("serif", N_("Serif")), ("sans", N_("Sans serif")))


class FontCombo(QComboBox):
    """Serif, Sans serif, then the system's font families (each shown in its own name)."""

    def __init__(self) -> None:
        super().__init__()
        for key, label in GENERIC_FONTS:
            self.addItem(_(label), key)
        self.insertSeparator(self.count())
        for family in QFontDatabase.families():
            if not QFontDatabase.isPrivateFamily(family):
                self.addItem(family, family)
        self.setMaxVisibleItems(16)

    def choose(self, family: str) -> None:
        """Select ``family``, adding it when it is not installed here (a setting from elsewhere)."""
        index = self.findData(family)
        if index < 0:
            self.addItem(family, family)
            index = self.count() - 1
        self.setCurrentIndex(index)


def choice_label(setting: Setting, choice: object) -> str:
    """How a choice reads in its combo box (a language in its own name)."""
    if setting.name == "language":
        return language_labels().get(str(choice), str(choice))
    label = CHOICE_LABELS.get(str(choice))
    return _(label) if label else str(choice).capitalize()


def make_field(setting: Setting, changed: Callable[..., None]) -> QWidget:
    """The widget that edits ``setting``; ``changed`` is called whenever its value changes."""
    if setting.name == FONT_SETTING:
        font = FontCombo()
        font.currentIndexChanged.connect(changed)
        return font
    if setting.choices:
        combo = QComboBox()
        for choice in setting.choices:
            combo.addItem(choice_label(setting, choice), choice)
        combo.currentIndexChanged.connect(changed)
        return combo
    if setting.type is bool:
        box = QCheckBox()
        box.toggled.connect(changed)
        return box
    if setting.type in (int, float):
        spin: QSpinBox | QDoubleSpinBox = QSpinBox() if setting.type is int else QDoubleSpinBox()
        if isinstance(spin, QDoubleSpinBox):
            spin.setDecimals(1)
        step = STEPS.get(setting.name, 1)
        spin.setSingleStep(step)  # type: ignore[arg-type]
        low, high = setting.bounds or (-1_000_000, 1_000_000)
        if setting.special is not None:
            low -= step
            spin.setSpecialValueText(_(SPECIAL_TEXT[setting.name]) if setting.name in SPECIAL_TEXT
                                     else str(setting.special))
        spin.setRange(low, high)  # type: ignore[arg-type]
        spin.setSuffix(_(SUFFIXES[setting.name]) if setting.name in SUFFIXES else "")
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.valueChanged.connect(changed)
        return spin
    edit = QLineEdit()
    edit.setClearButtonEnabled(True)
    edit.textChanged.connect(changed)
    return edit


def fill_field(widget: QWidget, setting: Setting, value: Any) -> None:
    """Show ``value`` in the field made for ``setting``."""
    if isinstance(widget, FontCombo):
        widget.choose(str(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        special = setting.special is not None and value == setting.special
        widget.setValue(widget.minimum() if special else value)
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
        widget.setCursorPosition(0)


def field_value(widget: QWidget, setting: Setting) -> Any:
    """What the field holds now, as the setting's type."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        if setting.special is not None and widget.value() == widget.minimum():
            return setting.special
        return round(widget.value(), 1) if isinstance(widget, QDoubleSpinBox) else widget.value()
    assert isinstance(widget, QLineEdit)
    return widget.text().strip()
