"""Note history (schema v2): upgrading keeps every note; replaced versions are kept."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore, rows
from reader.core.annotations import store as storemod
from reader.core.archive import open_archive
from reader.core.export import export
from reader.core.export.importer import parse
from reader.core.export.merge import merge
from tests.unit.core.annotations.test_store import note
from tests.unit.core.export.test_exporters import CONTEXT, notes
from tests.unit.core.export.test_merge import ARTICLES


def test_a_v1_file_is_upgraded_to_v2_with_all_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / storemod.STORE_FILE
    with monkeypatch.context() as patch:
        patch.setattr(storemod, "MIGRATIONS", storemod.MIGRATIONS[:1])
        patch.setattr(storemod, "SCHEMA_VERSION", 1)
        with AnnotationStore(path) as old:
            assert old.version == 1
    kept = [note(start=n, note=f"n{n}") for n in range(3)]
    v1_columns = rows.COLUMNS.removesuffix(", kept, kind")
    with sqlite3.connect(path) as db:  # rows as a v1 Reading Room wrote them
        db.executemany(f"INSERT INTO annotations ({v1_columns}) VALUES ({', '.join('?' * 16)})",
                       [rows.row_of(k)[:16] for k in kept])
    db.close()
    with AnnotationStore(path) as store:
        assert store.version == storemod.SCHEMA_VERSION == 5  # v1 -> v2 -> v3 -> v4 -> v5
        assert store.all() == sorted(kept, key=lambda a: a.start)
        assert store.history(kept[0].id) == []
        assert [a.id for a in store.search_notes("n1")] == [kept[1].id]


def test_update_keeps_the_previous_version(tmp_path: Path) -> None:
    with AnnotationStore.in_dir(tmp_path) as store:
        first = store.add(note(note="first"))
        store.update(dataclasses.replace(first, note="second"))
        assert store.get(first.id).note == "second"  # type: ignore[union-attr]
        assert store.history(first.id) == [first]


def test_a_newer_import_moves_ours_to_history_and_an_older_one_is_kept_too(
        tmp_path: Path, make_archive) -> None:
    records = parse(export("json", notes(), CONTEXT))
    with open_archive(make_archive(ARTICLES)) as archive, AnnotationStore(tmp_path / "n.sqlite") as store:
        merge(store, archive, records)
        before = store.get(records[0].id)
        newer = dataclasses.replace(records[0], note="edited", modified="2030-01-01T00:00:00Z")
        older = dataclasses.replace(records[1], note="stale", modified="2000-01-01T00:00:00Z")
        report = merge(store, archive, [newer, older])
        assert (report.updated, report.skipped) == (1, {"older than yours": 1})
        assert store.history(newer.id) == [before]
        assert [a.note for a in store.history(older.id)] == ["stale"]
        assert store.get(older.id).note == ""  # type: ignore[union-attr]
        merge(store, archive, [newer, older])  # the same file again adds no history
        assert len(store.history(newer.id)) == 1 and len(store.history(older.id)) == 1


def test_also_runs_in_the_merge_transaction(tmp_path: Path, make_archive) -> None:
    records = parse(export("json", notes(), CONTEXT))
    with open_archive(make_archive(ARTICLES)) as archive, AnnotationStore(tmp_path / "n.sqlite") as store:
        def fail() -> None:
            raise OSError("disk full")

        with pytest.raises(OSError):
            merge(store, archive, records, also=fail)
        assert store.all() == []


def test_a_read_only_v3_file_is_read_with_todays_queries(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / storemod.STORE_FILE
    with monkeypatch.context() as patch:
        patch.setattr(storemod, "MIGRATIONS", storemod.MIGRATIONS[:3])
        patch.setattr(storemod, "SCHEMA_VERSION", 3)
        with AnnotationStore(path) as old:
            assert old.version == 3
    kept = note(note="from v3")
    v3_columns = rows.COLUMNS.removesuffix(", kept, kind")
    with sqlite3.connect(path) as db:
        db.execute(f"INSERT INTO annotations ({v3_columns}) VALUES ({', '.join('?' * 16)})",
                   rows.row_of(kept)[:16])
    db.close()
    before = path.read_bytes()
    with AnnotationStore(path, read_only=True) as store:
        assert store.version == 3 and store.all() == [kept] and store.history(kept.id) == []
        assert store.group_state() == {} and store.tombstones(kept.archive) == {}
    assert path.read_bytes() == before
