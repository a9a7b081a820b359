"""Caret browsing: read, move and select in the article with the keyboard alone.

As in browsers, F7 turns it on and off; it is on by default, so an article
that has the focus shows a caret that the arrows move (Ctrl+arrows by word,
Home/End, Ctrl+Home/End, Page Up/Down) and Shift extends into a selection,
which H, N or a colour key (1 to 5) then highlight.  Off, the arrows scroll.
When the article gets the focus and its caret is off screen, the caret goes to
the top of what is shown, so reading goes on from where the eye is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.core.i18n import _

_FLAGS = Qt.TextInteractionFlag
BROWSING = _FLAGS.TextSelectableByMouse | _FLAGS.LinksAccessibleByMouse | _FLAGS.LinksAccessibleByKeyboard
_COLOUR_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)


class CaretBrowsing(QObject):
    """The caret of one article view; ``highlight(colour)`` is called for the colour keys."""

    def __init__(self, view: QTextBrowser, colours: Sequence[str],
                 highlight: Callable[[str], object] | None = None) -> None:
        super().__init__(view)
        self.view, self.colours, self.highlight = view, tuple(colours), highlight
        self.action = QAction(_("&Caret Browsing"), view, checkable=True, checked=True)
        self.action.setObjectName("caret")
        self.action.setShortcut(QKeySequence("F7"))
        self.action.setToolTip(_("Move and select in the article with the keyboard (F7)"))
        self.action.toggled.connect(self.set_enabled)
        view.addAction(self.action)
        view.installEventFilter(self)
        self.set_enabled(True)

    @property
    def enabled(self) -> bool:
        return self.action.isChecked()

    def set_enabled(self, on: bool) -> None:
        self.action.setChecked(on)
        self.view.setTextInteractionFlags(BROWSING | (_FLAGS.TextSelectableByKeyboard if on else _FLAGS(0)))
        if on:
            self.bring_into_view()

    def bring_into_view(self) -> None:
        """Put the caret at the top of the shown text when it is off screen (or nowhere yet)."""
        rect = self.view.cursorRect()
        if rect.top() >= 0 and rect.bottom() <= self.view.viewport().height():
            return
        top = self.view.cursorForPosition(QPoint(0, 0))
        top.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        if self.view.cursorRect(top).top() < 0:  # the block starts above the window: its next line
            top = self.view.cursorForPosition(QPoint(0, self.view.fontMetrics().height()))
        self.view.setTextCursor(top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and self.enabled:
            if event.type() == QEvent.Type.FocusIn:
                self.bring_into_view()
            elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                  and self.highlight is not None and self.view.textCursor().hasSelection()
                  and event.modifiers() == Qt.KeyboardModifier.NoModifier
                  and event.key() in _COLOUR_KEYS[: len(self.colours)]):
                self.highlight(self.colours[_COLOUR_KEYS.index(Qt.Key(event.key()))])
                return True
        return False
