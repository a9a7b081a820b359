"""Find in page: a bar under the article that marks every match at once.

Matching runs on ``QTextDocument.toPlainText()``, whose characters map one to
one onto document positions, so a regular expression gives the spans the view
marks (the same mark layer API the search-term highlighting uses).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.i18n import _

if TYPE_CHECKING:
    from reader.ui.article.surface import ArticleSurface

MAX_MATCHES = 10_000  # a one-letter search in a long article stays responsive


def find_spans(text: str, needle: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
    """(start, end) of each case-insensitive occurrence of ``needle`` (literal, not a pattern).

    ``re.IGNORECASE`` folds case character by character, so the spans index the
    original text (``str.casefold`` can change lengths: "ß" → "ss").
    """
    if not needle:
        return []
    spans = []
    for match in re.finditer(re.escape(needle), text, re.IGNORECASE):
        spans.append(match.span())
        if len(spans) >= limit:
            break
    return spans


class FindBar(QWidget):
    """Find field, previous/next, "3 of 17", close; Enter/Shift+Enter cycle, Esc closes."""

    closed = Signal()

    def __init__(self, view: ArticleSurface, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Find in article"))
        self._view = view
        self._matches: list[tuple[int, int]] = []
        self._current: int | None = None
        self._article_id: str | None = None

        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(_("Find text"))
        self.edit.setPlaceholderText(_("Find in article"))
        self.edit.setToolTip(_("Find in article (Ctrl+F); Enter: next, Shift+Enter: previous, Esc: close"))
        self.edit.setClearButtonEnabled(True)
        self.previous_button = self._button("↑", _("Previous match"),
                                            _("Previous match (Shift+F3, Shift+Enter)"))
        self.next_button = self._button("↓", _("Next match"), _("Next match (F3, Enter)"))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(_("Matches"))
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(
            _("{current} of {count}{more}").format(current=9999, count=9999, more="")))
        self.close_button = self._button("✕", _("Close find bar"), _("Close find bar (Esc)"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        for widget in (self.edit, self.previous_button, self.next_button, self.count_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)

        self.edit.textChanged.connect(self._search)
        self.edit.installEventFilter(self)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        view.rendered.connect(self._on_rendered)
        self._show_count()

    def _button(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    # -- public API -------------------------------------------------------------------------

    def open(self) -> None:
        """Show the bar with its text selected (Ctrl+F again re-selects, as browsers do)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search(keep_current=True)

    def close_bar(self) -> None:
        """Hide the bar, drop its marks and give the focus back to the article."""
        self.hide()
        self._matches, self._current = [], None
        self._view.set_marks("find", [])
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find_next(self) -> None:
        self._cycle(1)

    def find_previous(self) -> None:
        self._cycle(-1)

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def current(self) -> int | None:
        """Index of the current match in ``matches()``."""
        return self._current

    def status(self) -> str:
        return self.count_label.text()

    # -- internals --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                backwards = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.find_previous() if backwards else self.find_next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _cycle(self, step: int) -> None:
        if not self.isVisible():
            self.open()
            return
        if self._matches:
            start = -1 if step > 0 else 0
            current = start if self._current is None else self._current
            self._current = (current + step) % len(self._matches)
            self._update(reveal=True)

    def _search(self, *_args: object, keep_current: bool = False, reveal: bool = True) -> None:
        """Recount for the current text; the current match is the first one on screen or below."""
        previous = self._current
        self._article_id = self._view.article_id
        self._matches = find_spans(self._view.toPlainText(), self.edit.text())
        if not self._matches:
            self._current = None
        elif keep_current and previous is not None and previous < len(self._matches):
            self._current = previous
        else:
            top = self._view.top_position()
            self._current = next((i for i, (start, _end) in enumerate(self._matches) if start >= top), 0)
        self._update(reveal)

    def _on_rendered(self) -> None:
        """The article was rebuilt (new article, theme, zoom): marks must be recomputed."""
        if self.isVisible():
            same = self._view.article_id == self._article_id
            self._search(keep_current=same, reveal=not same)

    def _update(self, reveal: bool) -> None:
        self._view.set_marks("find", self._matches, self._current)
        if reveal and self._current is not None:
            self._view.reveal(self._matches[self._current][0])
        self._show_count()

    def _show_count(self) -> None:
        found = bool(self._matches)
        self.previous_button.setEnabled(found)
        self.next_button.setEnabled(found)
        if found and self._current is not None:
            more = "+" if len(self._matches) >= MAX_MATCHES else ""
            self.count_label.setText(_("{current} of {count}{more}")
                                     .format(current=self._current + 1, count=len(self._matches), more=more))
        else:
            self.count_label.setText(_("No matches") if self.edit.text() else "")
