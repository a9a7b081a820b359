"""Reading comfort in the window: the article's type follows the settings, Preferences previews it.

The ``text.*`` settings (typeface, size in points, line spacing, width) reach
the article view here; zoom keys and Ctrl+wheel change ``text.size`` through
``Settings.offer``, so a size the policy locks snaps back.  While Preferences
is open, every change of its fields is shown on the article at once without
being stored; closing the dialog shows the stored values again (Cancel
restores, OK and Apply have stored what was shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.core.settings import Settings
from reader.ui.article.page import ArticlePage
from reader.ui.article.typography import Typography


class Comfort:
    """Binds the article's typography and theme to the settings, with a live preview."""

    def __init__(self, settings: Settings, view: ArticlePage, show_theme: Callable[[str], None]) -> None:
        self.settings = settings
        self.view = view
        self._show_theme = show_theme  # applies a theme setting value ("auto", "dark"...) everywhere
        self.previewing = False
        view.size_changed.connect(self._offer_size)

    def _offer_size(self, points: int) -> None:
        """Zoom keys and Ctrl+wheel store the size; a size shown by the preview is not stored."""
        if not self.previewing:
            self.settings.offer("text.size", points)

    def stored(self) -> Typography:
        return Typography.from_settings(self.settings.get)

    def apply(self) -> None:
        """Show the stored typography (at start, and whenever a ``text.*`` setting changes)."""
        self.view.set_typography(self.stored())

    def preview(self, values: dict[str, Any]) -> None:
        """Show a form's values on the article without storing them."""
        self.previewing = True
        self.view.set_typography(Typography.from_values(values, self.stored()))
        if "theme" in values:
            self._show_theme(values["theme"])

    def restore(self) -> None:
        """Back to what is stored (the dialog closed)."""
        self.previewing = False
        self.apply()
        self._show_theme(self.settings.get("theme"))
