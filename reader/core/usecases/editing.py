"""Edit and delete one note: what the notes pane's editor and ``notes edit/delete`` both do.

An edit keeps the replaced version in the note's history; a deletion keeps
the last version there too and leaves a tombstone, so a group learns of it
(:mod:`reader.core.usecases.groups`) instead of bringing the note back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from reader.core.annotations import COLORS, Annotation, AnnotationStore, Color
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.usecases.changes import Changes, Outcome


def _find(store: AnnotationStore, note_id: str) -> Annotation:
    note = store.get(note_id)
    if note is None:
        when = store.deleted_at(note_id)
        if when is not None:
            raise ReaderError(_("The note {note_id} was deleted ({when}).")
                              .format(note_id=note_id, when=when))
        raise ReaderError(_("No note with id {note_id!r} (see 'notes list').").format(note_id=note_id))
    return note


def edit_note(store: AnnotationStore, note_id: str, *, note: str | None = None, color: str | None = None,
              tags: Sequence[str] | None = None) -> Outcome[Annotation]:
    """Change the text, colour and/or tags of a note (``None``: unchanged); ``modified`` becomes now."""
    current = _find(store, note_id)
    if color is not None and color not in COLORS:
        raise ReaderError(_("Unknown colour {color!r} (one of {join}).")
                          .format(color=color, join=', '.join(COLORS)))
    changed = replace(current, note=current.note if note is None else note,
                      color=current.color if color is None else cast(Color, color),
                      tags=current.tags if tags is None else tuple(dict.fromkeys(tags)))
    if changed == current:
        return Outcome(_("Note {note_id} is unchanged.").format(note_id=note_id), current)
    saved = store.update(changed)
    return Outcome(_("Note {note_id} saved (the earlier version is kept in its history).")
                   .format(note_id=note_id), saved,
                   Changes(notes=True))


def delete_note(store: AnnotationStore, note_id: str) -> Outcome[Annotation]:
    """Delete a note; its last version stays in the history and the deletion travels to a group."""
    gone = store.delete(_find(store, note_id).id)
    return Outcome(_("Note {note_id} deleted.").format(note_id=note_id), gone, Changes(notes=True))
