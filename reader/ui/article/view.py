"""The article view: sanitized HTML in a QTextBrowser that loads nothing itself.

QTextBrowser would happily read ``file://`` paths and follow links; we turn
that off: ``loadResource`` serves only the archive's ``assets/`` and every
link click comes to us as a signal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core import render
from reader.core.archive import Archive, Article
from reader.core.resources import read_text

log = logging.getLogger("reader.ui.article")

MEASURE_EM = 72  # characters per line, the upper end of the readable range
MIN_MARGIN = 24
BODY_FONTS = ["Source Serif Pro", "Georgia", "DejaVu Serif", "serif"]


class ArticleView(QTextBrowser):
    """Shows one article; emits ``external_link`` instead of opening anything."""

    external_link = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        body_font = QFont()
        body_font.setFamilies(BODY_FONTS)
        body_font.setPointSizeF(12)
        self.document().setDefaultFont(body_font)
        self.document().setDocumentMargin(0)
        self._archive: Archive | None = None
        self._css = read_text("styles", "article.css")
        self.anchorClicked.connect(self._on_anchor)
        self.article_id: str | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_measure()

    def _fit_measure(self) -> None:
        """Centre a column of at most ~MEASURE_EM characters (Qt's CSS has no max-width)."""
        column = QFontMetricsF(self.document().defaultFont()).averageCharWidth() * MEASURE_EM
        side = max(MIN_MARGIN, (self.viewport().width() - column) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(MIN_MARGIN)
        frame.setBottomMargin(MIN_MARGIN * 2)
        root.setFrameFormat(frame)

    def set_archive(self, archive: Archive | None) -> None:
        self._archive = archive
        self.clear()
        self.article_id = None

    def show_article(self, article: Article) -> None:
        self.article_id = article.id
        self.document().setDefaultStyleSheet(self._css)
        self.setHtml(render.article_html(article))
        self._fit_measure()

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Only relative ``assets/`` paths of the open archive; anything else gets a blank.

        Returning nothing is not enough: QTextDocument then falls back to reading
        local files (resolved against the working directory) and ``data:`` URLs
        itself.  A non-null empty value stops that fallback.
        """
        url = QUrl(url)
        data = None
        if self._archive is not None and url.isRelative() and not url.host():
            data = self._archive.asset(url.path())
        if data is not None:
            return QByteArray(data)
        log.debug("refused resource %s (kind %s)", url.toString(), kind)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return QByteArray(b" ")

    def _on_anchor(self, url: QUrl) -> None:
        if url.isRelative() and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        else:
            self.external_link.emit(url)


def _blank_image() -> QImage:
    """A 1×1 transparent stand-in for an image we refuse to load."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image
