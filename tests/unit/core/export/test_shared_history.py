"""The history of losing edits travels in the group files, so every member keeps the same."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import open_archive
from reader.core.export.context import ExportContext
from reader.core.export.groupfile import Member, member_document, read_member
from reader.core.export.groupmerge import reconcile
from reader.core.resources import bundled_archive
from reader.core.usecases.editing import note_history

SEED = "hasnt-socialism-been-tried-and-failed"
A, B = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"


def test_a_losing_edit_reaches_the_member_who_never_saw_it(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    context = ExportContext.of(archive)
    with AnnotationStore(tmp_path / "a.sqlite") as a, AnnotationStore(tmp_path / "b.sqlite") as b:
        base = Annotations(a, archive).add_quote(SEED, "In 1917,", note="base", creator="Ann")
        b.put(base)
        mine = dataclasses.replace(base, note="Ann's edit", modified="2030-01-01T00:00:00Z")
        theirs = dataclasses.replace(base, note="Bob's edit", modified="2030-01-01T00:00:05Z")
        a.keep_history(base)
        a.put(mine)
        b.keep_history(base)
        b.put(theirs)
        mark = Annotations(b, archive).bookmark_quote(SEED, "Einstein famously remarked", "E")

        def file_of(store: AnnotationStore, member: str) -> bytes:
            return member_document(Member(member, member[:1]), store.all(), store.tombstones(archive.info.id),
                                   context, store.archive_history(archive.info.id))

        reconcile(a, archive, [read_member(file_of(b, B))])  # Ann's edit loses: into Ann's history
        reconcile(b, archive, [read_member(file_of(a, A))])  # and Bob learns of it from Ann's file
        seen_a = [(v.note, v.modified) for v in note_history(a, base.id)]
        seen_b = [(v.note, v.modified) for v in note_history(b, base.id)]
        assert seen_a == seen_b == [("base", base.modified), ("Ann's edit", mine.modified),
                                    ("Bob's edit", theirs.modified)]
        bookmark = a.get(mark.id)
        assert bookmark is not None and bookmark.kind == "bookmark" and bookmark.note == "E"
        again = file_of(b, B)
        reconcile(a, archive, [read_member(again)])  # nothing new: the history does not grow
        assert len(a.history(base.id)) == 2
        assert read_member(again).history and file_of(b, B) == again
