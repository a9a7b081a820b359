"""Study packs: round trip in memory, and every hostile zip refused with one line."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from reader.core.errors import ReaderError
from reader.core.export.importer import NotesFileError
from reader.core.export.pack import (
    LISTS_FILE,
    ReadingList,
    is_pack,
    load_reading_lists,
    read_pack,
    save_reading_list,
    write_pack,
)
from tests.unit.core.export.test_exporters import CONTEXT, notes

META = {"format": "reading-room-pack", "version": 1, "title": "Week 1", "description": "",
        "archive": "arch", "articles": ["bread", "local"]}


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as zf:
        for name, content in members.items():
            zf.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return buffer.getvalue()


def meta(**changes: object) -> bytes:
    return json.dumps({**META, **changes}).encode()


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "week.rrpack"
    write_pack(path, "Week 1", "Read these", ["local", "bread"], notes(), CONTEXT)
    data = path.read_bytes()
    assert is_pack(Path("renamed.json"), data) and is_pack(path, b"")
    pack = read_pack(data)
    assert pack.reading_list == ReadingList("Week 1", "Read these", CONTEXT.archive_id, ("local", "bread"))
    assert sorted(r.id for r in pack.records) == sorted(n.id for n in notes())
    assert pack.unknown({"bread"}) == ["local"]


def test_a_pack_without_notes_is_a_reading_list(tmp_path: Path) -> None:
    write_pack(tmp_path / "p.rrpack", "Only a list", "", ["bread"], [], CONTEXT)
    pack = read_pack((tmp_path / "p.rrpack").read_bytes())
    assert pack.records == [] and pack.reading_list.articles == ("bread",)


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip at all", "not a readable zip"),
    (b"PK\x03\x04broken", "not a readable zip"),
    (zipped({"pack.json": meta(), "../evil": b"x"}), "unsafe member name"),
    (zipped({"pack.json": meta(), "/etc/evil": b"x"}), "unsafe member name"),
    (zipped({"pack.json": meta(), "a\\b": b"x"}), "unsafe member name"),
    (zipped({"pack.json": meta(), "C:/x": b"x"}), "unsafe member name"),
    (zipped({"pack.json": meta(), **{f"m{n}": b"x" for n in range(16)}}), "17 members"),
    (zipped({"pack.json": meta(), "bomb": bytes(10 * 1024 * 1024)}), "zip bomb"),
    (zipped({"pack.json": meta(), "big": bytes(21 * 1024 * 1024)}), "larger than 20 MB"),
    (zipped({"other.json": meta()}), "no pack.json"),
    (zipped({"pack.json": b"{not json"}), "pack.json in the pack: the notes file is not valid JSON"),
    (zipped({"pack.json": meta(format="other")}), "not a Reading Room pack"),
    (zipped({"pack.json": meta(version=2)}), "version 2"),
    (zipped({"pack.json": meta(title=" ")}), "title is empty"),
    (zipped({"pack.json": meta(title=7)}), "'title' must be a string"),
    (zipped({"pack.json": meta(articles=["a", 3])}), "list of article ids"),
    (zipped({"pack.json": meta(), "annotations.json": b"[]"}), "annotations.json in the pack"),
], ids=["garbage", "truncated", "dotdot", "absolute", "backslash", "drive", "members", "bomb",
        "too-big", "no-meta", "bad-json", "format", "version", "empty-title", "title-type", "articles",
        "no-annotations"])
def test_hostile_packs_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(NotesFileError, match=message) as caught:
        read_pack(data)
    assert "\n" not in str(caught.value)


def test_an_oversized_file_is_refused_before_opening() -> None:
    with pytest.raises(NotesFileError, match="larger than 20 MB"):
        read_pack(b"PK\x03\x04" + bytes(20 * 1024 * 1024))


def test_a_member_lying_about_its_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = zipped({"pack.json": meta()})
    real = zipfile.ZipFile.infolist

    def shrunk(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = real(self)
        for info in infos:
            info.file_size = 10
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", shrunk)
    with pytest.raises(NotesFileError):
        read_pack(data)


def test_reading_lists_are_saved_replaced_by_title_and_read_back(tmp_path: Path) -> None:
    first = ReadingList("Week 1", "", "arch", ("a", "b"))
    save_reading_list(tmp_path, first)
    save_reading_list(tmp_path, ReadingList("Week 2", "", "arch", ("c",)))
    again = ReadingList("Week 1", "new", "arch", ("b",))
    save_reading_list(tmp_path, again)
    assert [r.title for r in load_reading_lists(tmp_path)] == ["Week 2", "Week 1"]
    assert load_reading_lists(tmp_path)[1] == again
    (tmp_path / LISTS_FILE).write_text("{broken", encoding="utf-8")
    assert load_reading_lists(tmp_path) == []
    with pytest.raises(ReaderError, match="cannot read the reading lists"):
        save_reading_list(tmp_path, first)
