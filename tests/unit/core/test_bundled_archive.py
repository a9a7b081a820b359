"""The committed bundled archive is exactly what the importer makes of the seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core import paths as pathsmod
from reader.core import render
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.search import SearchIndex, sidecar
from reader.core.search.engine import INDEX_DIRNAME
from reader.core.search.schema import SCHEMA_VERSION
from tests.conftest import REPO, SEED_TEXT


def _files(root: Path) -> dict[str, bytes]:
    """Archive files, without the prebuilt index (random segment names; checked apart)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and INDEX_DIRNAME not in p.relative_to(root).parts}


def test_prebuilt_index_is_fresh_and_used_as_is(tmp_path: Path) -> None:
    root = bundled_archive()
    manifest = sidecar.read_manifest(root / INDEX_DIRNAME)
    assert manifest is not None and manifest["schema_version"] == SCHEMA_VERSION
    assert sidecar.same_content(sidecar.manifest_stamps(manifest), sidecar.scan_articles(root))
    with SearchIndex.open(root, pathsmod.Paths.under(tmp_path / "d")) as index:
        assert index.index_dir == root / INDEX_DIRNAME
        assert index.search("socialism").total == 1


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


def test_a_rebuild_never_writes_into_the_installed_archive() -> None:
    """The bundled index may sit in a read-only install: a rebuild goes to the user cache."""
    index_files = bundled_archive() / INDEX_DIRNAME
    before = {p.name: p.read_bytes() for p in index_files.iterdir()}
    with SearchIndex.open(bundled_archive(), rebuild=True) as index:
        assert index.index_dir.is_relative_to(pathsmod.resolve().cache)
        assert index.search("socialism").total == 1
    with SearchIndex.open(bundled_archive()) as index:  # the shipped one is still what opens
        assert index.index_dir == index_files
    assert {p.name: p.read_bytes() for p in index_files.iterdir()} == before
