"""Regression suite from the second security sweep: the notes store and the reading state.

Each case is one failure of the disk or of a file the app wrote itself, and
one expected outcome: a ReaderError sentence (never "cannot rollback"),
nothing the user made lost or half-written, and reading — listing and
exporting existing notes — still working.  A full disk is SQLite's own
SQLITE_FULL, produced with ``PRAGMA max_page_count``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotations import Annotation, AnnotationStore, Selector
from reader.core.annotations import store as storemod
from reader.core.errors import ReaderError
from reader.core.export import ExportContext, export
from reader.core.state import STATE_FILE, ReadingState


def note(n: int, text: str = "") -> Annotation:
    quote = f"quoted words {n}"
    sel = Selector(exact=quote, prefix="before ", suffix=" after", start=n * 40, end=n * 40 + len(quote))
    return Annotation.new("arch", f"a{n % 3}", sel, creator="Ann", note=text or f"note {n}",
                          now="2026-11-25T10:00:00Z")


def filled(tmp_path: Path, count: int = 5) -> AnnotationStore:
    store = AnnotationStore.in_dir(tmp_path)
    for n in range(count):
        store.add(note(n))
    return store


def fill_disk(store: AnnotationStore) -> None:
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")


def _add(store: AnnotationStore) -> None:
    store.add(note(99, "x" * 20_000))


def _import(store: AnnotationStore) -> None:
    with store.transaction():
        for n in range(100, 160):
            store.put(note(n, "y" * 2_000))


def _update(store: AnnotationStore) -> None:
    first = store.all()[0]
    store.update(replace(first, note="z" * 30_000))


# (case, the write tried on a full disk)
FULL_DISK: list[tuple[str, Callable[[AnnotationStore], None]]] = [
    ("notes-add", _add), ("notes-import", _import), ("notes-edit", _update),
]


@pytest.mark.parametrize(("case", "write"), FULL_DISK, ids=[c[0] for c in FULL_DISK])
def test_full_disk_is_one_sentence_and_loses_nothing(tmp_path: Path, case: str,
                                                     write: Callable[[AnnotationStore], None]) -> None:
    with filled(tmp_path) as store:
        before = store.all()
        fill_disk(store)
        with pytest.raises(ReaderError) as caught:
            write(store)
        assert "disk is full" in str(caught.value) and "rollback" not in str(caught.value)
        assert store.all() == before
        assert not store._db.in_transaction
    with AnnotationStore.in_dir(tmp_path) as reopened:
        assert reopened.all() == before


def _forced(path: Path) -> AnnotationStore:
    return AnnotationStore(path, read_only=True)


def _unwritable_folder(path: Path, monkeypatch: pytest.MonkeyPatch) -> AnnotationStore:
    monkeypatch.setattr(storemod, "_writable", lambda _path: False)
    return AnnotationStore(path)


def _open_fails(path: Path, monkeypatch: pytest.MonkeyPatch) -> AnnotationStore:
    """The folder looks writable, but SQLite cannot create its journal (a read-only mount)."""
    def refuse(self: AnnotationStore) -> None:
        raise storemod._Unwritable("attempt to write a readonly database")
    monkeypatch.setattr(AnnotationStore, "_open_writable", refuse)
    return AnnotationStore(path)


# (case, how the store ends up read-only)
READ_ONLY: list[tuple[str, Callable[..., AnnotationStore]]] = [
    ("asked-read-only", lambda path, _mp: _forced(path)),
    ("folder-not-writable", _unwritable_folder),
    ("open-for-writing-fails", _open_fails),
]


@pytest.mark.parametrize(("case", "opener"), READ_ONLY, ids=[c[0] for c in READ_ONLY])
def test_read_only_data_dir_still_lists_and_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   case: str, opener: Callable[..., AnnotationStore]) -> None:
    with filled(tmp_path) as store:
        before = store.all()
    path = tmp_path / storemod.STORE_FILE
    data = path.read_bytes()
    with opener(path, monkeypatch) as store:
        assert store.read_only
        assert store.all() == before
        assert store.search_notes("note") and store.for_article("arch", "a0")
        exported = json.loads(export("json", store.all(), ExportContext("arch", "Arch")))
        assert exported
        with pytest.raises(ReaderError, match="read-only"):
            store.add(note(50))
        with pytest.raises(ReaderError, match="read-only"):
            store.delete(before[0].id)
    assert path.read_bytes() == data


def test_a_missing_notes_file_in_an_unwritable_folder_is_one_sentence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: AnnotationStore) -> None:
        raise storemod._Unwritable("read-only file system")
    monkeypatch.setattr(AnnotationStore, "_open_writable", refuse)
    with pytest.raises(ReaderError, match="cannot create the notes file"):
        AnnotationStore(tmp_path / "none" / storemod.STORE_FILE)


# (case, SQL that damages one row, the column shown broken)
BAD_ROWS: list[tuple[str, str]] = [
    ("tags-not-json", "UPDATE annotations SET tags = '[not json' WHERE seq = 2"),
    ("tags-not-a-list", "UPDATE annotations SET tags = '5' WHERE seq = 2"),
    ("tags-not-words", "UPDATE annotations SET tags = '[1, 2]' WHERE seq = 2"),
    ("start-not-a-number", "UPDATE annotations SET pos_start = 'abc' WHERE seq = 2"),
    ("unknown-colour", "UPDATE annotations SET color = 'ultraviolet' WHERE seq = 2"),
    ("empty-quote", "UPDATE annotations SET exact = '' WHERE seq = 2"),
]


@pytest.mark.parametrize(("case", "sql"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_a_malformed_row_is_reported_and_skipped(tmp_path: Path, case: str, sql: str) -> None:
    with filled(tmp_path) as store:
        bad_id = store._db.execute("SELECT id FROM annotations WHERE seq = 2").fetchone()[0]
        store._db.execute(sql)
        listed = store.all()
        assert len(listed) == 4 and bad_id not in {a.id for a in listed}
        assert len(store.problems) == 1 and bad_id in store.problems[0]
        assert "\n" not in store.problems[0]


def test_a_garbage_notes_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / storemod.STORE_FILE
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReaderError, match="cannot open the notes file"):
        AnnotationStore(path)
    assert path.read_bytes() == b"this is not a database" * 100  # the user's notes: never replaced


# (case, what is written where the reading state lives)
STATE_DAMAGE: list[tuple[str, bytes]] = [
    ("garbage", b"garbage" * 1000),
    ("zeroed", bytes(8192)),
    ("truncated-header", b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + bytes(40)),
]


@pytest.mark.parametrize(("case", "content"), STATE_DAMAGE, ids=[c[0] for c in STATE_DAMAGE])
def test_a_damaged_reading_state_is_set_aside_and_rebuilt(tmp_path: Path, case: str, content: bytes) -> None:
    (tmp_path / STATE_FILE).write_bytes(content)
    state = ReadingState.in_dir(tmp_path)
    state.mark_read("arch", "one", 0.5)
    assert state.read_ids("arch") == {"one"} and state.last_article("arch") == "one"
    state.close()
    assert ReadingState.in_dir(tmp_path).read_ids("arch") == {"one"}
    assert (tmp_path / (STATE_FILE + ".damaged")).read_bytes() == content


def test_an_unwritable_reading_state_keeps_reading_going(tmp_path: Path) -> None:
    state = ReadingState.in_dir(tmp_path)
    state.mark_read("arch", "one")
    pages = state._db.execute("PRAGMA page_count").fetchone()[0]
    state._db.execute(f"PRAGMA max_page_count = {pages}")
    for n in range(300):  # the disk fills up: no exception, reading goes on
        state.mark_read("arch", f"article-{n}-" + "x" * 200)
    assert state.toggle_favourite("arch", "one" * 2000) in (True, False)
    assert "one" in state.read_ids("arch")
