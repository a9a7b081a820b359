"""The query syntax, one click away: a frame that folds open under the search field.

Inline rather than a popup window: it never takes focus or input from the
field, so the user can read an example and type it at the same time.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

#: (what to type, what it finds) — mirrors reader.core.search.query.
SYNTAX = (
    ("socialism history", "articles with all the words"),
    ('"working class"', "the exact phrase"),
    ("tomatoes OR essays", "either word"),
    ("class -essays  ·  class NOT essays", "leave out a word"),
    ("soc*", "words starting with soc (2+ letters before *)"),
    ("tomatpes~", "similar spellings (up to 2 edits: tomatpes~2)"),
    ('author:"Ann Author"', "by an author (quote names with spaces)"),
    ("tag:history  ·  category:life", "with a tag or category"),
    ("title:class", "the word in the title"),
    ("year:2019", "published in a year"),
    ("date:2019-01..2019-06  ·  date:2020..", "published in a date range"),
)
TIPS = ("While you type, the last word is completed (soci → soci*); type a space to search the "
        "exact word. Enter opens the top result, Down moves into the results, Esc clears.")


def syntax_html() -> str:
    rows = "".join(
        f"<tr><td style='padding-right:12px'><code>{html.escape(typed)}</code></td>"
        f"<td>{html.escape(meaning)}</td></tr>"
        for typed, meaning in SYNTAX
    )
    return f"<b>Search syntax</b><table cellspacing='2'>{rows}</table><p>{html.escape(TIPS)}</p>"


class SyntaxHelp(QFrame):
    """The syntax table; shown and hidden by the pane's "?" button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(syntax_html())
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Search syntax")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        self.setVisible(False)
