"""Three members (three data dirs, the real CLI in parallel processes) share one group folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.core.annotations import AnnotationStore
from tests.end2end.test_cli import SEED_ID, rr
from tests.end2end.test_cli_notes import one_line_error

READER = Path(__file__).with_name("group_reader.py")
QUOTES = {"a": ["Einstein famously remarked", "In 1917,"],
          "b": ["the working class in Russia", "mass revolutionary movement"],
          "c": ["workers councils", "democratic control"]}


def command(data_dir: Path, *args: str | Path) -> list[str]:
    exe = Path(sys.executable).with_name("reading-room")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]
    return [*base, "--data-dir", str(data_dir), *map(str, args)]


def together(*runs: tuple[Path, tuple[str | Path, ...]]) -> list[str]:
    """Start every command at once (members writing at the same moment); their outputs, in order."""
    procs = [subprocess.Popen(command(d, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "READING_ROOM_DATA_DIR": str(d)}) for d, args in runs]
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outs.append(out)
    return outs


def listing(data_dir: Path) -> list[dict[str, object]]:
    return json.loads(rr("notes", "list", "--json", data_dir=data_dir).stdout)


def sync_rounds(members: dict[str, Path]) -> None:
    """All at once, then one by one (the last has everything), then all at once again (all read it)."""
    together(*((d, ("notes", "group", "sync")) for d in members.values()))
    for d in members.values():
        rr("notes", "group", "sync", data_dir=d)
    together(*((d, ("notes", "group", "sync")) for d in members.values()))


def history(data_dir: Path, note_id: str) -> list[dict[str, object]]:
    return json.loads(rr("notes", "history", note_id, "--json", data_dir=data_dir).stdout)


def texts(data_dir: Path, note_id: str) -> set[str]:
    with AnnotationStore.in_dir(data_dir / "data") as store:
        current = store.get(note_id)
        return {v.note for v in store.history(note_id)} | ({current.note} if current else set())


def test_three_members_converge_with_races_and_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "group"
    folder.mkdir()
    members = {name: tmp_path / name for name in "abc"}
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, str(READER), str(folder), str(stop)], stdout=subprocess.PIPE,
                              text=True)
    try:
        together(*((d, ("notes", "group", "join", folder, "--name", n.upper())) for n, d in members.items()))
        ids = {}
        for name, d in members.items():
            for n, quote in enumerate(QUOTES[name], 1):
                ids[f"{name}{n}"] = rr("notes", "add", SEED_ID, "--quote", quote, "--note", f"{name}{n}",
                                       "--creator", name.upper(), data_dir=d).stdout.strip()
        ids["mark"] = rr("notes", "bookmark", "add", SEED_ID, "--name", "Start here", "--at", "In 1917,",
                         "--creator", "B", data_dir=members["b"]).stdout.strip()
        sync_rounds(members)
        assert len(listing(members["a"])) == 7
        marks = [r for r in listing(members["c"]) if r["kind"] == "bookmark"]
        assert [(m["id"], m["note"], m["quote"][:8]) for m in marks] == [
            (ids["mark"], "Start here", "In 1917,")]

        # the same note edited at the same moment, and a deletion racing an edit
        together((members["a"], ("notes", "edit", ids["a1"], "--note", "A's edit")),
                 (members["c"], ("notes", "edit", ids["a1"], "--note", "C's edit", "--color", "blue")),
                 (members["b"], ("notes", "delete", ids["b2"])),
                 (members["a"], ("notes", "edit", ids["b2"], "--note", "A edits b2")))
        rr("notes", "delete", ids["c2"], data_dir=members["c"])
        rr("notes", "edit", ids["c1"], "--tag", "key", "--tag", "later", data_dir=members["b"])
        rr("notes", "bookmark", "rename", ids["mark"], "--name", "Russia", data_dir=members["c"])
        sync_rounds(members)

        first = listing(members["a"])
        assert all(listing(d) == first for d in members.values())
        shown = {r["id"]: r for r in first}
        assert set(shown) == {ids[k] for k in ("a1", "a2", "b1", "c1", "mark")}  # deleted notes stay deleted
        assert shown[ids["mark"]]["note"] == "Russia" and shown[ids["mark"]]["kind"] == "bookmark"
        assert shown[ids["a1"]]["note"] in ("A's edit", "C's edit")
        assert shown[ids["c1"]]["tags"] == ["key", "later"]
        # both edits of a1 survive: the newest is shown, the other is kept in its editor's history
        assert "A's edit" in texts(members["a"], ids["a1"]) and "C's edit" in texts(members["c"], ids["a1"])
        assert "A edits b2" in texts(members["a"], ids["b2"])  # the edit that lost to the deletion
        for key in ("a1", "b2", "c2", "mark"):  # the history travels: every member sees the same
            seen = [history(d, ids[key]) for d in members.values()]
            assert all(h == seen[0] for h in seen), key
        assert {"a1", "A's edit", "C's edit"} <= {v["note"] for v in history(members["b"], ids["a1"])}
        assert "A edits b2" in {v["note"] for v in history(members["b"], ids["b2"])}
        one_line_error(rr("notes", "edit", ids["b2"], "--note", "x", data_dir=members["c"], check=False),
                       "was deleted")

        folder.chmod(0o555)  # the folder becomes read-only half-way
        try:
            added = rr("notes", "add", SEED_ID, "--quote", "Lenin, Trotsky", "--note", "offline",
                       "--creator", "C", data_dir=members["c"]).stdout.strip()
            result = rr("notes", "group", "sync", "--json", data_dir=members["c"])
            report = json.loads(result.stdout)
            assert not report["written"] and "read-only" in report["problem"]
            assert "read-only" in rr("notes", "group", "status", data_dir=members["c"]).stdout
            rr("notes", "edit", ids["a2"], "--note", "while read-only", data_dir=members["a"])
            rr("notes", "group", "sync", data_dir=members["a"])
        finally:
            folder.chmod(0o755)
        sync_rounds(members)  # retried: everything written now
        status = json.loads(rr("notes", "group", "status", "--json", data_dir=members["c"]).stdout)
        assert status["problem"] == "" and status["joined"]
        final = listing(members["b"])
        assert all(listing(d) == final for d in members.values())
        notes = {r["id"]: r["note"] for r in final}
        assert notes[added] == "offline" and notes[ids["a2"]] == "while read-only" and len(notes) == 6

        left = rr("notes", "group", "leave", data_dir=members["b"]).stdout
        assert "Left the group" in left
        out = rr("notes", "group", "sync", data_dir=members["a"]).stdout
        assert "B (left)" in out and len(listing(members["b"])) == 6  # b keeps every note
    finally:
        stop.touch()
        seen = json.loads(reader.communicate(timeout=30)[0])
    assert seen["bad"] == [] and seen["reads"] > 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in folder.glob("*.json"))
    assert len(list(folder.glob("*.json"))) == 3


def test_a_policy_can_forbid_groups(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("allow_groups = false\n", encoding="utf-8")
    (tmp_path / "g").mkdir()
    result = rr("notes", "group", "join", tmp_path / "g", "--name", "X", "--policy", policy,
                data_dir=tmp_path / "d", check=False)
    one_line_error(result, "turned off")
    assert list((tmp_path / "g").iterdir()) == []


def test_an_offline_folder_is_a_status_and_sync_needs_a_group(tmp_path: Path) -> None:
    d = tmp_path / "d"
    one_line_error(rr("notes", "group", "sync", data_dir=d, check=False), "not in a group")
    folder = tmp_path / "stick"
    folder.mkdir()
    rr("notes", "group", "join", folder, "--name", "Ann", data_dir=d)
    folder.rename(tmp_path / "unplugged")
    out = rr("notes", "group", "sync", data_dir=d).stdout
    assert "cannot be reached" in out and "next sync" in out
