"""``extract``: dispatch by suffix, sidecars, user-facing errors; and ``slugify``."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import SourceError
from reader.core.importers import SUFFIXES, extract, sidecar_for, slugify


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_suffix_table() -> None:
    assert set(SUFFIXES) == {".txt", ".html", ".htm", ".md", ".markdown"}


@pytest.mark.parametrize(
    ("name", "text"),
    [("a.txt", "Body."), ("a.HTML", "<p>Body.</p>"), ("a.htm", "<p>Body.</p>"),
     ("a.md", "# T\n\nBody."), ("a.markdown", "Body.")],
)  # fmt: skip
def test_dispatch_by_suffix(tmp_path: Path, name: str, text: str) -> None:
    assert extract(write(tmp_path / name, text)).body == "Body."


def test_sidecar_beside_the_source_overrides(tmp_path: Path) -> None:
    source = write(tmp_path / "page.md", "# Page title\n\nBody.")
    write(sidecar_for(source), 'title = "Sidecar title"\nauthor = "Ann"\ndate = 2020-01-02\nsite = "x"\n')
    assert sidecar_for(source).name == "page.meta.toml"
    article = extract(source)
    assert (article.title, article.authors, article.date) == ("Sidecar title", ["Ann"], "2020-01-02")


def test_explicit_meta_wins_over_sidecar(tmp_path: Path) -> None:
    source = write(tmp_path / "page.txt", "Body.")
    write(sidecar_for(source), 'title = "Beside"\n')
    meta = write(tmp_path / "other.toml", 'title = "Given"\ntags = ["a"]\n')
    article = extract(source, meta)
    assert (article.title, article.tags) == ("Given", ["a"])


def test_bad_utf8(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(SourceError, match=r"latin1\.txt: not UTF-8 text \(byte 0xe9 at offset 3\)"):
        extract(source)


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"page\.pdf: unsupported file type '\.pdf'"):
        extract(write(tmp_path / "page.pdf", "x"))


def test_missing_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"gone\.txt: cannot read"):
        extract(tmp_path / "gone.txt")
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(SourceError, match=r"dir\.md: cannot read"):
        extract(tmp_path / "dir.md")
    with pytest.raises(SourceError, match=r"nometa\.toml: cannot read"):
        extract(write(tmp_path / "a.txt", "x"), tmp_path / "nometa.toml")


@pytest.mark.parametrize("sidecar", ['title = "unclosed\n', "title = 3\n", "authors = [1, 2]\n"])
def test_bad_sidecar(tmp_path: Path, sidecar: str) -> None:
    source = write(tmp_path / "page.txt", "Body.")
    write(sidecar_for(source), sidecar)
    with pytest.raises(SourceError, match=r"page\.meta\.toml: ") as caught:
        extract(source)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hasn't socialism been tried and failed?", "hasnt-socialism-been-tried-and-failed"),
        ("Ça a été la Straße – Œuvres", "ca-a-ete-la-strasse-oeuvres"),
        ("  Why  We_Fight!! ", "why-we-fight"),
        ("", "article"),
        ("???", "article-"),
        ("中文标题", "article-"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    result = slugify(text)
    assert result.startswith(slug) if slug.endswith("-") else result == slug
    assert result and result.isascii() and result == result.lower()


def test_slugify_is_bounded_and_stable() -> None:
    long = slugify("word " * 50)
    assert len(long) <= 80 and not long.endswith("-") and long.startswith("word-word")
    assert slugify("中文") == slugify("中文") != slugify("日本")


@pytest.mark.parametrize(("meta", "words"), [
    ("x = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("a" + ".a" * 20_000 + " = 1", "dotted parts"),
    ("title = 'x'\n" * 10 + "summary = '" + "s" * 70_000 + "'", "larger than"),
])
def test_a_hostile_sidecar_is_one_sentence(tmp_path: Path, meta: str, words: str) -> None:
    source = write(tmp_path / "page.txt", "Some text.")
    with pytest.raises(SourceError, match=words):
        extract(source, write(tmp_path / "page.meta.toml", meta))
