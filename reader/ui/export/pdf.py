"""PDFs and paper: any QTextDocument on A4 pages, page-numbered (the handout, an article).

Why paint page by page instead of ``QTextDocument.print_``: the footer (page
``n`` of ``m``) needs a painter per page.  The file is written to a temporary
sibling and renamed, so a failed export never leaves half a PDF behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from reader.core.annotations import Annotation
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export import ExportContext, export
from reader.core.i18n import _

MARGINS_MM = QMarginsF(18, 16, 18, 14)
FOOTER_PT = 22  # room under the text for the page number, in points
#: Qt's rich text ignores the handout's quote borders: indent and slant quotes instead.
QT_STYLE = "blockquote { margin-left: 14pt; font-style: italic; } .note { margin-left: 14pt; }"


def handout_pdf(annotations: Sequence[Annotation], archive: Archive | ExportContext, path: Path) -> int:
    """Export ``annotations`` as a PDF handout at ``path``; returns the number of pages."""
    return export_pdf(export("html", annotations, archive), path)


def export_pdf(html: bytes, path: Path) -> int:
    """Lay out ``html`` on A4 pages with page numbers; write ``path`` atomically."""
    document = QTextDocument()
    document.setDefaultStyleSheet(QT_STYLE)
    document.setHtml(html.decode("utf-8"))
    return write_pdf(document, path)


def write_pdf(document: QTextDocument, path: Path) -> int:
    """Lay out ``document`` on A4 pages with page numbers; write ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pages = _render(document, tmp_name)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return pages


def _render(document: QTextDocument, filename: str) -> int:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(filename)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      MARGINS_MM, QPageLayout.Unit.Millimeter))
    return paint_pages(document, printer)


def paint_pages(document: QTextDocument, printer: QPrinter) -> int:
    """Paint ``document`` on ``printer``'s pages with "n / m" under each; returns m.

    The one paging routine for PDFs and paper.  The document is laid out again
    for the printer (fonts in points at its resolution), so it is changed.
    """
    document.documentLayout().setPaintDevice(printer)
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    footer = FOOTER_PT * printer.resolution() / 72
    body = QSizeF(area.width(), area.height() - footer)
    document.setPageSize(body)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise ReaderError(_("Cannot write the PDF {value}.")
                          .format(value=printer.outputFileName() or 'to the printer'))
    try:
        font = QFont(document.defaultFont())
        font.setPointSizeF(8.5)
        for page in range(pages):
            if page:
                printer.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(font)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(QRectF(0, body.height(), body.width(), footer),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             f"{page + 1} / {pages}")
    finally:
        painter.end()
    return pages
