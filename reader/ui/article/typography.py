"""The reader's typography: typeface, size in points, line spacing and text width.

One frozen value holds what Preferences offers, so the article, the preview in
Preferences and the print path all lay text out from the same four numbers.
Qt's rich-text CSS has no relative units, so the shared stylesheet is written
for 12 pt and 150% line height and :meth:`Typography.css` rescales its pt/px
lengths and line-height percentages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

SERIF = ("Source Serif Pro", "Georgia", "DejaVu Serif", "serif")
SANS = ("Source Sans Pro", "DejaVu Sans", "Noto Sans", "sans-serif")
#: The generic choices offered before the system's fonts.
GENERIC = {"serif": SERIF, "sans": SANS}
BASE_POINT_SIZE = 12
BASE_LINE_SPACING = 1.5  # what article.css is written for (p { line-height: 150% })
SIZE_MIN, SIZE_MAX = 8, 32
FULL_WIDTH = 0  # text.width: no measure, the text fills the window
_LENGTH = re.compile(r"(\d+(?:\.\d+)?)(pt|px)\b")
_LINE_HEIGHT = re.compile(r"line-height:\s*(\d+(?:\.\d+)?)%")
_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_OWN_LEADING = re.compile(r"(^|[\s,])(h[1-6]|header)\b")  # titles keep their own tight leading


@dataclass(frozen=True)
class Typography:
    """The article's type; the defaults are the settings' defaults."""

    font: str = "serif"
    size: int = BASE_POINT_SIZE  # points
    line_spacing: float = BASE_LINE_SPACING  # in lines, 1.0–2.0
    width: int = 72  # the measure in characters; FULL_WIDTH fills the window

    @classmethod
    def from_settings(cls, get: Callable[[str], Any]) -> Typography:
        return cls(get("text.font"), get("text.size"), get("text.line_spacing"), get("text.width"))

    @classmethod
    def from_values(cls, values: dict[str, Any], base: Typography) -> Typography:
        """``base`` with the ``text.*`` values of ``values`` (a form's current fields)."""
        fields = {"text.font": "font", "text.size": "size", "text.line_spacing": "line_spacing",
                  "text.width": "width"}
        return replace(base, **{fields[k]: v for k, v in values.items() if k in fields})

    def with_size(self, size: int) -> Typography:
        return replace(self, size=max(SIZE_MIN, min(SIZE_MAX, int(size))))

    @property
    def factor(self) -> float:
        """How much larger than the stylesheet's 12 pt the text is."""
        return self.size / BASE_POINT_SIZE

    def families(self) -> list[str]:
        """The body font's families, best first: a named font falls back to serif."""
        return list(GENERIC.get(self.font, (self.font, *SERIF)))

    def css(self, stylesheet: str) -> str:
        """``stylesheet`` at this size and line spacing."""
        return line_heights(scaled_css(stylesheet, self.factor), self.line_spacing / BASE_LINE_SPACING)


def scaled_css(css: str, factor: float) -> str:
    """Every pt/px length times ``factor`` (Qt's CSS has no relative font sizes)."""
    def scale(match: re.Match[str]) -> str:
        value = float(match.group(1)) * factor
        if match.group(2) == "pt":
            return f"{round(value * 2) / 2:g}pt"
        return f"{max(1, round(value)) if value > 0 else 0}px"
    return _LENGTH.sub(scale, css)


def line_heights(css: str, factor: float) -> str:
    """The text's line-height percentages times ``factor``, never below single spacing.

    Headings and the article's header keep theirs: spacing is for reading paragraphs, and a
    two-line title set double would read as two titles."""
    def rule(match: re.Match[str]) -> str:
        selectors, body = match.groups()
        if _OWN_LEADING.search(selectors):
            return match.group(0)
        def scale(height: re.Match[str]) -> str:
            return f"line-height: {max(100, round(float(height.group(1)) * factor))}%"
        return f"{selectors}{{{_LINE_HEIGHT.sub(scale, body)}}}"
    return _RULE.sub(rule, _COMMENT.sub("", css))
