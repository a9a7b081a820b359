"""Importing a WordPress export into an archive: staging, re-import, removal, notes, the index."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.annotations.service import Annotations
from reader.core.annotations.store import AnnotationStore
from reader.core.archive import open_archive
from reader.core.errors import ArchiveError
from reader.core.importing import WxrOptions, WxrReport, import_wxr
from reader.core.search import SearchIndex, trust
from reader.core.search.engine import INDEX_DIRNAME
from tests.unit.core.importers.wxr_builder import EXAMPLE, item, write

PARAGRAPHS = [
    "The first paragraph talks about the history of the labour movement in some detail.",
    "The second paragraph is the one a reader highlights because it says something memorable.",
    "The third paragraph closes the argument with a call to organise.",
]


def run(source: Path, folder: Path, **options: object) -> WxrReport:
    return import_wxr(folder, source, pathsmod.resolve(), WxrOptions(**options))  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def site(path: Path, *, changed: bool = False, extra: bool = False, drop: bool = False) -> Path:
    second = "Something new was said here." if changed else "Nothing changes in this post."
    items = [item(1, "\n\n".join(PARAGRAPHS), title="Long post"), item(2, second, title="Second")]
    if not drop:
        items.append(item(3, "A post that will be deleted from the site.", title="Third"))
    if extra:
        items.append(item(4, "A brand new post.", title="Fourth"))
    return write(path, *items)


def test_reimporting_the_same_export_changes_nothing_at_all(tmp_path: Path) -> None:
    source = site(tmp_path / "v1.xml")
    first = run(source, tmp_path / "arch")
    assert first.imported == ["post-1", "post-2", "post-3"] and first.indexed
    before = snapshot(tmp_path / "arch")
    again = run(source, tmp_path / "arch")
    assert (again.imported, again.updated, again.unchanged, again.removed) == ([], [], 3, [])
    assert snapshot(tmp_path / "arch") == before  # same bytes, same modification times
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".arch.")]


def test_a_changed_export_updates_only_the_changed_posts(tmp_path: Path) -> None:
    run(site(tmp_path / "v1.xml"), tmp_path / "arch")
    before = snapshot(tmp_path / "arch")
    report = run(site(tmp_path / "v2.xml", changed=True, extra=True, drop=True), tmp_path / "arch")
    assert (report.imported, report.updated, report.unchanged) == (["post-4"], ["post-2"], 1)
    assert report.removed == ["post-3"] and not report.pruned
    after = snapshot(tmp_path / "arch")
    assert after["articles/post-1.md"] == before["articles/post-1.md"]
    assert after["articles/post-3.md"] == before["articles/post-3.md"]  # kept: only reported
    assert b"Something new" in after["articles/post-2.md"][0]
    with SearchIndex.open(tmp_path / "arch") as index:  # the new index is already up to date
        assert [h.id for h in index.search("brand new").hits] == ["post-4"]
        assert [h.id for h in index.search("something new").hits] == ["post-2"]
        assert index.notice is None


def test_prune_deletes_posts_gone_from_the_export(tmp_path: Path) -> None:
    run(site(tmp_path / "v1.xml"), tmp_path / "arch")
    report = run(site(tmp_path / "v2.xml", drop=True), tmp_path / "arch", prune=True)
    assert report.removed == ["post-3"] and report.pruned
    assert sorted(m.id for m in open_archive(tmp_path / "arch").articles()) == ["post-1", "post-2"]
    with SearchIndex.open(tmp_path / "arch") as index:
        assert index.search("deleted").total == 0


def test_posts_are_found_by_wordpress_id_even_when_their_slug_changes(tmp_path: Path) -> None:
    run(write(tmp_path / "v1.xml", item(1, "Text.", name="old-slug")), tmp_path / "arch")
    report = run(write(tmp_path / "v2.xml", item(1, "Text, edited.", name="new-slug")), tmp_path / "arch")
    assert report.updated == ["old-slug"] and report.imported == []


def test_another_articles_id_is_never_taken_over(tmp_path: Path) -> None:
    run(write(tmp_path / "v1.xml", item(1, "Text.", name="about")), tmp_path / "arch")
    (tmp_path / "arch" / "articles" / "hand-made.md").write_text("+++\ntitle = \"Mine\"\n+++\n\nMine.\n")
    v2 = write(tmp_path / "v2.xml", item(1, "Text.", name="about"), item(9, "Other.", name="hand-made"))
    report = run(v2, tmp_path / "arch")
    assert report.imported == ["hand-made-2"]
    assert open_archive(tmp_path / "arch").article("hand-made").body.strip() == "Mine."


def test_notes_stay_anchored_across_a_reimport(tmp_path: Path) -> None:
    run(site(tmp_path / "v1.xml"), tmp_path / "arch")
    store = AnnotationStore.in_dir(tmp_path / "notes")
    quote = "says something memorable"
    Annotations(store, open_archive(tmp_path / "arch")).add_quote("post-1", quote, note="remember")
    edited = PARAGRAPHS.copy()
    edited[0] = "A rewritten, much longer first paragraph: " + edited[0] + " With an added sentence."
    edited[1] = edited[1].replace("a reader highlights", "readers highlight")
    write(tmp_path / "v2.xml", item(1, "\n\n".join(edited), title="Long post"))
    assert run(tmp_path / "v2.xml", tmp_path / "arch").updated == ["post-1"]
    archive = open_archive(tmp_path / "arch")
    [(note, match)] = Annotations(store, archive).for_article("post-1")
    text = Annotations(store, archive).text("post-1")
    assert match is not None and match.state == "moved"
    assert text[match.start:match.end] == quote and note.note == "remember"
    store.close()


def test_refuses_a_folder_that_is_not_an_archive(tmp_path: Path) -> None:
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(ArchiveError, match="not an archive"):
        run(EXAMPLE, tmp_path / "stuff")
    assert [p.name for p in (tmp_path / "stuff").iterdir()] == ["holiday.jpg"]


def test_an_empty_folder_becomes_the_archive(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run(EXAMPLE, tmp_path / "empty").imported


def test_a_stale_staging_folder_from_a_crash_is_cleared(tmp_path: Path) -> None:
    stale = tmp_path / ".arch.import-999999999"
    (stale / "articles").mkdir(parents=True)
    run(EXAMPLE, tmp_path / "arch")
    assert not stale.exists()


def test_the_prebuilt_index_is_used_as_is_by_the_importing_user(tmp_path: Path) -> None:
    run(EXAMPLE, tmp_path / "arch")
    index_dir = tmp_path / "arch" / INDEX_DIRNAME
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    with SearchIndex.open(tmp_path / "arch") as index:
        assert index.index_dir == index_dir and index.search("marching").total == 1
    assert {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()} == before


def test_an_index_installed_by_an_administrator_is_trusted(tmp_path: Path) -> None:
    """Judged by owner and modes: files of an admin who is not us, writable by nobody else."""
    run(EXAMPLE, tmp_path / "arch")
    index_dir = tmp_path / "arch" / INDEX_DIRNAME
    owner = index_dir.stat().st_uid
    assert trust.admin_installed(index_dir, me=owner + 1, admins=(owner,))
    assert not trust.admin_installed(index_dir, me=owner, admins=(owner,))  # we could have written it
    assert not trust.admin_installed(index_dir, me=owner + 1, admins=(owner + 2,))  # another user's
    os.chmod(index_dir, 0o777)
    assert not trust.admin_installed(index_dir, me=owner + 1, admins=(owner,))  # anyone could write


def test_a_copied_archive_is_indexed_in_the_cache_not_trusted(tmp_path: Path) -> None:
    """A copied index is not ours: never opened, never rewritten (it may be another profile's)."""
    run(EXAMPLE, tmp_path / "arch")
    shutil.copytree(tmp_path / "arch", tmp_path / "copy")
    copied = tmp_path / "copy" / INDEX_DIRNAME
    before = {p.name: p.read_bytes() for p in copied.iterdir()}
    with SearchIndex.open(tmp_path / "copy") as index:
        assert index.search("marching").total == 1
        assert pathsmod.resolve().cache in index.index_dir.parents
    assert not trust.is_trusted(pathsmod.resolve(), copied)
    assert {p.name: p.read_bytes() for p in copied.iterdir()} == before


def test_two_conversion_processes_write_the_same_archive(tmp_path: Path) -> None:
    run(EXAMPLE, tmp_path / "one", workers=1)
    run(EXAMPLE, tmp_path / "two", workers=2)
    articles = sorted((tmp_path / "one" / "articles").iterdir())
    assert [p.name for p in articles] == sorted(p.name for p in (tmp_path / "two" / "articles").iterdir())
    for path in articles:
        assert path.read_bytes() == (tmp_path / "two" / "articles" / path.name).read_bytes()


def test_a_post_that_fails_to_convert_is_skipped_and_the_rest_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core import importing
    from reader.core.errors import SourceError

    convert = importing.article_from_item

    def failing(post: object, *args: object) -> object:
        if str(getattr(post, "post_id", "")) == "2":
            raise SourceError("post 2: its HTML is nested too deeply to convert")
        return convert(post, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "article_from_item", failing)
    report = run(site(tmp_path / "v1.xml"), tmp_path / "arch", workers=1)
    assert report.imported == ["post-1", "post-3"]
    assert dict(report.skipped) == {"post 2: its HTML is nested too deeply to convert": 1}


def test_another_profiles_index_is_never_rebuilt_in_place(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two data dirs on one archive: the second user's import leaves the first one's index alone."""
    run(site(tmp_path / "v1.xml"), tmp_path / "arch")
    index_dir = tmp_path / "arch" / INDEX_DIRNAME
    before = {p.name: p.read_bytes() for p in index_dir.iterdir()}
    monkeypatch.setenv("READING_ROOM_DATA_DIR", str(tmp_path / "second-profile"))
    report = run(site(tmp_path / "v2.xml", extra=True), tmp_path / "arch")
    assert report.imported == ["post-4"] and not report.indexed
    assert {p.name: p.read_bytes() for p in index_dir.iterdir()} == before
    assert not trust.is_trusted(pathsmod.resolve(), index_dir)
    with SearchIndex.open(tmp_path / "arch") as index:  # the second user's own, in their cache
        assert pathsmod.resolve().cache in index.index_dir.parents
        assert index.search("brand").total == 1
