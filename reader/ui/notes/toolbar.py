"""The small floating toolbar shown over a text selection: five colours and "Note".

A plain child QFrame of the article view, not a popup window: it never takes
focus from the text (so the selection stays), needs no window manager, and
headless tests do not warn about popups.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from reader.core.i18n import _
from reader.ui.notes.colors import COLORS, SWATCHES, color_name

GAP = 6  # pixels between the selection and the toolbar


def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A round swatch of ``color`` (the same icon in toolbar, editor and list)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(0, 0, 0, 90))
        painter.setBrush(QColor(SWATCHES.get(color, SWATCHES["yellow"])))
        painter.drawEllipse(1, 1, size - 2, size - 2)
    return QIcon(pixmap)


class SelectionToolbar(QFrame):
    """Colour buttons and a Note button; placed above (or below) a selection."""

    color_chosen = Signal(str)
    note_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notesToolbar")
        self.setAccessibleName(_("Highlight selection"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 2, 3, 2)
        layout.setSpacing(1)
        self.buttons: dict[str, QToolButton] = {}
        for color in COLORS:
            button = QToolButton(self, icon=swatch_icon(color), iconSize=QSize(16, 16), autoRaise=True)
            button.setToolTip(_("Highlight in {color}").format(color=color_name(color).lower()))
            button.setAccessibleName(_("Highlight {color}").format(color=color_name(color).lower()))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, c=color: self.color_chosen.emit(c))
            layout.addWidget(button)
            self.buttons[color] = button
        self.note_button = QToolButton(self, text=_("Note"), autoRaise=True)
        self.note_button.setToolTip(_("Highlight and add a note (N)"))
        self.note_button.setAccessibleName(_("Add note"))
        self.note_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_button.clicked.connect(self.note_requested.emit)
        layout.addWidget(self.note_button)
        self.hide()

    def show_near(self, selection: QRect) -> None:
        """Show above ``selection`` (parent coordinates), below it if there is no room, inside."""
        self.adjustSize()
        parent = self.parentWidget()
        assert parent is not None
        x = selection.center().x() - self.width() // 2
        y = selection.top() - self.height() - GAP
        if y < 0:
            y = selection.bottom() + GAP
        x = max(0, min(x, parent.width() - self.width()))
        y = max(0, min(y, parent.height() - self.height()))
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
