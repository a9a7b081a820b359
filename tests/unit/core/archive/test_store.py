from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from reader.core.archive import open_archive
from reader.core.errors import ArchiveError, ArticleNotFound

GOOD = """+++
title = "Good one"
authors = ["Ann Author"]
date = 2019-03-04
tags = ["history"]
categories = ["Theory"]
source_url = "https://example.org/good"
+++

First paragraph.

Second paragraph.
"""
MINIMAL = "+++\ntitle = \"Only a title\"\n+++\n\nBody.\n"


def test_folder_archive_lists_articles_with_metadata(make_archive) -> None:
    root = make_archive({"good": GOOD, "minimal": MINIMAL})
    with open_archive(root) as archive:
        assert archive.info.id == "arch"
        assert archive.info.language == "en"
        assert [m.id for m in archive.articles()] == ["good", "minimal"]
        good = archive.meta("good")
        assert good.title == "Good one"
        assert good.authors == ("Ann Author",)
        assert good.date == "2019-03-04"
        assert good.tags == ("history",)
        assert good.categories == ("Theory",)
        assert archive.article("good").body.startswith("First paragraph.")


def test_unknown_fields_stay_absent_never_invented(make_archive) -> None:
    root = make_archive({"minimal": MINIMAL})
    with open_archive(root) as archive:
        meta = archive.meta("minimal")
        assert meta.authors == () and meta.date is None and meta.source_url is None
        assert meta.to_json() == {
            "id": "minimal", "title": "Only a title", "authors": [], "date": None,
            "tags": [], "categories": [],
        }


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"+++\ntitle = \"unterminated\n+++\nbody", "not valid TOML"),
        (b"+++\ntitle = \"never closed\"\nbody", "never closed"),
        (b"+++\ntitle = \"x\"\n+++\n\xff\xfe broken", "not valid UTF-8"),
        (b"+++\ntitle = \"x\"\nauthors = 3\n+++\nbody", "authors"),
    ],
)
def test_broken_article_is_reported_and_the_rest_opens(make_archive, content: bytes, reason: str) -> None:
    root = make_archive({"good": GOOD, "broken": content})
    with open_archive(root) as archive:
        assert [m.id for m in archive.articles()] == ["good"]
        assert len(archive.problems) == 1
        problem = archive.problems[0]
        assert problem.path == "articles/broken.md"
        assert reason in problem.reason


def test_zipped_archive_opens_read_only(make_archive, tmp_path: Path) -> None:
    root = make_archive({"good": GOOD})
    (root / "assets").mkdir()
    (root / "assets" / "pic.png").write_bytes(b"\x89PNG fake")
    zipped = Path(shutil.make_archive(str(tmp_path / "zipped"), "zip", root))
    with open_archive(zipped) as archive:
        assert archive.read_only
        assert archive.article("good").meta.title == "Good one"
        assert archive.asset("assets/pic.png") == b"\x89PNG fake"


def test_zip_with_one_top_folder_opens(make_archive, tmp_path: Path) -> None:
    root = make_archive({"good": GOOD})
    zipped = Path(shutil.make_archive(str(tmp_path / "wrapped"), "zip", root.parent, root.name))
    with open_archive(zipped) as archive:
        assert [m.id for m in archive.articles()] == ["good"]


def test_assets_never_escape_the_assets_folder(make_archive) -> None:
    root = make_archive({"good": GOOD})
    (root / "assets").mkdir()
    (root / "assets" / "a.txt").write_bytes(b"ok")
    with open_archive(root) as archive:
        assert archive.asset("assets/a.txt") == b"ok"
        assert archive.asset("../archive.toml") is None
        assert archive.asset("assets/../archive.toml") is None
        assert archive.asset("articles/good.md") is None
        assert archive.asset("/etc/passwd") is None


def test_missing_and_bogus_archives_raise_user_errors(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no such archive"):
        open_archive(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArchiveError, match=r"no archive\.toml"):
        open_archive(tmp_path / "empty")
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(ArchiveError, match="zip"):
        open_archive(bogus)
    with zipfile.ZipFile(tmp_path / "nozip.zip", "w") as zf:
        zf.writestr("readme.txt", "hi")
    with pytest.raises(ArchiveError, match=r"no archive\.toml"):
        open_archive(tmp_path / "nozip.zip")


def test_unknown_article_id(make_archive) -> None:
    with open_archive(make_archive({"good": GOOD})) as archive, pytest.raises(ArticleNotFound):
        archive.article("missing")


def test_article_bodies_are_read_without_scanning_the_archive(make_archive) -> None:
    with open_archive(make_archive({"good": GOOD})) as archive:
        assert archive.article("good").meta.title == "Good one"
        for bad in ("../archive", "missing", "a/b", ""):
            with pytest.raises(ArticleNotFound):
                archive.article(bad)
