"""Building, updating, trusting and repairing the index on disk."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.search import SearchIndex
from reader.core.search.engine import INDEX_DIRNAME
from tests.unit.core.search.conftest import change_articles, ids


def test_index_lives_in_a_writable_archive_folder(archive_dir: Path, paths: pathsmod.Paths) -> None:
    with SearchIndex.open(archive_dir, paths) as index:
        assert index.index_dir == archive_dir / INDEX_DIRNAME
        assert index.doc_count == 5


def test_zipped_archive_is_indexed_in_the_cache(archive_dir: Path, paths: pathsmod.Paths,
                                                  tmp_path: Path) -> None:
    zipped = Path(shutil.make_archive(str(tmp_path / "zipped"), "zip", archive_dir))
    with SearchIndex.open(zipped, paths) as index:
        assert paths.cache in index.index_dir.parents
        assert ids(index.search("tomatoes")) == ["undated"]


def test_changed_added_and_removed_articles_update_the_index(archive_dir: Path,
                                                             paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    change_articles(archive_dir)
    with SearchIndex.open(archive_dir, paths) as index:
        assert index.notice is None
        assert ids(index.search("cucumbers")) == ["undated"]
        assert ids(index.search("tomatoes")) == []
        assert ids(index.search("radishes")) == ["new"]
        assert ids(index.search("socialism")) == []
        assert index.doc_count == 5
        assert dict(index.search("radishes").facets["authors"]) == {"Cy": 1}


def test_a_truncated_segment_is_rebuilt_on_the_next_search(archive_dir: Path, paths: pathsmod.Paths) -> None:
    # Truncate between sessions: Whoosh maps segments into memory, and shrinking a mapped
    # file under a running process is a SIGBUS no library can catch.
    SearchIndex.open(archive_dir, paths).close()
    for segment in (archive_dir / INDEX_DIRNAME).glob("*.seg"):
        with segment.open("r+b") as handle:
            handle.truncate(segment.stat().st_size // 3)
    with SearchIndex.open(archive_dir, paths) as index:
        result = index.search("tomatoes")
    assert ids(result) == ["undated"]
    assert result.message and "damaged and has been rebuilt" in result.message


def test_a_truncated_segment_is_rebuilt_on_open(archive_dir: Path, paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    for toc in (archive_dir / INDEX_DIRNAME).glob("*.toc"):
        toc.write_bytes(toc.read_bytes()[:10])
    with SearchIndex.open(archive_dir, paths) as index:
        assert ids(index.search("tomatoes")) == ["undated"]


def test_an_index_this_user_did_not_build_is_never_opened(
    archive_dir: Path, paths: pathsmod.Paths, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    SearchIndex.open(archive_dir, paths).close()
    stranger = pathsmod.Paths.under(tmp_path / "someone-else").ensure()
    with caplog.at_level(logging.WARNING, logger="reader.search"), SearchIndex.open(archive_dir, stranger):
        pass
    assert "did not build" in caplog.text


def test_rebuild_from_scratch(archive_dir: Path, paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    with SearchIndex.open(archive_dir, paths, rebuild=True) as index:
        assert index.doc_count == 5
        assert not list(archive_dir.glob(f"{INDEX_DIRNAME}.*"))  # no staging folders left


def test_progress_is_reported(archive_dir: Path, paths: pathsmod.Paths) -> None:
    seen: list[tuple[int, int]] = []
    SearchIndex.open(archive_dir, paths, progress=lambda done, total: seen.append((done, total))).close()
    assert seen[-1] == (5, 5)
