"""The notes file: CRUD, undo, search, schema versions, durability."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotations import Annotation, AnnotationStore, Selector
from reader.core.annotations import store as storemod
from reader.core.errors import ReaderError


def note(article: str = "a1", quote: str = "the quoted words", *, note: str = "", start: int = 10,
         archive: str = "arch", tags: tuple[str, ...] = ()) -> Annotation:
    sel = Selector(exact=quote, prefix="before ", suffix=" after", start=start, end=start + len(quote))
    return Annotation.new(archive, article, sel, creator="Ann", note=note, tags=tags,
                          now="2026-11-25T10:00:00Z")


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    with AnnotationStore.in_dir(tmp_path) as opened:
        yield opened


def test_settings_of_the_file(store: AnnotationStore) -> None:
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.version == storemod.SCHEMA_VERSION == 5
    assert store.path.name == "annotations.sqlite"


def test_add_get_and_lists(store: AnnotationStore) -> None:
    first = store.add(note(start=50, tags=("x", "y"), note="**why** it matters"))
    second = store.add(note(start=5))
    other_article = store.add(note(article="a2"))
    other_archive = store.add(note(archive="elsewhere"))
    assert store.get(first.id) == first and store.get("nope") is None
    assert first.tags == ("x", "y") and first.created == first.modified == "2026-11-25T10:00:00Z"
    assert [a.id for a in store.for_article("arch", "a1")] == [second.id, first.id]  # reading order
    assert {a.id for a in store.all("arch")} == {first.id, second.id, other_article.id}
    assert len(store.all()) == 4 and other_archive in store.all()
    with pytest.raises(ReaderError, match="already exists"):
        store.add(first)


def test_update_bumps_modified_and_keeps_created(store: AnnotationStore) -> None:
    added = store.add(note())
    changed = store.update(replace(added, note="new text", color="green", tags=("t",)))
    assert changed.modified > added.modified and changed.created == added.created
    assert store.get(added.id) == changed
    with pytest.raises(ReaderError):
        store.update(note())  # never added


def test_delete_returns_the_record_and_restore_undoes_it(store: AnnotationStore) -> None:
    added = store.add(note(note="keep me"))
    gone = store.delete(added.id)
    assert gone == added and store.get(added.id) is None
    assert store.search_notes("keep") == []
    store.restore(gone)
    assert store.get(added.id) == added
    assert [a.id for a in store.search_notes("keep")] == [added.id]
    with pytest.raises(ReaderError, match="no note"):
        store.delete("missing")


def test_set_anchor_writes_positions_and_state_not_modified(store: AnnotationStore) -> None:
    added = store.add(note())
    store.set_anchor(added.id, 100, 116, "moved")
    found = store.get(added.id)
    assert found is not None and (found.start, found.end, found.anchored) == (100, 116, "moved")
    assert found.modified == added.modified and found.quote == added.quote


@pytest.mark.parametrize("fts", [True, False])
def test_search_notes_over_note_and_quote(store: AnnotationStore, fts: bool) -> None:
    assert store.fts  # this SQLite has FTS5; the LIKE fallback is forced below
    store.fts = fts
    about_war = store.add(note(note="Notes on the **civil war** and famine"))
    quoting = store.add(note(quote="Einstein famously remarked"))
    other = store.add(note(archive="b", note="war elsewhere"))
    assert {a.id for a in store.search_notes("war")} == {about_war.id, other.id}
    assert [a.id for a in store.search_notes("war", archive="arch")] == [about_war.id]
    assert [a.id for a in store.search_notes("einstein")] == [quoting.id]
    assert [a.id for a in store.search_notes("famine civil")] == [about_war.id]
    assert [a.id for a in store.search_notes("fami")] == [about_war.id]  # as you type
    assert store.search_notes("war peace") == [] and store.search_notes("  ") == []
    assert store.search_notes('NEAR( "zebra" OR') == []  # user text is never query syntax
    assert [a.id for a in store.search_notes('"civil" (war)')] == [about_war.id]
    store.update(replace(about_war, note="rewritten"))
    assert [a.id for a in store.search_notes("war")] == [other.id]


def test_notes_survive_reopening(tmp_path: Path) -> None:
    with AnnotationStore.in_dir(tmp_path) as first:
        added = first.add(note(note="durable"))
        removed = first.add(note(note="gone"))
        first.delete(removed.id)
    with AnnotationStore.in_dir(tmp_path) as again:
        assert again.all() == [added]
        assert [a.id for a in again.search_notes("durable")] == [added.id]


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / storemod.STORE_FILE
    with AnnotationStore(path) as store:
        store.add(note())
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(ReaderError, match=rf"newer Reading Room \(schema 7.*up to {storemod.SCHEMA_VERSION}"):
        AnnotationStore(path)
    assert path.read_bytes() == before


def test_migrations_run_in_order_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / storemod.STORE_FILE
    with AnnotationStore(path) as store:
        kept = store.add(note())
    ran: list[int] = []

    def v2(db: sqlite3.Connection) -> None:
        ran.append(2)
        db.execute("ALTER TABLE annotations ADD COLUMN extra TEXT NOT NULL DEFAULT ''")

    future = storemod.SCHEMA_VERSION + 1
    monkeypatch.setattr(storemod, "MIGRATIONS", [*storemod.MIGRATIONS, v2])
    monkeypatch.setattr(storemod, "SCHEMA_VERSION", future)
    for _ in range(2):
        with AnnotationStore(path) as store:
            assert store.version == future and store.get(kept.id) == kept
    assert ran == [2]


def test_a_failed_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / storemod.STORE_FILE
    AnnotationStore(path).close()

    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    current = storemod.SCHEMA_VERSION
    monkeypatch.setattr(storemod, "MIGRATIONS", [*storemod.MIGRATIONS, broken])
    monkeypatch.setattr(storemod, "SCHEMA_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        AnnotationStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == current
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    db.close()


def test_not_a_database_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / storemod.STORE_FILE
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ReaderError, match="cannot open the notes file"):
        AnnotationStore(path)
