"""The query syntax, one click away: a frame that folds open under the search field.

Inline rather than a popup window: it never takes focus or input from the
field, so the user can read an example and type it at the same time.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from reader.core.i18n import N_, _

#: (what to type, what it finds) — mirrors reader.core.search.query.
SYNTAX = (
    ("socialism history", N_("articles with all the words")),
    ('"working class"', N_("the exact phrase")),
    ("tomatoes OR essays", N_("either word")),
    ("class -essays  ·  class NOT essays", N_("leave out a word")),
    ("soc*", N_("words starting with soc (2+ letters before *)")),
    ("tomatpes~", N_("similar spellings (up to 2 edits: tomatpes~2)")),
    ('author:"Ann Author"', N_("by an author (quote names with spaces)")),
    ("tag:history  ·  category:life", N_("with a tag or category")),
    ("title:class", N_("the word in the title")),
    ("year:2019", N_("published in a year")),
    ("date:2019-01..2019-06  ·  date:2020..", N_("published in a date range")),
)
TIPS = (N_("While you type, the last word is completed (soci → soci*); type a space to search the "
        "exact word. Enter opens the top result, Down moves into the results, Esc clears."))


def syntax_html() -> str:
    rows = "".join(
        f"<tr><td style='padding-right:12px'><code>{html.escape(typed)}</code></td>"
        f"<td>{html.escape(_(meaning))}</td></tr>"
        for typed, meaning in SYNTAX
    )
    title, tips = html.escape(_("Search syntax")), html.escape(_(TIPS))
    return f"<b>{title}</b><table cellspacing='2'>{rows}</table><p>{tips}</p>"


class SyntaxHelp(QFrame):
    """The syntax table; shown and hidden by the pane's "?" button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(syntax_html())
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(_("Search syntax"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        self.setVisible(False)
