"""Undoable changes to the annotation store: add, edit, delete.

Each command changes the store, then calls ``changed()`` so the controller
redraws and tells listeners.  Undoing an add deletes the row and keeps the
record the store returns, so redo restores that exact record (same id and
timestamps) rather than making a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.core.annotations.model import Annotation
from reader.core.annotations.store import AnnotationStore
from reader.core.i18n import _


class AddCommand(QUndoCommand):
    def __init__(self, store: AnnotationStore, annotation: Annotation, changed: Callable[[], None]) -> None:
        super().__init__(_("Add bookmark") if annotation.is_bookmark else
                         _("Add note") if annotation.note else _("Add highlight"))
        self.store, self.annotation, self.changed = store, annotation, changed
        self._record: Annotation | None = None

    def redo(self) -> None:
        if self._record is None:
            self.store.add(self.annotation)
        else:
            self.store.restore(self._record)
        self.changed()

    def undo(self) -> None:
        self._record = self.store.delete(self.annotation.id)
        self.changed()


class EditCommand(QUndoCommand):
    def __init__(self, store: AnnotationStore, before: Annotation, after: Annotation,
                 changed: Callable[[], None]) -> None:
        super().__init__(_("Edit note") if before.note != after.note else _("Change highlight"))
        self.store, self.before, self.after, self.changed = store, before, after, changed

    def redo(self) -> None:
        self.store.update(self.after)
        self.changed()

    def undo(self) -> None:
        self.store.delete(self.before.id)  # delete + restore: the record exactly as it was
        self.store.restore(self.before)
        self.changed()


class DeleteCommand(QUndoCommand):
    def __init__(self, store: AnnotationStore, annotation: Annotation, changed: Callable[[], None]) -> None:
        super().__init__(_("Delete note") if annotation.note else _("Delete highlight"))
        self.store, self.annotation, self.changed = store, annotation, changed
        self._record: Annotation | None = None

    def redo(self) -> None:
        self._record = self.store.delete(self.annotation.id)
        self.changed()

    def undo(self) -> None:
        if self._record is not None:
            self.store.restore(self._record)
        self.changed()
