"""The sample page in Preferences: a few paragraphs laid out exactly as the article will be.

It is an :class:`ArticlePage`, the article view's own renderer, so what the
preview shows (typeface, size, line spacing, measure, theme colours) is what
the reader gets, not an imitation of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from reader.core.archive import Article, ArticleMeta
from reader.core.i18n import _
from reader.ui.article.page import ArticlePage, resolve_theme
from reader.ui.article.typography import Typography


def sample() -> Article:
    """The sample page, in the user's language."""
    return Article(
        ArticleMeta(id="preview", title=_("A sample page"), authors=("Reading Room",), date="2026-01-01"),
        _("Reading is easier when the page suits the reader. Choose a typeface, a size and the space "
          "between lines until this paragraph reads comfortably, then set how long a line may grow "
          "before it wraps.") + "\n\n## " + _("A second heading") + "\n\n"
        + _("Long lines tire the eye on its way back to the next line; very short ones break a sentence "
            "into pieces. Most readers settle between fifty and eighty characters.")
        + " [" + _("Links look like this") + "](#preview).\n\n> "
        + _("A quotation stands apart from the text around it.") + "\n",
    )


class PreviewPage(ArticlePage):
    """Shows :func:`sample` in the theme and typography being chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesPreview")
        self.setAccessibleName(_("Preview"))
        self.setAccessibleDescription(_("A sample page shown with the chosen text settings."))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture of the choices, not a place to read
        self._article = sample()
        self._render(keep_place=False)

    def sizeHint(self) -> QSize:
        return QSize(440, 360)

    def show_values(self, typography: Typography, theme: str) -> None:
        """Lay the sample out again with these values ("auto" follows the system's scheme)."""
        self.set_theme(resolve_theme(theme))
        self.set_typography(typography)
