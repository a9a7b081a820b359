"""A group member's file and the merge rule, without processes: same result in any order."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import open_archive
from reader.core.export.context import ExportContext
from reader.core.export.groupfile import Member, member_document, read_member
from reader.core.export.groupmerge import reconcile
from reader.core.export.importer import NotesFileError
from reader.core.resources import bundled_archive

SEED = "hasnt-socialism-been-tried-and-failed"
A, B = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"


def test_a_member_file_round_trips_with_its_deletions(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        notes = Annotations(store, archive)
        kept = notes.add_quote(SEED, "In 1917,", note="kept", creator="Ann")
        gone = notes.add_quote(SEED, "Einstein famously remarked")
        store.delete(gone.id)
        data = member_document(Member(A, "Ann", left="2026-01-01T00:00:00Z"), store.all(),
                               store.tombstones(archive.info.id), ExportContext.of(archive))
        assert store.history(gone.id)[-1].quote == "Einstein famously remarked"  # nothing lost
    read = read_member(data)
    assert read.member == Member(A, "Ann", "2026-01-01T00:00:00Z")
    assert [r.id for r in read.records] == [kept.id] and set(read.deleted) == {gone.id}
    with pytest.raises(NotesFileError, match="rr:member"):
        read_member(b'{"type": "AnnotationCollection", "first": {"items": []}}')


def test_the_same_versions_in_any_order_give_the_same_notes(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    context = ExportContext.of(archive)
    with AnnotationStore(tmp_path / "seed.sqlite") as seed:
        base = Annotations(seed, archive).add_quote(SEED, "In 1917,", note="base")
    same_second = "2030-01-01T00:00:00Z"
    one = dataclasses.replace(base, note="one", modified=same_second)
    two = dataclasses.replace(base, note="two", modified=same_second)
    files = [read_member(member_document(Member(m, "x"), [v], {}, context)) for m, v in ((A, one), (B, two))]
    results = []
    for n, order in enumerate(itertools.permutations(files)):
        with AnnotationStore(tmp_path / f"{n}.sqlite") as store:
            store.put(base)
            reconcile(store, archive, list(order))
            shown = store.get(base.id)
            assert shown is not None
            results.append((shown.note, {h.note for h in store.history(base.id)}))
    assert len(set(r[0] for r in results)) == 1
    assert all({r[0]} | r[1] == {"base", "one", "two"} for r in results)
