"""``show ID --with-notes --format html|pdf --output F`` in a subprocess, on the bundled article."""

from __future__ import annotations

from pathlib import Path

from tests.end2end.test_cli import SEED_ID, rr
from tests.end2end.test_cli_notes import one_line_error


def test_the_article_with_its_notes_as_html_and_pdf(tmp_path: Path, data_dir: Path) -> None:
    rr("notes", "add", SEED_ID, "--quote", "Einstein famously remarked", "--note", "**misattributed**",
       "--creator", "Ann", data_dir=data_dir)
    rr("notes", "add", SEED_ID, "--quote", "workers councils", "--color", "pink", "--creator", "Bo",
       data_dir=data_dir)
    page = tmp_path / "out" / "article.html"
    out = rr("show", SEED_ID, "--with-notes", "--format", "html", "--output", page, data_dir=data_dir).stdout
    assert "with 2 notes written" in out
    text = page.read_text(encoding="utf-8")
    assert '<mark class="yellow" title="note 1">Einstein famously remarked</mark>' in text
    assert '<mark class="pink" title="note 2">workers councils</mark>' in text
    assert "<strong>misattributed</strong>" in text and "marxiststudent.com" in text
    mine = tmp_path / "ann.html"
    rr("show", SEED_ID, "--with-notes", "--format", "html", "--output", mine, "--creator", "Ann",
       data_dir=data_dir)
    assert "workers councils</mark>" not in mine.read_text(encoding="utf-8")
    pdf = tmp_path / "article.pdf"
    rr("notes", "bookmark", "add", SEED_ID, "--name", "Marx", "--at", "Marx himself remarked",
       data_dir=data_dir)
    out = rr("show", SEED_ID, "--with-notes", "--format", "pdf", "--output", pdf, data_dir=data_dir).stdout
    assert "with 2 notes and 1 bookmark written" in out  # a bookmark is a place, not a note
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Einstein famously remarked" in rr("show", SEED_ID, "--format", "text", data_dir=data_dir).stdout


def test_wrong_requests_and_the_policy_say_so_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    one_line_error(rr("show", SEED_ID, "--format", "pdf", data_dir=data_dir, check=False), "--with-notes")
    one_line_error(rr("show", SEED_ID, "--with-notes", "--format", "html", data_dir=data_dir, check=False),
                   "--output")
    policy = tmp_path / "policy.toml"
    policy.write_text('allow_print = false\n', encoding="utf-8")
    target = tmp_path / "x.html"
    one_line_error(rr("show", SEED_ID, "--with-notes", "--format", "html", "--output", target, "--policy",
                      policy, data_dir=data_dir, check=False), "turned off")
    assert not target.exists()
