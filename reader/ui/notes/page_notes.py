"""Notes on the whole article, shown above its text: a framed block the reader cannot miss.

A page note (a W3C target with no selector, Hypothesis' "page note") has no
words to highlight, so the article view cannot draw it; this block lists the
shown article's page notes with their colour and author, and a click (or Enter
on a focused one) opens the same editor as a highlight.  It follows the notes
controller's ``annotations_changed`` and hides itself when there is none.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from reader.core.annotations.model import Annotation
from reader.core.i18n import _
from reader.ui.notes.colors import color_name
from reader.ui.notes.controller import NotesController
from reader.ui.notes.model import PAGE_NOTE, note_text
from reader.ui.notes.toolbar import swatch_icon

NOTE_CHARS = 300
SHOWN = 4  # page notes listed; more are named in the title (all are in the notes pane)


def button_text(note: Annotation) -> str:
    words = note_text(note.note) or _("(no note)")
    words = words if len(words) <= NOTE_CHARS else words[:NOTE_CHARS - 1].rstrip() + "…"
    return _("{name}: {words}").format(name=note.creator or _("(no name)"), words=words)


class PageNotesBar(QFrame):
    """The shown article's page notes, one flat button each (click or Enter: edit)."""

    def __init__(self, controller: NotesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("page_notes")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Notes on the whole article"))
        self.title = QLabel(_(PAGE_NOTE))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.title)
        controller.annotations_changed.connect(self.refresh)
        controller.layers.on_change(self.refresh)  # a hidden layer's page notes go too
        self.refresh()

    def notes(self) -> list[Annotation]:
        """The shown article's page notes whose layer is shown, oldest first."""
        found = [a for a, _match in self.controller.rows()
                 if a.selector.is_page and self.controller.layers.visible(a.creator)]
        return sorted(found, key=lambda a: (a.created, a.id))

    def refresh(self) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        notes = self.notes()
        self.buttons = [self._button(note) for note in notes[:SHOWN]]
        more = len(notes) - SHOWN
        extra = _(" ({more} more in the notes pane)").format(more=more) if more > 0 else ""
        self.title.setText(_(PAGE_NOTE) + extra)
        self.setVisible(bool(notes))

    def _button(self, note: Annotation) -> QPushButton:
        button = QPushButton(swatch_icon(note.color), button_text(note), self)
        button.setFlat(True)
        button.setIconSize(QSize(12, 12))
        button.setStyleSheet("text-align: left; padding: 2px;")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        button.setToolTip(note_text(note.note) or _("Click to write a note on the whole article"))
        button.setAccessibleName(_("Page note by {name}, {color}")
                                 .format(name=note.creator or _("no name"),
                                         color=color_name(note.color).lower()))
        button.setAutoDefault(True)  # Enter on the focused note opens it, as a click does
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda _checked=False, n=note: self.controller.open_editor(n))
        self._layout.addWidget(button)
        self.buttons.append(button)
        return button
