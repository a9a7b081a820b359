"""The results list: a view that wraps, and a delegate that paints each hit.

A hit is a bold title, muted date and authors, and the snippet with its marks.

The snippet is rich text, so it is laid out by a ``QTextDocument``; laying one
out is the costly part, so each row keeps its document and only re-wraps it
when the view's width changes.  Everything wraps: nothing is elided.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.i18n import _
from reader.ui.search.model import HIT_ROLE, ResultsModel, meta_line

MARGIN = 6
GAP = 2
#: A warm marker colour with dark text reads on light, dark and selected rows alike.
MARK_OPEN = '<span style="background-color:#ffe08a; color:#1a1a1a;">'
AnyIndex = QModelIndex | QPersistentModelIndex
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)


def snippet_html(snippet: str) -> str:
    """Qt's rich text ignores ``<mark>``: spell the highlight out as a styled span."""
    return snippet.replace("<mark>", MARK_OPEN).replace("</mark>", "</span>")


class ResultDelegate(QStyledItemDelegate):
    """Draws rows of a :class:`ResultsModel` shown in a wrapping ``QListView``."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._docs: dict[int, tuple[str, QTextDocument]] = {}
        model = view.model()
        assert isinstance(model, ResultsModel), "ResultDelegate needs a ResultsModel"
        model.modelReset.connect(self._docs.clear)
        model.rowsRemoved.connect(self._docs.clear)

    # -- layout --------------------------------------------------------------------------

    def _width(self, option: QStyleOptionViewItem) -> int:
        width = self._view.viewport().width() or option.rect.width()
        return max(80, width - 2 * MARGIN)

    def _document(self, row: int, snippet: str, font: QFont, width: int) -> QTextDocument:
        cached = self._docs.get(row)
        if cached is None or cached[0] != snippet:
            doc = QTextDocument()  # owned here, freed with the cache (a Qt parent would keep it)
            doc.setDocumentMargin(0)
            doc.setDefaultFont(font)
            doc.setHtml(snippet_html(snippet))
            cached = (snippet, doc)
            self._docs[row] = cached
        doc = cached[1]
        if doc.defaultFont() != font:
            doc.setDefaultFont(font)
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        return doc

    def _parts(self, option: QStyleOptionViewItem, index: AnyIndex
               ) -> tuple[str, QFont, int, str, int, QTextDocument | None]:
        """(title, title font, title height, meta, meta height, snippet document)."""
        hit = index.data(HIT_ROLE)
        width = self._width(option)
        bold = QFont(option.font)
        bold.setBold(True)
        title = hit.title or "(untitled)"
        title_h = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 100_000), WRAP, title).height()
        meta = meta_line(hit)
        meta_h = 0
        if meta:
            meta_h = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000), WRAP, meta).height()
        doc = self._document(index.row(), hit.snippet, option.font, width) if hit.snippet else None
        return title, bold, title_h, meta, meta_h, doc

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        if index.data(HIT_ROLE) is None:
            return super().sizeHint(option, index)
        _title, _bold, title_h, _meta, meta_h, doc = self._parts(option, index)
        height = title_h + (GAP + meta_h if meta_h else 0)
        if doc is not None:
            height += GAP + int(doc.size().height() + 0.999)
        return QSize(self._width(option) + 2 * MARGIN, height + 2 * MARGIN)

    # -- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if index.data(HIT_ROLE) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the frame, selection and focus come from the style; the text is ours
        style = self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)

        title, bold, title_h, meta, meta_h, doc = self._parts(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group, text_role)
        muted = text_color if selected else option.palette.color(group, QPalette.ColorRole.PlaceholderText)
        width = self._width(option)
        x, y = option.rect.x() + MARGIN, option.rect.y() + MARGIN

        painter.save()
        painter.setClipRect(option.rect)
        painter.setFont(bold)
        painter.setPen(text_color)
        painter.drawText(QRect(x, y, width, title_h), WRAP, title)
        y += title_h
        if meta:
            y += GAP
            painter.setFont(option.font)
            painter.setPen(muted)
            painter.drawText(QRect(x, y, width, meta_h), WRAP, meta)
            y += meta_h
        if doc is not None:
            y += GAP
            painter.translate(x, y)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette.setColor(QPalette.ColorRole.Text, text_color)
            doc.documentLayout().draw(painter, context)
        painter.restore()


class ResultsView(QListView):
    """Variable-height, wrapping rows; ``leave_top`` on Up from the first row (back to the field),
    ``reached_end`` when scrolled to the bottom (lazy paging)."""

    leave_top = Signal()
    reached_end = Signal()

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert isinstance(model, ResultsModel), "ResultsView needs a ResultsModel"
        self.setModel(model)
        self.setItemDelegate(ResultDelegate(self))
        self.setAccessibleName(_("Search results"))
        self.setAccessibleDescription(_("Articles and notes that match; Enter opens the passage"))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap rows when the pane is resized
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.leave_top.emit()
            return
        super().keyPressEvent(event)

    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        if bar.maximum() > 0 and value >= bar.maximum():
            self.reached_end.emit()
