"""The window's colours per theme: one QPalette for the whole application.

The article's theme CSS (``resources/styles/article-<theme>.css``) is the one
place where a theme's colours are written; the palette is derived from its
page, ink and link colours, so the library, search and notes panes, tab bar,
menus, status bar, docks and dialogs wear the same theme as the article.  It
is set on the QApplication (not the window) because menus and dialogs are
separate windows that do not inherit a window's palette.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.article.page import load_theme

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0–1) of the way towards ``b``."""
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in
                             zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))


@functools.cache
def palette_for_theme(name: str) -> QPalette:
    """The application palette of theme ``name`` ("light", "sepia", "dark" or "contrast").

    Panels (Window) sit a shade off the page colour, lists (Base) use the page
    itself, the selection uses the link colour with page-coloured text (the
    CSS keeps links at 4.5:1 against the page, so the pair is readable too).
    High contrast keeps every text at 7:1 and draws frames bright enough to see
    (3:1), so its greys sit closer to the ink.
    """
    theme = load_theme(name)
    page, ink, link = theme.background, theme.text, theme.link
    dark = page.lightness() < ink.lightness()
    strong = name == "contrast"
    panel = mix(page, ink, 0.06)
    colours = {
        Role.Window: panel, Role.WindowText: ink, Role.Base: page, Role.AlternateBase: mix(page, ink, 0.035),
        Role.Text: ink, Role.Button: mix(page, ink, 0.09), Role.ButtonText: ink,
        Role.BrightText: QColor("#ffffff" if dark else "#000000"),
        Role.ToolTipBase: panel, Role.ToolTipText: ink,
        Role.PlaceholderText: mix(page, ink, 0.75 if strong else 0.55),
        Role.Highlight: link, Role.HighlightedText: page, Role.Link: link, Role.LinkVisited: link,
        Role.Accent: link,
        # Bevels and frames (Fusion draws them from these).
        Role.Light: mix(page, ink, 0.02) if dark else page.lighter(108),
        Role.Midlight: mix(page, ink, 0.3 if strong else 0.14),
        Role.Mid: mix(page, ink, 0.6 if strong else 0.3),
        Role.Dark: mix(page, ink, 0.75 if strong else 0.45), Role.Shadow: mix(page, QColor("#000000"), 0.6),
    }
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, colour)
    faint = mix(page, ink, 0.45)
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, faint)
    palette.setColor(Group.Disabled, Role.Base, panel)
    palette.setColor(Group.Disabled, Role.Highlight, mix(page, ink, 0.3))
    palette.setColor(Group.Disabled, Role.HighlightedText, page)
    return palette


def apply_theme(name: str) -> None:
    """Colour every widget of the application with theme ``name`` (cheap when unchanged)."""
    palette = palette_for_theme(name)
    if QApplication.palette() != palette:
        QApplication.setPalette(palette)
