"""Tells a screen reader about highlights and notes, which are otherwise only colours.

When the shown article's annotations change (added, removed, recoloured, a note
written or cleared, by a key, a menu, undo or an import) the change is announced;
when the caret enters a highlight, its colour and note are announced and become the
article's accessible description; leaving it empties the description (Orca says every
non-empty description change of the focused widget, even the versions that ignore
announcements, so this stays silent) and the view's own description, its keys, comes back
once it loses the focus.  Opening another article announces nothing: its highlights are
simply there.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTextBrowser

from reader.core.annotations.model import Annotation
from reader.core.annotations.service import Anchored
from reader.core.i18n import _
from reader.ui.accessibility import announce
from reader.ui.notes.colors import color_name, style_name

NOTE_SPOKEN = 200  # characters of a note read out when the caret enters its highlight


class NotesSource(Protocol):
    """What the announcer needs of the notes controller."""

    view: QTextBrowser
    article_id: str | None

    def rows(self) -> list[Anchored]: ...

    def annotation_at(self, position: int) -> Annotation | None: ...


def kind(annotation: Annotation) -> str:
    """ "Yellow highlight", "Blue underline"."""
    said = _("{color} {style}").format(color=color_name(annotation.color).lower(),
                                       style=style_name(annotation.style).lower())
    return said[:1].upper() + said[1:]


def describe(annotation: Annotation) -> str:
    """What the caret entering ``annotation`` says."""
    text = kind(annotation)
    if annotation.note:
        note = annotation.note if len(annotation.note) <= NOTE_SPOKEN else annotation.note[:NOTE_SPOKEN] + "…"
        text += _(" with a note: {note}").format(note=note)
    return text


def changes(before: dict[str, Annotation], after: dict[str, Annotation]) -> list[str]:
    """The sentences announcing what changed from ``before`` to ``after`` (keyed by id)."""
    said = []
    for key, now in after.items():
        old = before.get(key)
        if old is None:
            added = _("{kind} added with a note") if now.note else _("{kind} added")
            said.append(added.format(kind=kind(now)))
        elif old.note != now.note:
            said.append(_("Note removed") if not now.note else
                        _("Note added") if not old.note else _("Note changed"))
        elif (old.color, old.style) != (now.color, now.style):
            said.append(_("Now a {kind}").format(kind=kind(now).lower()))
    removed = [old for key, old in before.items() if key not in after]
    said.extend(_("{kind} removed").format(kind=kind(old)) for old in removed)
    return said


class NotesAnnouncer(QObject):
    """Listens to a notes controller and its view; speaks through :func:`announce`."""

    def __init__(self, notes: NotesSource, changed: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes, self.view = notes, notes.view
        self._plain_description = self.view.accessibleDescription()  # said outside highlights
        self._article = notes.article_id
        self._known = self._current()
        self._inside: str | None = None  # the id of the highlight the caret is in
        changed.connect(self._on_changed)  # type: ignore[attr-defined]
        self.view.cursorPositionChanged.connect(self._on_caret)
        self.view.installEventFilter(self)

    def _current(self) -> dict[str, Annotation]:
        return {annotation.id: annotation for annotation, _match in self.notes.rows()}

    def _on_changed(self) -> None:
        now = self._current()
        if self.notes.article_id != self._article:  # another article: nothing was done to it
            self._article, self._known, self._inside = self.notes.article_id, now, None
            self.view.setAccessibleDescription(self._plain_description)
            return
        said = changes(self._known, now)
        self._known = now
        if said:
            announce(self.view, ". ".join(said) + ".")
        self._inside = ""  # what the caret is in may have changed under it: look again
        self._on_caret()

    def _on_caret(self) -> None:
        cursor = self.view.textCursor()
        found = None if cursor.hasSelection() else self.notes.annotation_at(cursor.position())
        key = found.id if found is not None else None
        if key == self._inside:
            return
        self._inside = key
        self.view.setAccessibleDescription(describe(found) if found is not None else "")
        if found is not None and self.view.hasFocus():
            announce(self.view, describe(found))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self, self._restore_description)  # once the focus is elsewhere: unspoken
        return False

    def _restore_description(self) -> None:
        if not self.view.hasFocus() and not self._inside:
            self.view.setAccessibleDescription(self._plain_description)
