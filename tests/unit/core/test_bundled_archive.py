"""The committed bundled archive is exactly what the importer makes of the seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core import render
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from tests.conftest import REPO, SEED_TEXT


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_committed_archive_matches_a_fresh_build(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_bundled_archive.py"), "--into",
                    str(fresh)], check=True, capture_output=True)
    assert _files(fresh) == _files(bundled_archive())


def test_bundled_article_has_every_seed_paragraph_and_sidecar_facts() -> None:
    paragraphs = [p.strip() for p in SEED_TEXT.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("Einstein famously remarked"))
    ending = "the real failure of modern times: capitalism."
    last = next(i for i, p in enumerate(paragraphs) if p.endswith(ending))
    with open_archive(bundled_archive()) as archive:
        assert archive.problems == []
        (meta,) = archive.articles()
        assert meta.title == "Hasn't socialism been tried and failed?"
        assert meta.source_url == "https://marxiststudent.com/hasnt-socialism-been-tried-and-failed/"
        assert meta.authors == () and meta.date is None
        text = render.article_text(archive.article(meta.id))
    for paragraph in paragraphs[first : last + 1]:
        assert paragraph in text
    for chrome in ("Share this article", "Leave a Reply", "Your email address", "Akismet",
                   "Looking for the communists", "This will close in"):
        assert chrome not in text
