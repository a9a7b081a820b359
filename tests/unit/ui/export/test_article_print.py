"""Printing an article as shown: same words under a highlight, print colours, real PDF pages."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from reader.core.archive import Archive, Article, ArticleMeta, open_archive
from reader.core.paths import resolve
from reader.core.resources import bundled_archive
from reader.core.usecases.context import AppContext
from reader.core.usecases.printing import export_article_pdf
from reader.ui.article.view import ArticleView
from reader.ui.export.article_print import (
    article_pdf_writer,
    print_document,
    print_marks,
    print_to,
    write_pdf,
)
from reader.ui.notes.colors import background

PHRASE = "socialism"


@pytest.fixture
def archive() -> Iterator[Archive]:
    with open_archive(bundled_archive()) as opened:
        yield opened


@pytest.fixture
def article(archive: Archive) -> Article:
    return archive.article(archive.articles()[0].id)


@pytest.fixture
def dark_view(qtbot: QtBot, archive: Archive, article: Article) -> ArticleView:
    """The article in the view under the dark theme: the screen the reader prints from."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.set_archive(archive)
    view.set_theme("dark")
    view.show_article(article)
    return view


def selected(document: QTextDocument, start: int, stop: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def phrase_span(view: ArticleView, occurrence: int = 3) -> tuple[int, int]:
    """A span well into the body (past the header), found in the view's own text."""
    text, start = view.toPlainText(), -1
    for _ in range(occurrence):
        start = text.index(PHRASE, start + 1)
    return start, start + len(PHRASE)


def test_marks_cover_the_same_words_as_in_the_view(dark_view: ArticleView, article: Article) -> None:
    text = dark_view.toPlainText()
    spans = [phrase_span(dark_view), (len(text) // 2, len(text) // 2 + 40), (len(text) - 30, len(text) - 2)]
    document = print_document(article, print_marks([(s, e, "yellow", "highlight") for s, e in spans]))
    assert document.toPlainText() == text
    for start, stop in spans:
        assert selected(document, start, stop) == selected(dark_view.document(), start, stop)
        inside = QTextCursor(document)
        inside.setPosition(start + 1)
        assert inside.charFormat().background().color() == background("yellow", "light")
    outside = QTextCursor(document)
    outside.setPosition(spans[0][0] - 1)
    assert outside.charFormat().background().color() != background("yellow", "light")


def test_print_marks_use_light_colours_whatever_the_theme(qapp: object) -> None:
    [(start, stop, highlight), (_, _, underline)] = print_marks(
        [(1, 4, "green", "highlight"), (5, 9, "blue", "underline")])
    assert (start, stop) == (1, 4)
    assert highlight.background().color() == background("green", "light")
    assert underline.underlineStyle() == underline.UnderlineStyle.SingleUnderline


def test_out_of_range_marks_are_clipped(qapp: object) -> None:
    article = Article(ArticleMeta("a", "A"), "Short text.")
    document = print_document(article, print_marks([(-5, 3, "pink", "highlight"), (2, 10_000, "blue",
                                                                                   "highlight")]))
    assert "Short text." in document.toPlainText()


def test_images_come_only_from_the_archive_assets(qapp: object, tmp_path: Path) -> None:
    local = tmp_path / "x.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    picture.save(str(local))
    asked: list[str] = []

    def assets(path: str) -> bytes | None:
        asked.append(path)
        return local.read_bytes() if path == "pic.png" else None

    body = f"![a](pic.png) ![b](file://{local}) ![c]({local}) ![d](https://example.org/c.png)"
    document = print_document(Article(ArticleMeta("a", "A"), body), [], assets)
    document.size()  # lays out, which loads the images
    assert "pic.png" in asked and not any(a.startswith(("http", "file")) for a in asked)
    served = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl("pic.png"))
    assert isinstance(served, QImage) and served.width() == 4
    for url in (f"file://{local}", str(local)):
        refused = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
        assert not isinstance(refused, QImage) or refused.width() <= 1  # never read from disk


def test_article_pdf_has_the_highlight_on_a_white_page(dark_view: ArticleView, archive: Archive,
                                                       article: Article, tmp_path: Path) -> None:
    span = phrase_span(dark_view, occurrence=1)
    writer = article_pdf_writer(lambda _article: print_marks([(*span, "yellow", "highlight")]),
                                archive.asset)
    target = tmp_path / "out" / "article.pdf"
    outcome = export_article_pdf(AppContext.of(resolve(tmp_path / "data")), archive, article.id,
                                 target, writer)
    assert outcome.value >= 2 and target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["article.pdf"]  # no temporary file left
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
                   check=True)
    [png] = tmp_path.glob("p*.png")
    image = QImage(str(png))
    assert not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert background("yellow", "light").name() in colours  # the highlight
    assert background("yellow", "dark").name() not in colours
    corners = [image.pixelColor(x, y) for x in (2, image.width() - 3) for y in (2, image.height() - 3)]
    assert corners == [QColor("#ffffff")] * 4  # paper, not the dark theme's background
    dark_text = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                    if image.pixelColor(x, y).lightness() < 80)
    assert dark_text > 200  # dark ink on white


def test_print_to_a_pdf_printer(qapp: object, article: Article, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_to(print_document(article, []), printer)
    assert pages >= 2 and (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_write_pdf_is_atomic(qapp: object, tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"older file")
    document = QTextDocument()
    document.setPlainText("hello")
    assert write_pdf(document, target) == 1
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]
