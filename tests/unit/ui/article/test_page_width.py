"""No article widens the page: long code lines wrap, wide tables fit, images are sized to the column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from reader.core.archive import open_archive
from reader.ui.article.view import ArticleView
from tests.unit.ui.article.conftest import make_article

WIDE = {
    "a 2,000-character <pre> line": "```\n" + "x" * 2_000 + "\n```\n",
    "a 2,000-character raw <pre> line": "<pre>" + "y" * 2_000 + "</pre>\n",
    "a 30-column table": "| " + " | ".join(f"Column{n}" for n in range(30)) + " |\n|"
    + "---|" * 30 + "\n| " + " | ".join(f"value-{n}-long" for n in range(30)) + " |\n",
    "a 2,000-character word": "w" * 2_000 + "\n",
}


@pytest.mark.parametrize("body", WIDE.values(), ids=WIDE.keys())
def test_wide_content_never_widens_the_page(window_view: ArticleView, body: str) -> None:
    window_view.show_article(make_article(body="Before.\n\n" + body + "\nAfter."))
    document = window_view.document()
    assert document.size().width() <= window_view.viewport().width()
    assert window_view.horizontalScrollBar().maximum() == 0
    assert not window_view.horizontalScrollBar().isVisible()
    assert "After." in window_view.toPlainText()


def _png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def test_assets_images_fit_the_column_and_open_full_size(
        window_view: ArticleView, make_archive: Callable[..., Path], qtbot: QtBot) -> None:
    body = ("<figure>\n\n![Big](assets/big.png)\n\n<figcaption>\n\nThe big one\n\n</figcaption>\n\n"
            "</figure>\n\n![Small](assets/small.png)\n")
    root = make_archive({"pics": f'+++\ntitle = "Pics"\n+++\n\n{body}'})
    (root / "assets").mkdir()
    (root / "assets" / "big.png").write_bytes(_png(3000, 1500))
    (root / "assets" / "small.png").write_bytes(_png(120, 80))
    archive = open_archive(root)
    window_view.set_archive(archive)
    window_view.show_article(archive.article("pics"))
    assert window_view.document().size().width() <= window_view.viewport().width()
    assert window_view.horizontalScrollBar().maximum() == 0
    html = window_view.toHtml()
    assert 'width="120"' in html  # small images keep their own size
    text = window_view.toPlainText()
    assert text.index("\ufffc") < text.index("The big one")  # the caption is under its image
    dialogs: list[QDialog] = []
    window_view.external_link.connect(lambda url: dialogs.append(None))  # type: ignore[arg-type]
    window_view.anchorClicked.emit(QUrl("assets/big.png"))
    shown = [w for w in window_view.window().findChildren(QDialog) if w.isVisible()]
    assert not dialogs and len(shown) == 1
    label = shown[0].findChild(QLabel)
    assert label is not None and label.pixmap().width() == 3000
    shown[0].close()
