"""The front-matter catalog: same answers as a full scan, only changed files re-read."""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.archive import open_archive
from reader.core.archive.catalog import catalog_path

ONE = '+++\ntitle = "One"\nauthors = ["Ann"]\ndate = 2020-01-02\n+++\n\nBody.\n'
TWO = '+++\ntitle = "Two"\n+++\n\nBody.\n'


def test_catalog_gives_the_same_articles_and_problems(make_archive, tmp_path: Path) -> None:
    root = make_archive({"one": ONE, "two": TWO, "bad": b"+++\n\xff\n+++\n"})
    cache = tmp_path / "cache"
    plain = open_archive(root)
    first = open_archive(root, catalog_dir=cache)
    assert first.articles() and catalog_path(cache, root).is_file()
    second = open_archive(root, catalog_dir=cache)
    for archive in (first, second):
        assert archive.articles() == plain.articles()
        assert archive.problems == plain.problems


def test_only_changed_files_are_read_again(make_archive, tmp_path: Path) -> None:
    root = make_archive({"one": ONE, "two": TWO})
    cache = tmp_path / "cache"
    open_archive(root, catalog_dir=cache).articles()
    two = root / "articles" / "two.md"
    two.write_text(TWO.replace("Two", "Second"), encoding="utf-8")
    stat = two.stat()
    os.utime(two, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    # Prove the cache is used for unchanged files: corrupt "one" without changing its stamp.
    one = root / "articles" / "one.md"
    stamp = one.stat()
    one.write_text(ONE.replace("One", "Uno"), encoding="utf-8")
    os.utime(one, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    archive = open_archive(root, catalog_dir=cache)
    titles = {m.id: m.title for m in archive.articles()}
    assert titles["two"] == "Second"
    assert one.stat().st_size == stamp.st_size
    assert titles["one"] == "One"  # served from the catalog, not re-read


def test_a_damaged_catalog_is_ignored(make_archive, tmp_path: Path) -> None:
    root = make_archive({"one": ONE})
    cache = tmp_path / "cache"
    open_archive(root, catalog_dir=cache).articles()
    catalog_path(cache, root).write_text("{broken", encoding="utf-8")
    assert [m.title for m in open_archive(root, catalog_dir=cache).articles()] == ["One"]
