"""Highlight colours per theme: readable text on every background.

A highlight keeps the theme's text colour, so each theme gets its own
backgrounds: pale tints on white, warmer and a little stronger on sepia paper,
deep muted tones under the dark theme's light text (every pair keeps at least
4.5:1 contrast).  Underlines use a saturated ink of the same hue, lighter on
dark.  The swatches (toolbar, editor, list) are one set for every theme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.i18n import N_, _

COLORS = ("yellow", "green", "blue", "pink", "purple")
STYLES = ("highlight", "underline")
#: What the reader sees for each (the keys are stored in notes files and never translated).
COLOR_NAMES = {"yellow": N_("Yellow"), "green": N_("Green"), "blue": N_("Blue"), "pink": N_("Pink"),
               "purple": N_("Purple")}
STYLE_NAMES = {"highlight": N_("Highlight"), "underline": N_("Underline")}


def color_name(color: str) -> str:
    """``yellow`` → "Yellow", in the user's language."""
    return _(COLOR_NAMES[color]) if color in COLOR_NAMES else color.capitalize()


def style_name(style: str) -> str:
    return _(STYLE_NAMES[style]) if style in STYLE_NAMES else style.capitalize()

#: Swatches shown in the toolbar, editor and notes list.
SWATCHES = {"yellow": "#f5c211", "green": "#33b35a", "blue": "#3584e4", "pink": "#e04f9a",
            "purple": "#9141ac"}

_BACKGROUNDS = {
    "light": {"yellow": "#fff1a0", "green": "#ccf2c4", "blue": "#cde4ff", "pink": "#ffd3e6",
              "purple": "#e6d8ff"},
    "sepia": {"yellow": "#f1d27a", "green": "#cbdca0", "blue": "#bed5dc", "pink": "#efc3bd",
              "purple": "#d9c6df"},
    "dark": {"yellow": "#5e5000", "green": "#1e5630", "blue": "#1c4670", "pink": "#6b2746",
             "purple": "#4a3270"},
    # High contrast: white text keeps 7:1 (WCAG AAA) on each; the bright ink underline tells them apart.
    "contrast": {"yellow": "#4d4200", "green": "#0f4a22", "blue": "#123d66", "pink": "#5c1a3a",
                 "purple": "#3d2466"},
}
_INKS = {
    "light": {"yellow": "#c79500", "green": "#24903f", "blue": "#1a62c9", "pink": "#c8246f",
              "purple": "#7a36b8"},
    "sepia": {"yellow": "#b07b00", "green": "#4f7f1f", "blue": "#2c6482", "pink": "#b23a4e",
              "purple": "#76458f"},
    "dark": {"yellow": "#ffd84d", "green": "#6fdc8c", "blue": "#79b8ff", "pink": "#ff7ab6",
             "purple": "#c3a6ff"},
    "contrast": {"yellow": "#ffff00", "green": "#00ff66", "blue": "#66ccff", "pink": "#ff66cc",
                 "purple": "#cc99ff"},
}
#: Fallback for a colour name the core does not know (a newer file, an edited database).
DEFAULT_COLOR = "yellow"


def known(color: str) -> str:
    return color if color in COLORS else DEFAULT_COLOR


def background(color: str, theme: str) -> QColor:
    return QColor(_BACKGROUNDS.get(theme, _BACKGROUNDS["light"])[known(color)])


def ink(color: str, theme: str) -> QColor:
    """The strong tone of ``color``: underlines and margin marks."""
    return QColor(_INKS.get(theme, _INKS["light"])[known(color)])


def mark_format(color: str, style: str, theme: str, flash: bool = False) -> QTextCharFormat:
    """The look of one highlight; ``flash`` is the brief "here it is" state.

    High contrast underlines highlights too: its dark backgrounds alone are faint on black."""
    fmt = QTextCharFormat()
    if flash:
        fmt.setBackground(ink(color, theme))
        fmt.setForeground(QColor("#000000" if theme != "dark" else "#101010"))
        return fmt
    if style == "underline" or theme == "contrast":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(ink(color, theme))
    if style != "underline":
        fmt.setBackground(background(color, theme))
    return fmt
