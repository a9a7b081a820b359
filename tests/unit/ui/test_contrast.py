"""The high-contrast theme meets WCAG AAA: every text colour at 7:1 against what it sits on.

Ratios are computed from the colours the app really uses: the article CSS (parsed the way
``load_theme`` parses it), the application palette derived from it, and the highlight colours.
Frames and underlines are not text; they need 3:1 (WCAG 1.4.11).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

from reader.core.annotations import COLORS
from reader.core.resources import read_text
from reader.ui.notes import colors
from reader.ui.theme import palette_for_theme

AAA, NON_TEXT = 7.0, 3.0
Role, Group = QPalette.ColorRole, QPalette.ColorGroup
#: (text, background) pairs of the palette a reader reads from.
TEXT_PAIRS = [(Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
              (Role.ButtonText, Role.Button), (Role.ToolTipText, Role.ToolTipBase),
              (Role.HighlightedText, Role.Highlight), (Role.Link, Role.Base), (Role.LinkVisited, Role.Base),
              (Role.PlaceholderText, Role.Base), (Role.WindowText, Role.Button)]
FRAME_PAIRS = [(Role.Mid, Role.Window), (Role.Dark, Role.Base), (Role.Mid, Role.Base)]


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in colour.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: QColor | str, b: QColor | str) -> float:
    high, low = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_rules(name: str) -> dict[str, dict[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", read_text("styles", f"article-{name}.css"), flags=re.DOTALL)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        props = {k.strip(): v.strip() for k, v in (p.split(":", 1) for p in body.split(";") if ":" in p)}
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(props)
    return rules


def test_the_ratio_is_wcags() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#ffffff", "#777777") == ratio("#777777", "#ffffff")


def test_every_text_colour_of_the_article_css_keeps_7_to_1() -> None:
    rules = css_rules("contrast")
    page, ink = rules["body"]["background-color"], rules["body"]["color"]
    checked = []
    for selector, props in rules.items():
        if "color" in props or ("background-color" in props and selector != "hr"):
            text, ground = props.get("color", ink), props.get("background-color", page)
            checked.append((selector, round(ratio(text, ground), 2)))
        for key in ("border-color", "text-decoration-color"):
            if key in props:
                ground = props.get("background-color", page) if key == "text-decoration-color" else page
                assert ratio(props[key], ground) >= NON_TEXT, (selector, key)
    assert len(checked) >= 15  # body, links, headings, code, tags, marks...
    assert all(value >= AAA for _selector, value in checked), checked
    assert ratio(rules["hr"]["background-color"], page) >= NON_TEXT


def test_the_other_themes_are_not_high_contrast() -> None:
    """The check can fail: the ordinary themes keep AA (4.5:1) somewhere but not AAA everywhere."""
    for name in ("light", "sepia", "dark"):
        rules = css_rules(name)
        page = rules["body"]["background-color"]
        worst = min(ratio(props["color"], props.get("background-color", page))
                    for props in rules.values() if "color" in props)
        assert 4.5 <= worst < AAA, name


@pytest.mark.parametrize("group", [Group.Active, Group.Inactive])
def test_the_application_palette_keeps_7_to_1(group: QPalette.ColorGroup) -> None:
    palette = palette_for_theme("contrast")
    for text, ground in TEXT_PAIRS:
        value = ratio(palette.color(group, text), palette.color(group, ground))
        assert value >= AAA, (text, ground, round(value, 2))
    for frame, ground in FRAME_PAIRS:
        assert ratio(palette.color(group, frame), palette.color(group, ground)) >= NON_TEXT, (frame, ground)


def test_highlights_keep_the_text_readable_and_their_underline_visible() -> None:
    rules = css_rules("contrast")
    page, ink = rules["body"]["background-color"], rules["body"]["color"]
    for colour in COLORS:
        assert ratio(ink, colors.background(colour, "contrast")) >= AAA, colour
        assert ratio(colors.ink(colour, "contrast"), colors.background(colour, "contrast")) >= NON_TEXT
        assert ratio(colors.ink(colour, "contrast"), page) >= NON_TEXT
        flash = colors.mark_format(colour, "highlight", "contrast", flash=True)
        assert ratio(flash.foreground().color(), flash.background().color()) >= AAA, colour
        fmt = colors.mark_format(colour, "highlight", "contrast")
        assert fmt.underlineStyle() != fmt.underlineStyle().NoUnderline  # a shape, not only a faint tint
