"""Merging records into the store: matching, de-duplication, all or nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore
from reader.core.archive import open_archive
from reader.core.export import export
from reader.core.export.importer import NotesFileError, parse
from reader.core.export.merge import merge
from tests.unit.core.export.test_exporters import CONTEXT, notes

ARTICLES = {
    "bread": '+++\ntitle = "Bread"\nsource_url = "https://example.org/bread"\n+++\n\nBread and roses, too.\n',
    "local": '+++\ntitle = "Local"\n+++\n\nx <script>alert(1)</script>\n',
}


def test_merge_adds_then_skips_then_updates(tmp_path: Path, make_archive) -> None:
    records = parse(export("json", notes(), CONTEXT))
    with open_archive(make_archive(ARTICLES)) as archive, AnnotationStore(tmp_path / "n.sqlite") as store:
        first = merge(store, archive, records)
        assert (first.imported, first.updated, first.skipped, first.elsewhere) == (3, 0, {}, [])
        assert [(n.article, n.id) for n in store.all()] == [(n.article, n.id) for n in notes()]
        again = merge(store, archive, records)
        assert (again.imported, again.updated, again.skipped) == (0, 0, {"unchanged": 3})
        newer = dataclasses.replace(records[0], note="edited", modified="2030-01-01T00:00:00Z")
        older = dataclasses.replace(records[1], note="stale", modified="2000-01-01T00:00:00Z")
        report = merge(store, archive, [newer, older, records[2]])
        assert (report.imported, report.updated) == (0, 1)
        assert report.summary() == "0 imported, 1 updated, 2 skipped (1 older than yours, 1 unchanged)"
        assert store.get(newer.id).note == "edited"  # type: ignore[union-attr]
        assert store.get(older.id).note == ""  # type: ignore[union-attr]


def test_elsewhere_is_listed_and_a_file_with_nothing_for_us_is_refused(tmp_path: Path, make_archive) -> None:
    records = parse(export("json", notes(), CONTEXT))
    lost = dataclasses.replace(records[0], id="00000000-0000-4000-8000-00000000000f",
                               source="https://elsewhere.example/x")
    with open_archive(make_archive(ARTICLES)) as archive, AnnotationStore(tmp_path / "n.sqlite") as store:
        report = merge(store, archive, [records[0], lost])
        assert report.elsewhere == ["https://elsewhere.example/x"]
        assert report.skipped == {"for articles not in this archive": 1}
        with pytest.raises(NotesFileError, match="none of the 1 notes"):
            merge(store, archive, [lost])


def test_a_failure_part_way_changes_nothing(tmp_path: Path, make_archive,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    records = parse(export("json", notes(), CONTEXT))
    with open_archive(make_archive(ARTICLES)) as archive, AnnotationStore(tmp_path / "n.sqlite") as store:
        real_put, calls = store.put, []

        def failing_put(note):  # type: ignore[no-untyped-def]
            calls.append(note.id)
            if len(calls) == 3:
                raise OSError("disk full")
            return real_put(note)

        monkeypatch.setattr(store, "put", failing_put)
        with pytest.raises(OSError):
            merge(store, archive, records)
        assert len(calls) == 3 and store.all() == []
