"""Article-view fixtures: a real ArticleView with its find bar, shown offscreen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reader.core.archive import Article, ArticleMeta
from reader.ui.article.view import ArticleView


def make_article(article_id: str = "alpha", body: str = "Some text.", title: str = "Alpha",
                 **meta: object) -> Article:
    return Article(ArticleMeta(article_id, title, **meta), body)  # type: ignore[arg-type]


def long_body(sections: int = 8, paragraphs: int = 5, word: str = "plain") -> str:
    """Headings and enough text to scroll, with a footnote in the first paragraph."""
    parts = ["Opening paragraph with a note.[^1]"]
    for s in range(1, sections + 1):
        parts.append(f"## Section {s}")
        if s == 3:
            parts.append("### Detail three")
        parts += [f"Paragraph {s}.{p} has some {word} words to fill the line and more of them."
                  for p in range(paragraphs)]
    parts.append("[^1]: The footnote text.")
    return "\n\n".join(parts) + "\n"


def point_of(view: ArticleView, position: int) -> QPoint:
    """Viewport point on the character at ``position`` (for real mouse clicks)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


@pytest.fixture
def make_view(qtbot: QtBot) -> Callable[..., ArticleView]:
    hosts: list[QWidget] = []  # qtbot only keeps weak references

    def make(cls: type[ArticleView] = ArticleView) -> ArticleView:
        host = QWidget()
        hosts.append(host)
        layout = QVBoxLayout(host)
        view = cls()
        layout.addWidget(view)
        layout.addWidget(view.find_bar)
        host.resize(900, 460)
        qtbot.addWidget(host)
        host.show()
        qtbot.waitExposed(host)
        return view

    return make


@pytest.fixture
def view(make_view: Callable[..., ArticleView]) -> ArticleView:
    return make_view()


@pytest.fixture
def window_view(qtbot: QtBot) -> ArticleView:
    """An article view alone at the size of a 1366×768 laptop screen."""
    view = ArticleView()
    view.resize(1366, 768)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view
