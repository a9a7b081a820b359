"""An article on paper or in a PDF, as the view shows it, with the reader's highlights.

Paper is white whatever the screen's theme: the print document always uses the
light theme's stylesheet and the light highlight colours.  It renders the same
HTML as the view (``page_html``), so a document position in the view is the
same position here and the reader's marks land on the same words.  Pages are
laid out by the one paging routine in ``pdf.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QImage, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reader.core.archive import Article
from reader.core.i18n import _
from reader.core.usecases.printing import ArticlePdfWriter
from reader.ui.article.page import load_theme, page_html
from reader.ui.article.typography import SERIF
from reader.ui.export.pdf import MARGINS_MM, paint_pages, write_pdf
from reader.ui.notes.colors import mark_format

__all__ = ["article_pdf_writer", "print_document", "print_marks", "print_to", "print_with_dialog",
           "write_pdf"]

log = logging.getLogger("reader.ui.export")

PRINT_THEME = "light"
PRINT_POINT_SIZE = 11.0  # paper is read closer than a screen
#: A mark: (start, stop) document positions and the look of the text between them.
Mark = tuple[int, int, QTextCharFormat]
#: The bytes of an archive asset (``Archive.asset``), or None when it has no such file.
Assets = Callable[[str], bytes | None]


class _PrintDocument(QTextDocument):
    """Loads images only from the archive's assets, as the view does; never local files."""

    def __init__(self, assets: Assets | None) -> None:
        super().__init__()
        self._assets = assets

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        url = QUrl(url)
        data = None
        if self._assets is not None and url.isRelative() and not url.host():
            data = self._assets(url.path())
        if data is not None:
            return QByteArray(data)
        log.debug("print: refused resource %s", url.toString()[:200])
        if kind == QTextDocument.ResourceType.ImageResource.value:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(0)
            return blank
        return QByteArray(b" ")  # an empty value would let Qt read the file itself


def print_marks(spans: Sequence[tuple[int, int, str, str]]) -> list[Mark]:
    """(start, stop, colour, style) highlights in their print (light) colours."""
    return [(start, stop, mark_format(color, style, PRINT_THEME)) for start, stop, color, style in spans]


def print_document(article: Article, marks: Sequence[Mark], assets: Assets | None = None) -> QTextDocument:
    """The article as the view renders it, in print colours, with ``marks`` applied."""
    document = _PrintDocument(assets)
    document.setDocumentMargin(0)  # the printer's page margins are the margins
    font = document.defaultFont()
    font.setFamilies(list(SERIF))
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(load_theme(PRINT_THEME).css)
    document.setHtml(page_html(article))
    last = document.characterCount() - 1
    cursor = QTextCursor(document)
    for start, stop, fmt in marks:
        start, stop = max(0, min(start, last)), max(0, min(stop, last))
        if stop > start:
            cursor.setPosition(start)
            cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
    return document


def article_pdf_writer(marks_for: Callable[[Article], Sequence[Mark]],
                       assets: Assets | None = None) -> ArticlePdfWriter:
    """The writer ``usecases.printing.export_article_pdf`` takes: print document → PDF."""
    def write(article: Article, path: Path) -> int:
        return write_pdf(print_document(article, marks_for(article), assets), path)
    return write


def print_to(document: QTextDocument, printer: QPrinter) -> int:
    """Print ``document`` on a printer already set up; returns the page count."""
    return paint_pages(document, printer)


def print_with_dialog(parent: QWidget, document: QTextDocument, title: str) -> bool:
    """Ask for a printer (the system's print dialog), then print; False if the reader cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageMargins(MARGINS_MM)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print “{title}”").format(title=title))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_to(document, printer)
    return True
