"""A real archive, a real notes store and an ArticleView with its NotesController, shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reader.core.annotations.store import AnnotationStore
from reader.core.archive import Archive, open_archive
from reader.ui.article.view import ArticleView
from reader.ui.notes.controller import NotesController
from reader.ui.notes.panel import NotesPanel

SHORT = """+++
title = "The Fox"
tags = ["animals"]
+++

The quick brown fox jumps over the lazy dog.

A *second* paragraph, with   odd   spacing and a [link](https://example.org/).
"""

LONG = "+++\ntitle = \"Long\"\n+++\n\n" + "\n\n".join(
    f"Filler paragraph {i} with nothing special in it at all." for i in range(120)
) + "\n\nHere the runners were running by the river.\n\nThe end.\n"


@dataclass
class Setup:
    host: QWidget
    view: ArticleView
    controller: NotesController
    panel: NotesPanel
    stack: QUndoStack


@pytest.fixture
def archive(make_archive) -> Iterator[Archive]:
    opened = open_archive(make_archive({"fox": SHORT, "long": LONG}))
    yield opened
    opened.close()


@pytest.fixture
def make_setup(qtbot: QtBot, archive: Archive, store: AnnotationStore) -> Callable[..., Setup]:
    """A view, its controller and a notes panel side by side in one shown, active window."""
    kept: list[Setup] = []  # qtbot only keeps weak references

    def make(creator: str = "Ada", managed: bool = True) -> Setup:
        """``managed=False``: the test destroys the window itself (qtbot would close it again)."""
        host = QWidget()
        layout = QHBoxLayout(host)
        view = ArticleView()
        view.set_archive(archive)
        stack = QUndoStack(host)
        controller = NotesController(view, store, archive, creator, stack)
        panel = NotesPanel(controller)
        panel.open_annotation.connect(
            lambda article_id, note_id: (view.show_article(archive.article(article_id)),
                                         controller.flash(note_id)))
        layout.addWidget(panel)
        layout.addWidget(view, 1)
        host.resize(1100, 480)
        if managed:
            qtbot.addWidget(host)
        with qtbot.waitExposed(host):
            host.show()
        with qtbot.waitActive(host):  # shortcuts (H, N, Ctrl+Z) need the active window
            host.activateWindow()
        view.setFocus()
        setup = Setup(host, view, controller, panel, stack)
        if managed:
            kept.append(setup)
        return setup

    return make


@pytest.fixture
def setup(make_setup: Callable[..., Setup], archive: Archive) -> Setup:
    made = make_setup()
    made.view.show_article(archive.article("fox"))
    return made


def select(view: ArticleView, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Select ``words`` in the view as a reader would (the view's own text cursor)."""
    text = view.toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return start, start + len(words)


def marked(view: ArticleView) -> list[str]:
    text = view.toPlainText()
    return [text[start:end] for start, end in view.marks("notes")]


def point_of(view: ArticleView, position: int) -> QPoint:
    """Viewport point on the character at ``position`` (for real mouse clicks)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())
