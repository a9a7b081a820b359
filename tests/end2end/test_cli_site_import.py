"""``reading-room import SITE_FOLDER --into DIR``: the real command on a saved WordPress mirror."""

from __future__ import annotations

import json
from pathlib import Path

from tests.end2end.test_cli import rr
from tests.unit.core.usecases import wp_mirror


def test_import_a_saved_site_from_the_command_line(tmp_path: Path, data_dir: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")
    archive = tmp_path / "arch"
    text = rr("import", mirror, "--into", archive, data_dir=data_dir).stdout
    lines = text.splitlines()
    assert sorted(line.split("\t")[1] for line in lines[:-1]) == sorted(wp_mirror.ARTICLES)
    assert lines[-1].startswith("3 added, 0 updated, 0 unchanged, 13 skipped (")
    assert "2 feed" in lines[-1] and "1 duplicate copy" in lines[-1]
    again = json.loads(rr("import", mirror, "--into", archive, "--json", data_dir=data_dir).stdout)
    assert sorted(row["id"] for row in again) == sorted(wp_mirror.ARTICLES)
    assert not any(row["created"] or row["changed"] for row in again)
    listing = json.loads(rr("list", "--archive", archive, "--json", data_dir=data_dir).stdout)
    assert {row["id"] for row in listing} == wp_mirror.ARTICLES
