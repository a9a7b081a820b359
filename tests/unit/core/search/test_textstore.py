"""The plain texts kept beside the index for snippets: written by the build, kept right by updates."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.search import SearchIndex, indexer, textstore, trust
from reader.core.search.analysis import markdown_to_plain
from tests.unit.core.search.conftest import ARTICLES, article_text, change_articles


def stored_texts(index: SearchIndex) -> dict[str, str | None]:
    """Each live document's stored text, by article id, read through its document number."""
    texts = {}
    for docnum in range(len(index.docinfo)):
        info = index.docinfo[docnum]
        if info is not None:
            texts[info.id] = textstore.read(index.index_dir, docnum, info.id)
    return texts


def current_texts(index: SearchIndex) -> dict[str, str]:
    archive = index.archive
    return {meta.id: markdown_to_plain(archive.article(meta.id).body) for meta in archive.articles()}


def test_a_two_process_build_stores_every_text_by_document_number(
        archive_dir: Path, paths: pathsmod.Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)  # five articles: two parts joined
    with SearchIndex.open(archive_dir, paths) as index:
        assert stored_texts(index) == current_texts(index) and len(ARTICLES) == len(stored_texts(index))
        assert not list(index.index_dir.glob("texts.part-*"))
        assert textstore.read(index.index_dir, 0, "not-this-one") is None
        assert textstore.read(index.index_dir, len(ARTICLES), index.docinfo[0].id) is None


def test_updates_keep_each_document_s_text(archive_dir: Path, paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    change_articles(archive_dir)
    with SearchIndex.open(archive_dir, paths) as index:
        assert stored_texts(index) == current_texts(index)
        assert "cucumbers" in stored_texts(index)["undated"]  # type: ignore[operator]
        assert not list(index.index_dir.glob("texts.update-*"))
        assert "<mark>cucumbers</mark>" in index.search("cucumber").hits[0].snippet


def test_an_index_without_texts_converts_the_articles_as_before(archive_dir: Path,
                                                                paths: pathsmod.Paths) -> None:
    with SearchIndex.open(archive_dir, paths) as index:
        with_store = [hit.snippet for hit in index.search("class OR run*").hits]
        (index.index_dir / textstore.TEXTS).unlink()
        index.drop_caches()
        assert [hit.snippet for hit in index.search("class OR run*").hits] == with_store
        (index.index_dir / textstore.TEXTS).write_bytes(b"RRTEXT1\n" * 3)  # damaged: ignored too
        index.drop_caches()
        assert [hit.snippet for hit in index.search("class OR run*").hits] == with_store
        assert all(text is None for text in stored_texts(index).values())


def test_an_update_of_an_index_without_texts_stores_the_changed_ones(archive_dir: Path,
                                                                    paths: pathsmod.Paths) -> None:
    with SearchIndex.open(archive_dir, paths) as index:
        (index.index_dir / textstore.TEXTS).unlink()  # as an index built before the text store
        index_dir = index.index_dir
    trust.register(paths, index_dir)
    (archive_dir / "articles" / "new.md").write_text(article_text("New", [], None, [], [], "Fresh radishes."))
    with open_archive(archive_dir) as archive, SearchIndex.open(archive, paths) as index:
        assert index.index_dir == index_dir
        texts = stored_texts(index)
        assert texts.pop("new") == "Fresh radishes.\n" and set(texts.values()) == {None}
