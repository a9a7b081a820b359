"""Notes → Add bookmark…: name the place where the reader is (the caret, else the top of the view).

The place is the first words there (:func:`reader.core.annotations.service.place_words`),
so a bookmark follows its words through a re-import like a note does; adding
one is undoable like any note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from reader.core.annotations.anchor import make_selector
from reader.core.annotations.model import Annotation
from reader.core.annotations.service import place_words
from reader.core.annotations.store import AnnotationStore
from reader.core.i18n import _
from reader.ui.article.view import ArticleView
from reader.ui.notes.commands import AddCommand
from reader.ui.notes.mapping import TextMap


class NotesController(Protocol):
    """What of the notes controller a bookmark needs (a Protocol: the controller imports this module)."""

    view: ArticleView
    store: AnnotationStore
    undo_stack: QUndoStack
    archive_id: str
    article_id: str | None
    creator: str

    @property
    def canonical(self) -> str: ...

    @property
    def text_map(self) -> TextMap | None: ...

    def refresh(self) -> None: ...

AskName = Callable[[QWidget, str], "str | None"]
LOOK_AHEAD = 80  # document characters read after the place to find its first words


def ask_name(parent: QWidget, default: str) -> str | None:
    name, ok = QInputDialog.getText(parent, _("Add bookmark"), _("Name of this place:"),
                                    QLineEdit.EchoMode.Normal, default)
    return " ".join(name.split()) if ok and name.strip() else None


def place(controller: NotesController) -> int:
    """The document position to bookmark: the caret (or selection) when it is in view, else the top line."""
    view = controller.view
    at = view.textCursor().selectionStart()
    rect = view.cursorRect(view.textCursor())
    caret = getattr(view, "caret", None)
    if caret is not None and caret.enabled and rect.top() >= 0 and rect.bottom() <= view.viewport().height():
        return at
    return view.top_position()


def add_bookmark(controller: NotesController, ask: AskName | None = None) -> Annotation | None:
    """Ask a name (the first words offered) and add the bookmark; None when there is no article or no name."""
    text, article_id, mapping = controller.canonical, controller.article_id, controller.text_map
    if article_id is None or mapping is None or not text.strip():
        return None
    at = place(controller)
    span = mapping.to_canonical(at, at + LOOK_AHEAD)
    start, end = place_words(text, span[0] if span else 0)
    name = (ask or ask_name)(controller.view, text[start:end])
    if name is None:
        return None
    made = Annotation.new(controller.archive_id, article_id, make_selector(text, start, end),
                          creator=controller.creator, note=name, kind="bookmark")
    controller.undo_stack.push(AddCommand(controller.store, made, controller.refresh))
    return made
