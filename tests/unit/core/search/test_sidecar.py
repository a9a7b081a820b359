"""The article stamps beside the index: read back as written, and every change to the articles seen."""

from __future__ import annotations

import os
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import paths as pathsmod
from reader.core.search import SearchIndex, sidecar
from reader.core.search.engine import INDEX_DIRNAME
from reader.core.search.schema import SCHEMA_VERSION
from reader.core.search.vocab import Vocabulary
from tests.unit.core.search.conftest import ids

# File names as a folder lists them: anything but NUL and "/", lone surrogates included (undecodable bytes).
_NAME = st.text(st.characters(blacklist_characters="\0/", blacklist_categories=()), min_size=1, max_size=12)
_STAMP = st.tuples(st.integers(0, 2**40), st.integers(-2**62, 2**62),
                   st.text("0123456789abcdef", max_size=24))


@settings(max_examples=60, deadline=None)
@given(stamps=st.dictionaries(_NAME, _STAMP, max_size=20))
def test_stamps_read_back_as_written_in_their_order(stamps: sidecar.FileStamps,
                                                    tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("index")
    sidecar.write_manifest(folder, SCHEMA_VERSION, stamps, 7)
    manifest = sidecar.read_manifest(folder)
    assert manifest is not None and manifest["generation"] == 7
    back = sidecar.manifest_stamps(manifest)
    assert list(back.items()) == list(stamps.items())
    listing = sidecar.Listing(list(stamps), array("q", (v[0] for v in stamps.values())),
                              array("q", (v[1] for v in stamps.values())))
    assert sidecar.unchanged(manifest, listing)
    if len(stamps) > 1:
        assert not sidecar.unchanged(manifest, sidecar.Listing(listing.names[::-1], listing.sizes[::-1],
                                                               listing.stamps[::-1]))


def _listing_of(archive_dir: Path) -> tuple[dict, sidecar.Listing]:
    manifest = sidecar.read_manifest(archive_dir / INDEX_DIRNAME)
    assert manifest is not None
    return manifest, sidecar.list_articles(archive_dir)


def test_any_change_to_the_listing_is_not_unchanged(archive_dir: Path, paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    manifest, listing = _listing_of(archive_dir)
    assert sidecar.unchanged(manifest, listing)
    names, sizes, stamps = listing.names, listing.sizes, listing.stamps
    for other in (
        sidecar.Listing(names[:-1], sizes[:-1], stamps[:-1]),
        sidecar.Listing([*names[:-1], "other.md"], sizes, stamps),
        sidecar.Listing(names, array("q", [sizes[0] + 1, *sizes[1:]]), stamps),
        sidecar.Listing(names, sizes, array("q", [*stamps[:-1], stamps[-1] + 1])),
    ):
        assert not sidecar.unchanged(manifest, other)


def test_a_same_size_edit_in_place_is_found_on_the_next_open(archive_dir: Path,
                                                              paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    path = archive_dir / "articles" / "undated.md"
    text = path.read_text(encoding="utf-8")
    before = path.stat()
    with path.open("r+", encoding="utf-8") as handle:  # the same inode, the same size, no rename
        handle.write(text.replace("tomatoes", "cucumber"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000))
    with SearchIndex.open(archive_dir, paths) as index:
        assert ids(index.search("cucumber")) == ["undated"]
        assert ids(index.search("tomatoes")) == []


def test_a_touch_is_recorded_so_the_next_open_only_compares(archive_dir: Path, paths: pathsmod.Paths,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(archive_dir, paths).close()
    path = archive_dir / "articles" / "undated.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000))
    SearchIndex.open(archive_dir, paths).close()  # same digest: the new stamp is written down
    manifest, listing = _listing_of(archive_dir)
    assert sidecar.unchanged(manifest, listing)
    hashed: list[Path] = []
    real = sidecar._digest
    monkeypatch.setattr(sidecar, "_digest", lambda *a: hashed.append(a[1]) or real(*a))
    with SearchIndex.open(archive_dir, paths) as index:
        assert ids(index.search("tomatoes")) == ["undated"]
    assert hashed == []


@pytest.mark.parametrize("damage", [
    lambda data: data[:-1],
    lambda data: b"X" + data[1:],
    lambda data: data[:8] + bytes(40) + data[48:],
])
def test_damaged_stamps_mean_no_manifest(archive_dir: Path, paths: pathsmod.Paths, damage) -> None:
    SearchIndex.open(archive_dir, paths).close()
    stamps = archive_dir / INDEX_DIRNAME / sidecar.STAMPS
    stamps.write_bytes(damage(stamps.read_bytes()))
    assert sidecar.read_manifest(archive_dir / INDEX_DIRNAME) is None


def test_stamps_of_another_manifest_are_refused(tmp_path: Path) -> None:
    sidecar.write_manifest(tmp_path, SCHEMA_VERSION, {"a.md": (1, 2, "ab")}, 1)
    kept = (tmp_path / sidecar.STAMPS).read_bytes()
    sidecar.write_manifest(tmp_path, SCHEMA_VERSION, {"a.md": (1, 2, "ab")}, 1)
    (tmp_path / sidecar.STAMPS).write_bytes(kept)  # a crash between the two writes
    assert sidecar.read_manifest(tmp_path) is None


def test_another_versions_manifest_is_returned_without_stamps(tmp_path: Path) -> None:
    (tmp_path / sidecar.MANIFEST).write_text('{"schema_version": 1, "files": {}}', encoding="utf-8")
    manifest = sidecar.read_manifest(tmp_path)
    assert manifest is not None and manifest["schema_version"] == 1
    assert sidecar.manifest_stamps(manifest) == {}


def test_both_ways_of_listing_agree(tmp_path: Path) -> None:
    """By name in the open folder (POSIX) or from the folder's entries (Windows): the same files."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("b.md", "a.md", "notes.txt"):
        (articles / name).write_text(name, encoding="utf-8")
    (articles / "folder.md").mkdir()
    (articles / "link.md").symlink_to(articles / "a.md")
    (articles / "broken.md").symlink_to(tmp_path / "missing.md")
    relative, entries = sidecar._list_relative(articles), sidecar._list_entries(articles)
    assert relative == entries == sidecar.list_articles(tmp_path)
    assert sorted(relative.names) == ["a.md", "b.md", "link.md"]
    assert list(relative.sizes) == [len(name) if name != "link.md" else 4 for name in relative.names]


@settings(max_examples=60, deadline=None)
@given(counts=st.dictionaries(st.text(max_size=8), st.integers(1, 10**6), max_size=30),
       probes=st.lists(st.text(max_size=8), max_size=10))
def test_the_vocabulary_reads_back_sorted_and_answers_like_a_dict(
        counts: dict[str, int], probes: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("index") / sidecar.VOCAB
    sidecar.write_vocab(path, counts)
    vocabulary = Vocabulary(loader=lambda: sidecar.read_vocab(path))
    assert vocabulary.words == sorted(counts)
    for word in [*counts, *probes]:
        assert (word in vocabulary) == (word in counts)
        assert vocabulary.count(word) == counts.get(word, 0)


@pytest.mark.parametrize("text", ['{"a": 1}', '[["b", "a"], [1, 2]]', '[["a"], [1, 2]]', '[["a"]]'])
def test_a_vocabulary_that_is_not_sorted_pairs_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / sidecar.VOCAB
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError):
        assert Vocabulary(loader=lambda: sidecar.read_vocab(path)).words is None
