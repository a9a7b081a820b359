"""``reading-room notes`` in a subprocess, on the bundled article."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.end2end.test_cli import SEED_ID, rr

KEYS = ["id", "article", "quote", "prefix", "suffix", "start", "end", "note", "color", "tags",
        "creator", "created", "modified", "anchored", "kind"]
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment.lower() in result.stderr.lower()


def test_add_then_list_json(data_dir: Path) -> None:
    added = rr("notes", "add", SEED_ID, "--quote", "Einstein famously remarked", "--note", "**why**",
               "--color", "green", "--tag", "quotes", "--tag", "science", "--creator", "Ann",
               data_dir=data_dir)
    note_id = added.stdout.strip()
    assert UUID4.match(note_id)
    second = json.loads(rr("notes", "add", SEED_ID, "--quote", "socialism", "--occurrence", "2",
                           "--json", data_dir=data_dir).stdout)
    assert list(second) == KEYS and second["quote"] == "socialism"
    assert second["prefix"].endswith("fighting for ") and second["anchored"] == "exact"

    listing = json.loads(rr("notes", "list", "--json", data_dir=data_dir).stdout)
    assert [list(record) for record in listing] == [KEYS, KEYS]
    first = listing[0]
    assert first["id"] == note_id and first["article"] == SEED_ID
    assert (first["quote"], first["note"], first["color"], first["tags"], first["creator"]) == (
        "Einstein famously remarked", "**why**", "green", ["quotes", "science"], "Ann")
    assert (first["start"], first["end"], first["prefix"], first["anchored"]) == (0, 26, "", "exact")
    assert STAMP.match(first["created"]) and first["modified"] == first["created"]
    assert listing[1]["id"] == second["id"]

    only = json.loads(rr("notes", "list", "--article", SEED_ID, "--json", data_dir=data_dir).stdout)
    assert only == listing
    assert json.loads(rr("notes", "list", "--article", "other", "--json", data_dir=data_dir).stdout) == []
    text = rr("notes", "list", data_dir=data_dir).stdout
    assert note_id in text and "Einstein famously remarked" in text


def test_ambiguous_quote_says_how_often_it_occurs(data_dir: Path) -> None:
    result = rr("notes", "add", SEED_ID, "--quote", "socialism", data_dir=data_dir, check=False)
    one_line_error(result, "occurs 11 times", "--occurrence")
    result = rr("notes", "add", SEED_ID, "--quote", "socialism", "--occurrence", "12",
                data_dir=data_dir, check=False)
    one_line_error(result, "occurrence 12", "11 times")
    assert json.loads(rr("notes", "list", "--json", data_dir=data_dir).stdout) == []


def test_missing_quote_and_unknown_article_are_one_line_errors(data_dir: Path) -> None:
    result = rr("notes", "add", SEED_ID, "--quote", "capitalism is eternal", data_dir=data_dir, check=False)
    one_line_error(result, "'capitalism is eternal' is not in article")
    result = rr("notes", "add", "no-such-id", "--quote", "x", data_dir=data_dir, check=False)
    one_line_error(result, "no-such-id")


def test_notes_follow_data_dir_and_archive_flags(tmp_path: Path, data_dir: Path, make_archive) -> None:
    archive = make_archive({"bread": '+++\ntitle = "Bread"\n+++\n\nBread and roses.\n'})
    elsewhere = tmp_path / "elsewhere"
    rr("notes", "add", "bread", "--quote", "roses", "--archive", archive, "--data-dir", elsewhere,
       data_dir=data_dir)
    assert (elsewhere / "data" / "annotations.sqlite").is_file()
    assert not (data_dir / "data" / "annotations.sqlite").exists()
    listed = json.loads(rr("--archive", archive, "notes", "list", "--json", "--data-dir", elsewhere,
                           data_dir=data_dir).stdout)
    assert [(r["article"], r["quote"], r["anchored"]) for r in listed] == [("bread", "roses", "exact")]
    # Notes belong to their archive: the bundled one has none.
    assert json.loads(rr("notes", "list", "--json", "--data-dir", elsewhere, data_dir=data_dir).stdout) == []
