"""One member's file in a group folder: their notes as W3C JSON, plus who they are and what they deleted.

The file is a W3C ``AnnotationCollection`` that any tool can read; what only
a group needs travels under our ``rr:`` namespace: ``rr:member`` (a stable id,
a display name, and when they left, if they did) and ``rr:deleted`` (the
tombstones: note ids and when they were deleted, so a deletion is not undone
by a member who still has the note) and ``rr:history`` (earlier and losing
versions of notes, as W3C annotations, so every member keeps the same history).
Pure functions: the folder is the use case's business (:mod:`reader.core.usecases.groups`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reader.core.annotations import Annotation
from reader.core.export import w3c
from reader.core.export.context import ExportContext
from reader.core.export.importer import (
    NotesFileError,
    Record,
    _is_uuid,
    _stamp,
    _text,
    load_json,
    parse_value,
)
from reader.core.i18n import _

SUFFIX = ".json"


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    left: str = ""  # when the member left the group (their layer stays)


@dataclass(frozen=True)
class MemberFile:
    member: Member
    records: list[Record] = field(default_factory=list)
    deleted: dict[str, str] = field(default_factory=dict)  # note id -> when
    history: list[Record] = field(default_factory=list)  # earlier versions of notes


def member_document(member: Member, notes: Sequence[Annotation], deleted: Mapping[str, str],
                    context: ExportContext, history: Sequence[Annotation] = ()) -> bytes:
    items = [w3c.annotation_json(note, context) for note in notes]
    document: dict[str, object] = {
        "@context": w3c.CONTEXT,
        "type": "AnnotationCollection",
        "label": _("Notes of {name}: {archive_title}")
                 .format(name=member.name, archive_title=context.archive_title),
        "rr:member": {"id": member.id, "name": member.name, **({"left": member.left} if member.left else {})},
        "rr:deleted": [{"id": f"urn:uuid:{ident}", "deleted": when}
                       for ident, when in sorted(deleted.items())],
        "rr:history": [w3c.annotation_json(note, context) for note in history],
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_member(data: bytes) -> MemberFile:
    """Parse a member's file; any problem is a :class:`NotesFileError` naming it."""
    value = load_json(data)
    if not isinstance(value, dict) or not isinstance(value.get("rr:member"), dict):
        raise NotesFileError(_("it is not a group member's notes file (no 'rr:member')"))
    raw = value["rr:member"]
    ident = _text(raw.get("id"), _("the member 'id'"))
    if not _is_uuid(ident):
        raise NotesFileError(_("the member 'id' is not a UUID"))
    left = _stamp(raw["left"], _("the member 'left'")) if raw.get("left") else ""
    member = Member(ident, _text(raw.get("name", ""), _("the member 'name'")), left)
    deleted: dict[str, str] = {}
    tombstones = value.get("rr:deleted", [])
    if not isinstance(tombstones, list):
        raise NotesFileError(_("'rr:deleted' is not a list"))
    for n, stone in enumerate(tombstones, 1):
        if not isinstance(stone, dict):
            raise NotesFileError(_("deletion {n} is not an object").format(n=n))
        bare = _text(stone.get("id"), _("deletion {n} 'id'").format(n=n)).removeprefix("urn:uuid:")
        if _is_uuid(bare):
            when = _stamp(stone.get("deleted"), _("deletion {n} 'deleted'").format(n=n))
            deleted[bare] = min(when, deleted.get(bare, when))
    history = value.get("rr:history", [])
    if not isinstance(history, list):
        raise NotesFileError(_("'rr:history' is not a list"))
    return MemberFile(member, parse_value(value), deleted, parse_value(history))
