"""Bookmarks: a named place, stored with the notes, exported as W3C ``bookmarking`` and read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.annotations import Annotations, AnnotationStore, anchor, rows
from reader.core.annotations import store as storemod
from reader.core.annotations.service import BOOKMARK_WORDS, place_words
from reader.core.archive import open_archive
from reader.core.errors import ReaderError
from reader.core.export import export
from reader.core.export.importer import parse
from reader.core.export.merge import merge
from reader.core.resources import bundled_archive
from reader.core.usecases.editing import note_history, rename_bookmark
from tests.unit.core.annotations.test_store import note

SEED = "hasnt-socialism-been-tried-and-failed"


@given(st.text(alphabet="ab \n", min_size=1, max_size=80).filter(str.strip), st.integers(-5, 100))
def test_a_place_is_whole_words_inside_the_text(text: str, at: int) -> None:
    start, end = place_words(text, at)
    assert 0 <= start < end <= len(text)
    assert text[start:end] == text[start:end].strip() and text[start:end]
    assert start == 0 or text[start - 1].isspace()
    assert end - start <= BOOKMARK_WORDS + 20


def test_a_bookmark_is_stored_anchored_renamed_and_keeps_its_old_name(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        notes = Annotations(store, archive)
        mark = notes.bookmark_quote(SEED, "In 1917,", "  The revolution  ", creator="Ann")
        assert mark.kind == "bookmark" and mark.is_bookmark and mark.note == "The revolution"
        text = notes.text(SEED)
        assert text[mark.start:].startswith("In 1917,") and mark.quote.startswith("In 1917,")
        found = anchor(text, mark.selector)
        assert found is not None and found.start == mark.start
        top = notes.bookmark_quote(SEED, None, "")  # no place: the top; no name: its words
        assert top.start == 0 and top.note == top.quote
        renamed = rename_bookmark(store, mark.id, "Russia, 1917").value
        assert store.get(mark.id) == renamed and renamed.kind == "bookmark"
        assert [v.note for v in note_history(store, mark.id)] == ["The revolution", "Russia, 1917"]
        with pytest.raises(ReaderError, match="needs a name"):
            rename_bookmark(store, mark.id, "  ")
        plain = notes.add_quote(SEED, "Einstein famously remarked")
        with pytest.raises(ReaderError, match="not a bookmark"):
            rename_bookmark(store, plain.id, "x")
        assert {n.kind for n in store.for_article(archive.info.id, SEED)} == {"highlight", "bookmark"}


def test_bookmarks_travel_as_w3c_bookmarking_and_come_back(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    with AnnotationStore(tmp_path / "a.sqlite") as store:
        mark = Annotations(store, archive).bookmark_quote(SEED, "In 1917,", "Russia")
        data = export("json", store.all(), archive)
    item = json.loads(data)["first"]["items"][0]
    assert item["motivation"] == "bookmarking"
    assert item["body"] == [{"type": "TextualBody", "value": "Russia", "format": "text/plain",
                             "purpose": "describing"}]
    assert {s["type"] for s in item["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    with AnnotationStore(tmp_path / "b.sqlite") as other:
        report = merge(other, archive, parse(data))
        assert report.imported == 1
        back = other.get(mark.id)
        assert back is not None and back.kind == "bookmark" and back.note == "Russia"
        assert back.quote == mark.quote and back.start == mark.start


def test_a_v4_file_is_upgraded_and_a_read_only_one_read_as_highlights(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / storemod.STORE_FILE
    with monkeypatch.context() as patch:
        patch.setattr(storemod, "MIGRATIONS", storemod.MIGRATIONS[:4])
        patch.setattr(storemod, "SCHEMA_VERSION", 4)
        with AnnotationStore(path) as old:
            assert old.version == 4
    kept = note(note="from v4")
    v4_columns = rows.COLUMNS.removesuffix(", kind")
    with sqlite3.connect(path) as db:
        db.execute(f"INSERT INTO annotations ({v4_columns}) VALUES ({', '.join('?' * 17)})",
                   rows.row_of(kept)[:17])
        db.execute(f"INSERT INTO annotation_history ({v4_columns}) VALUES ({', '.join('?' * 17)})",
                   rows.row_of(kept)[:17])
    db.close()
    before = path.read_bytes()
    with AnnotationStore(path, read_only=True) as store:
        assert store.version == 4
        assert store.all() == [kept] and store.history(kept.id) == [kept]
    assert path.read_bytes() == before
    with AnnotationStore(path) as store:
        assert store.version == 5 and store.all() == [kept] and store.history(kept.id) == [kept]
        same_second = kept.__class__(**{**kept.__dict__, "note": "other words"})
        store.keep_history(same_second)  # same second, other words: kept too (v5 tells them apart)
        store.keep_history(kept)  # the same version again: nothing added
        assert sorted(v.note for v in store.history(kept.id)) == ["from v4", "other words"]


def test_the_markdown_and_handout_exports_name_a_bookmark(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        mark = Annotations(store, archive).bookmark_quote(SEED, "In 1917,", "Russia <1917>")
        notes = store.all()
    markdown = export("md", notes, archive).decode()
    assert f"**Bookmark: Russia <1917>** · *yellow · {mark.created}*\n\n> {mark.quote}…" in markdown
    handout = export("html", notes, archive).decode()
    assert "<h3>Russia &lt;1917&gt;</h3>" in handout and "bookmark · yellow" in handout
