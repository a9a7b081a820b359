"""The real ``reading-room`` command in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_META, SEED_TEXT

SEED_ID = "hasnt-socialism-been-tried-and-failed"


def rr(*args: str | Path, data_dir: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READING_ROOM_DATA_DIR": str(data_dir)}
    exe = Path(sys.executable).with_name("reading-room")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]
    result = subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, env=env, timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_list_json_has_the_seed_with_its_sidecar_title(data_dir: Path) -> None:
    listing = json.loads(rr("list", "--json", data_dir=data_dir).stdout)
    assert listing == [{
        "id": SEED_ID,
        "title": "Hasn't socialism been tried and failed?",
        "authors": [],
        "date": None,
        "tags": [],
        "categories": [],
    }]


def test_show_text_html_markdown(data_dir: Path) -> None:
    text = rr("show", SEED_ID, "--format", "text", data_dir=data_dir).stdout
    assert "Einstein famously remarked" in text
    assert text.rstrip().endswith("the real failure of modern times: capitalism.")
    html = rr("show", SEED_ID, "--format", "html", data_dir=data_dir).stdout
    assert "<script" not in html.lower()
    assert re.search(r"<[^>]*\son\w+\s*=", html, re.IGNORECASE) is None
    assert "<p>Einstein famously remarked" in html
    markdown = rr("show", SEED_ID, "--format", "markdown", data_dir=data_dir).stdout
    assert markdown.startswith("+++\ntitle = ")


def test_unknown_id_is_one_line_exit_1(data_dir: Path) -> None:
    result = rr("show", "no-such-id", data_dir=data_dir, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no-such-id" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("archive", ["missing-folder", "not-an-archive.zip"])
def test_bad_archive_is_one_line_exit_1(tmp_path: Path, data_dir: Path, archive: str) -> None:
    path = tmp_path / archive
    if archive.endswith(".zip"):
        path.write_bytes(b"garbage")
    result = rr("list", "--archive", path, data_dir=data_dir, check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_import_creates_then_updates_in_place(tmp_path: Path, data_dir: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED_TEXT, src / "page.txt")
    shutil.copy(SEED_META, src / "page.meta.toml")
    into = tmp_path / "mine"
    first = json.loads(rr("import", src / "page.txt", "--into", into, "--json", data_dir=data_dir).stdout)
    assert first[0]["id"] == SEED_ID and first[0]["created"]
    again = json.loads(rr("import", src / "page.txt", "--into", into, "--json", data_dir=data_dir).stdout)
    assert again[0] == {**first[0], "created": False, "changed": False}
    edited = (src / "page.txt").read_text(encoding="utf-8").replace("Einstein", "Albert Einstein")
    (src / "page.txt").write_text(edited, encoding="utf-8")
    third = json.loads(rr("import", src / "page.txt", "--into", into, "--json", data_dir=data_dir).stdout)
    assert third[0]["id"] == SEED_ID and third[0]["changed"] and not third[0]["created"]
    listing = json.loads(rr("list", "--archive", into, "--json", data_dir=data_dir).stdout)
    assert [a["id"] for a in listing] == [SEED_ID]
    assert "Albert Einstein" in rr("show", SEED_ID, "--archive", into, data_dir=data_dir).stdout


def test_broken_article_is_a_warning_not_a_failure(make_archive, data_dir: Path) -> None:
    root = make_archive({"ok": "+++\ntitle = \"Fine\"\n+++\n\nText.\n", "bad": b"+++\n\xff\n+++\n"})
    result = rr("list", "--archive", root, "--json", data_dir=data_dir)
    assert [a["id"] for a in json.loads(result.stdout)] == ["ok"]
    assert "articles/bad.md" in result.stderr and "UTF-8" in result.stderr


def test_writes_only_under_the_data_dir(tmp_path: Path) -> None:
    target = tmp_path / "only-here"
    rr("list", "--data-dir", target, data_dir=tmp_path / "env-dir")
    assert (target / "log" / "reading-room.log").exists()
    assert not (tmp_path / "env-dir").exists()


def test_the_command_list_matches_the_parser() -> None:
    from reader import cli

    parser = cli.build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    assert tuple(commands.choices) == cli.COMMANDS  # type: ignore[arg-type]


def test_a_policy_can_forbid_other_archives(tmp_path: Path, data_dir: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("public_mode = true\nallow_open_other_archives = false\n", encoding="utf-8")
    result = rr("--policy", policy, "--archive", tmp_path, "list", data_dir=data_dir, check=False)
    assert result.returncode == 1 and "opening other archives" in result.stderr.lower()
    listing = json.loads(rr("--policy", policy, "list", "--json", data_dir=data_dir).stdout)
    assert [a["id"] for a in listing] == [SEED_ID]
