"""What the notes put in the article's left margin: a bar beside a noted highlight, a flag at a bookmark.

Painted over the viewport by the article view's painters (``add_painter``),
so the document itself is never changed by a note.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPolygon, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.core.annotations.model import Annotation
from reader.ui.notes import colors

MARGIN_BAR = 4  # width of the margin mark of a highlight that carries a note
FLAG = 9  # size of a bookmark's flag


def cursor_at(view: QTextBrowser, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(max(0, min(position, view.document().characterCount() - 1)))
    return cursor


def paint(view: QTextBrowser, theme: str, painter: QPainter, drawn: Sequence[tuple[Annotation, int, int]],
          places: Sequence[tuple[Annotation, int]]) -> None:
    """Bars beside the highlights that carry a note; a flag at each bookmark's line."""
    margin = int(view.document().rootFrame().frameFormat().leftMargin())
    x = max(2, margin - 10 - MARGIN_BAR)
    height = view.viewport().height()
    painter.setPen(Qt.PenStyle.NoPen)
    for annotation, start, end in drawn:
        if not annotation.note:
            continue
        top = view.cursorRect(cursor_at(view, start)).top()
        bottom = view.cursorRect(cursor_at(view, max(start, end - 1))).bottom()
        if bottom < 0 or top > height:
            continue
        painter.setBrush(colors.ink(annotation.color, theme))
        painter.drawRoundedRect(QRect(x, top + 1, MARGIN_BAR, max(6, bottom - top - 1)), 2, 2)
    for mark, position in places:
        rect = view.cursorRect(cursor_at(view, position))
        if rect.bottom() < 0 or rect.top() > height:
            continue
        left, top = max(1, x - FLAG), rect.top() + 2
        painter.setBrush(colors.ink(mark.color, theme))
        painter.drawPolygon(QPolygon([QPoint(left, top), QPoint(left + FLAG, top + FLAG // 2),
                                      QPoint(left, top + FLAG)]))
