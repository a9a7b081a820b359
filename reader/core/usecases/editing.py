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


def rename_bookmark(store: AnnotationStore, bookmark_id: str, name: str) -> Outcome[Annotation]:
    """Give a bookmark a new name (its place stays); the old name is kept in its history."""
    current = _find(store, bookmark_id)
    if not current.is_bookmark:
        raise ReaderError(_("{bookmark_id} is a note, not a bookmark (use 'notes edit').")
                          .format(bookmark_id=bookmark_id))
    name = " ".join(name.split())
    if not name:
        raise ReaderError(_("A bookmark needs a name."))
    if name == current.note:
        return Outcome(_("Bookmark {bookmark_id} is unchanged.").format(bookmark_id=bookmark_id), current)
    saved = store.update(replace(current, note=name))
    return Outcome(_("Bookmark renamed to {name!r}.").format(name=name), saved, Changes(notes=True))


def note_history(store: AnnotationStore, note_id: str) -> list[Annotation]:
    """The earlier versions of a note, oldest first, its current one (if not deleted) last.

    In a group these are the same for every member: the losing edits travel in
    the group files (:mod:`reader.core.export.groupmerge`).
    """
    current = store.get(note_id)
    earlier = store.history(note_id)
    if current is None and not earlier:
        raise ReaderError(_("No note with id {note_id!r} (see 'notes list').").format(note_id=note_id))
    if current is None:
        return earlier
    now = (current.modified, current.content())
    return [v for v in earlier if (v.modified, v.content()) != now] + [current]
