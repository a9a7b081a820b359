"""``reading-room import export.xml`` in a subprocess, as a site maintainer runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.end2end.test_cli import rr
from tests.unit.core.importers.wxr_builder import EXAMPLE

REPORT_KEYS = {"archive", "imported", "updated", "unchanged", "skipped", "removed", "pruned", "articles",
               "indexed", "seconds", "imported_ids", "updated_ids"}


def test_import_report_reimport_and_search(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "site"
    first = rr("import", EXAMPLE, "--into", out, data_dir=data_dir)
    lines = first.stdout.splitlines()
    assert lines[0] == ("3 imported, 0 updated, 0 unchanged, 9 skipped (1 attachment, 1 draft, 1 future, "
                        "1 nav_menu_item, 1 page, 1 password-protected, 1 pending, 1 private, 1 trash)")
    assert lines[1].startswith(f"3 articles in {out}; search index built (")
    assert first.stderr == ""  # no progress bar off a terminal, no warnings

    again = json.loads(rr("import", EXAMPLE, "--into", out, "--json", data_dir=data_dir).stdout)
    assert set(again) == REPORT_KEYS
    assert (again["imported"], again["updated"], again["unchanged"], again["articles"]) == (0, 0, 3, 3)

    hits = json.loads(rr("--archive", out, "search", "reading group", "--json", data_dir=data_dir).stdout)
    assert [hit["id"] for hit in hits["hits"]] == ["reading-list"]
    listing = json.loads(rr("--archive", out, "list", "--json", data_dir=data_dir).stdout)
    assert {a["id"]: a["date"] for a in listing}["reading-list"] == "2021-09-01T10:00:00Z"


def test_bad_exports_fail_with_one_line(tmp_path: Path, data_dir: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("</channel>", ""), encoding="utf-8")
    result = rr("import", broken, "--into", tmp_path / "out", data_dir=data_dir, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not well-formed XML at line" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()

    pages = tmp_path / "page.html"
    pages.write_text("<p>x</p>", encoding="utf-8")
    misuse = rr("import", pages, "--into", tmp_path / "out", "--include-pages", data_dir=data_dir,
                check=False)
    assert misuse.returncode == 1 and "--include-pages is only for WordPress exports" in misuse.stderr
    both = rr("import", EXAMPLE, pages, "--into", tmp_path / "out", data_dir=data_dir, check=False)
    assert both.returncode == 1 and "on its own" in both.stderr


def test_progress_shows_each_phase_with_an_eta(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from reader.cli.progress import PhaseBar

    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    bar = PhaseBar()
    bar.active = True  # as on a terminal
    bar("Importing", 0, 1000)
    now[0] += 10
    bar("Importing", 250, 1000)  # a quarter in 10 s: 30 s to go
    bar("Indexing", 5, 10)
    bar.finish()
    err = capsys.readouterr().err
    assert "Importing [#######......................." in err and "ETA   30 s" in err
    assert err.count("\n") == 2 and "Indexing" in err
