"""Regression suite from the second security sweep: hostile and damaged archives.

Each case is one input and one expected outcome: the archive opens with the
listed ids and a problem naming the bad file, or it is refused with one
sentence.  Nothing outside the archive is ever read through it.
"""

from __future__ import annotations

import os
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.archive import ArchiveInfo, ImportedArticle, catalog, open_archive
from reader.core.archive.writer import ArchiveWriter
from reader.core.errors import ArchiveError, ReaderError

SECRET = "SECRET-TOKEN-1f3a"
GOOD = '+++\ntitle = "Good"\n+++\n\nGood body.\n'
INFO = 'id = "sweep"\ntitle = "Sweep"\n'


def _folder(tmp: Path, articles: dict[str, str] | None = None) -> Path:
    root = tmp / "arch"
    (root / "articles").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "archive.toml").write_text(INFO, encoding="utf-8")
    for name, text in {"good": GOOD, **(articles or {})}.items():
        (root / "articles" / f"{name}.md").write_text(text, encoding="utf-8", newline="")
    (tmp / "outside").mkdir(exist_ok=True)
    (tmp / "outside" / "secret.md").write_text(f'+++\ntitle = "{SECRET}"\n+++\n{SECRET}\n', encoding="utf-8")
    return root


def _link(target: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        root = _folder(tmp)
        os.symlink(target.replace("OUT", str(tmp / "outside")), root / "articles" / "passwd.md")
        return root
    return build


def _articles_dir_outside(tmp: Path) -> Path:
    root = _folder(tmp)
    os.rename(root / "articles", tmp / "elsewhere")
    (tmp / "outside" / "secret.md").rename(tmp / "elsewhere" / "secret.md")
    os.symlink(tmp / "elsewhere", root / "articles")
    return root


def _info_link(tmp: Path) -> Path:
    root = _folder(tmp)
    (tmp / "outside" / "info.toml").write_text(f'id = "x"\ntitle = "{SECRET}"\n', encoding="utf-8")
    (root / "archive.toml").unlink()
    os.symlink(tmp / "outside" / "info.toml", root / "archive.toml")
    return root


def _fifo(tmp: Path) -> Path:
    root = _folder(tmp)
    os.mkfifo(root / "articles" / "pipe.md")
    return root


def _sparse(relative: str, size: int) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        root = _folder(tmp)
        with (root / relative).open("r+b" if (root / relative).exists() else "wb") as handle:
            handle.truncate(size)
        return root
    return build


def _named(name: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        root = _folder(tmp)
        (root / "articles" / name).write_text(GOOD, encoding="utf-8")
        return root
    return build


def _with(articles: dict[str, str], info: str = INFO) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        root = _folder(tmp, articles)
        (root / "archive.toml").write_text(info, encoding="utf-8")
        return root
    return build


class _Cp437(zipfile.ZipInfo):
    """A member whose name is stored as cp437 bytes (old Windows tools), optionally flagged UTF-8."""

    utf8_flag = False

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("cp437"), self.flag_bits | (0x800 if self.utf8_flag else 0)


class _BadFlag(_Cp437):
    utf8_flag = True


def _zip(members: dict[str, str] | None = None, patch: tuple[str, int, str, int] | None = None,
         info: str = INFO, names: dict[str, type[zipfile.ZipInfo]] | None = None) -> Callable[[Path], Path]:
    """A zip archive; ``patch`` = (member, offset in its central entry, struct format, value)."""
    def build(tmp: Path) -> Path:
        path = tmp / "arch.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("archive.toml", info)
            zf.writestr("articles/good.md", GOOD)
            for name, text in (members or {}).items():
                zf.writestr(name, text)
            for name, kind in (names or {}).items():
                zf.writestr(kind(name), GOOD)
        if patch:
            member, offset, fmt, value = patch
            data = bytearray(path.read_bytes())
            at = data.find(b"PK\x01\x02")
            while at >= 0:
                name_len = struct.unpack_from("<H", data, at + 28)[0]
                if data[at + 46:at + 46 + name_len] == member.encode():
                    struct.pack_into(fmt, data, at + offset, value)
                    break
                at = data.find(b"PK\x01\x02", at + 4)
            else:
                raise AssertionError(f"no central entry for {member}")
            path.write_bytes(bytes(data))
        return path
    return build


DEEP_ARRAY = "+++\nx = " + "[" * 5000 + "]" * 5000 + "\n+++\nbody\n"
DEEP_TABLE = "+++\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n+++\nbody\n"
DOTTED = "+++\n" + "a" + ".a" * 20_000 + " = 1\n+++\nbody\n"
BIG_HEADER = "+++\n" + "".join(f'k{i} = "{"x" * 90}"\n' for i in range(1100)) + "+++\nbody\n"
GIB = 1 << 30

# (case, build, ids listed, a problem containing) — the archive opens, the bad file is named.
OPENS: list[tuple[str, Callable[[Path], Path], set[str], str | None]] = [
    ("article-link-outside", _link("OUT/secret.md"), {"good"}, "outside the archive"),
    ("article-link-etc-passwd", _link("/etc/passwd"), {"good"}, "outside the archive"),
    ("article-link-proc-environ", _link("/proc/self/environ"), {"good"}, "outside the archive"),
    ("article-link-inside", _link("good.md"), {"good", "passwd"}, None),
    ("articles-dir-link-outside", _articles_dir_outside, set(), "outside the archive"),
    ("article-fifo", _fifo, {"good"}, None),  # not listed, and never opened (it would block)
    ("article-1-gib-sparse", _sparse("articles/huge.md", GIB), {"good"}, "too large"),
    ("crlf-article", _with({"crlf": '+++\r\ntitle = "Windows"\r\ndate = 2020-01-02\r\n+++\r\n\r\nText\r\n'}),
     {"good", "crlf"}, None),
    ("name-with-newline", _named("two\nlines.md"), {"good"}, "cannot be an article id"),
    ("name-with-tab", _named("tab\there.md"), {"good"}, "cannot be an article id"),
    ("name-with-space", _named("my article.md"), {"good"}, "cannot be an article id"),
    ("front-matter-deep-arrays", _with({"deep": DEEP_ARRAY}), {"good"}, "nested too deeply"),
    ("front-matter-deep-tables", _with({"deep": DEEP_TABLE}), {"good"}, "nested too deeply"),
    ("front-matter-20000-dotted", _with({"dotted": DOTTED}), {"good"}, "dotted parts"),
    ("front-matter-100-kib", _with({"big": BIG_HEADER}), {"good"}, "larger than"),
    ("zip-bad-crc", _zip({"articles/crc.md": GOOD}, ("articles/crc.md", 16, "<I", 0xDEADBEEF)), {"good"},
     "damaged"),
    ("zip-encrypted", _zip({"articles/locked.md": GOOD}, ("articles/locked.md", 8, "<H", 0x1)), {"good"},
     "encrypted"),
    ("zip-unsupported-method", _zip({"articles/odd.md": GOOD}, ("articles/odd.md", 10, "<H", 99)),
     {"good"}, "method"),
    ("zip-bad-utf8-name", _zip(names={"articles/caf\u00e9.md": _BadFlag}), {"good"}, "UTF-8"),
    ("zip-declares-1-gib", _zip({"articles/bomb.md": GOOD}, ("articles/bomb.md", 24, "<I", GIB)), {"good"},
     "too large"),
    ("zip-cp437-name", _zip(names={"articles/caf\u00e9.md": _Cp437}), {"good", "caf\u00e9"}, None),
    ("zip-nfd-name", _zip({"articles/cafe\u0301.md": GOOD}), {"good", "caf\u00e9"}, None),
    ("folder-nfd-name", _named("cafe\u0301.md"), {"good", "caf\u00e9"}, None),
    ("zip-cp437-name-not-a-word", _zip(names={"articles/a\u2592b.md": _Cp437}), {"good"},
     "cannot be an article id"),
]

DEEP_INFO_ARRAY = INFO + "x = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_INFO_TABLE = INFO + "x = " + "{a = " * 3000 + "1" + "}" * 3000

# (case, build, the one sentence) — the archive cannot be opened at all.
REFUSED: list[tuple[str, Callable[[Path], Path], str]] = [
    ("archive-toml-link-outside", _info_link, "outside the archive"),
    ("archive-toml-512-mib-sparse", _sparse("archive.toml", 512 << 20), "too large"),
    ("archive-toml-deep-arrays", _with({}, DEEP_INFO_ARRAY), "nested too deeply"),
    ("archive-toml-deep-tables", _with({}, INFO + "[" + ".".join(["t"] * 40) + "]\n"), "dotted parts"),
    ("zip-archive-toml-declares-512-mib", _zip(patch=("archive.toml", 24, "<I", 512 << 20)), "too large"),
    ("zip-archive-toml-deep", _zip(info=DEEP_INFO_TABLE), "nested too deeply"),
]


@pytest.mark.parametrize(("case", "build", "ids", "problem"), OPENS, ids=[c[0] for c in OPENS])
def test_archive_opens_with_the_bad_file_named(tmp_path: Path, case: str, build: Callable[[Path], Path],
                                               ids: set[str], problem: str | None) -> None:
    location = build(tmp_path)
    started = time.perf_counter()
    with open_archive(location, catalog_dir=tmp_path / "cache") as archive:
        listed = {meta.id for meta in archive.articles()}
        problems = [str(p) for p in archive.problems]
        bodies = [archive.article(article_id).body for article_id in listed]
    assert time.perf_counter() - started < 3
    assert listed == ids
    if problem is None:
        assert problems == []
    else:
        assert problems and all(problem in p for p in problems), problems
        assert not any("\n" in p or "\t" in p for p in problems)
    assert not any(SECRET in body for body in bodies)
    for meta_id in listed:
        assert "\n" not in meta_id


@pytest.mark.parametrize(("case", "build", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_archive_is_refused_in_one_sentence(tmp_path: Path, case: str, build: Callable[[Path], Path],
                                            message: str) -> None:
    location = build(tmp_path)
    with pytest.raises(ArchiveError, match=message) as caught:
        open_archive(location).close()
    assert SECRET not in str(caught.value) and "\n" not in str(caught.value)


def test_bad_article_cannot_be_shown_by_id(tmp_path: Path) -> None:
    """Even without listing first (``show`` reads one file), a link outside is refused."""
    location = _link("OUT/secret.md")(tmp_path)
    with open_archive(location) as archive, pytest.raises(ReaderError) as caught:
        archive.article("passwd")
    assert SECRET not in str(caught.value)


def test_fifo_article_is_refused_without_blocking(tmp_path: Path) -> None:
    with open_archive(_fifo(tmp_path)) as archive, pytest.raises(ArchiveError, match="not a regular file"):
        archive.article("pipe")


def test_crlf_article_opens_with_its_fields(tmp_path: Path) -> None:
    location = OPENS[7][1](tmp_path)
    with open_archive(location) as archive:
        article = archive.article("crlf")
    assert article.meta.title == "Windows" and article.meta.date == "2020-01-02"
    assert article.body.strip() == "Text"


def _asset_link_file(tmp: Path) -> Path:
    root = _folder(tmp)
    os.symlink("/etc/passwd", root / "assets" / "logo.png")
    return root


def _assets_dir_root(tmp: Path) -> Path:
    root = _folder(tmp)
    (root / "assets").rmdir()
    os.symlink("/", root / "assets")
    return root


def _asset_link_secret(tmp: Path) -> Path:
    root = _folder(tmp)
    os.symlink(tmp / "outside" / "secret.md", root / "assets" / "img.png")
    return root


def _asset_link_inside(tmp: Path) -> Path:
    root = _folder(tmp)
    (root / "assets" / "real.png").write_bytes(b"\x89PNG")
    os.symlink("real.png", root / "assets" / "alias.png")
    return root


# (case, build, asset asked for, bytes served or None)
ASSETS: list[tuple[str, Callable[[Path], Path], str, bytes | None]] = [
    ("asset-link-etc-passwd", _asset_link_file, "logo.png", None),
    ("assets-dir-link-root", _assets_dir_root, "etc/passwd", None),
    ("assets-dir-link-root-environ", _assets_dir_root, "proc/self/environ", None),
    ("asset-link-outside", _asset_link_secret, "img.png", None),
    ("asset-link-inside", _asset_link_inside, "assets/alias.png", b"\x89PNG"),
    ("asset-name-with-nul", _asset_link_inside, "real\x00.png", None),
]


@pytest.mark.parametrize(("case", "build", "asset", "served"), ASSETS, ids=[c[0] for c in ASSETS])
def test_assets_never_read_outside_the_archive(tmp_path: Path, case: str, build: Callable[[Path], Path],
                                               asset: str, served: bytes | None) -> None:
    with open_archive(build(tmp_path)) as archive:
        assert archive.asset(asset) == served


@pytest.mark.parametrize("content", ["[]", "{}", '{"version": 2, "files": []}', "null", "\x00garbage"])
def test_damaged_catalog_is_rebuilt(tmp_path: Path, content: str) -> None:
    root = _folder(tmp_path)
    target = catalog.catalog_path(tmp_path / "cache", root)
    target.parent.mkdir(parents=True)
    target.write_text(content, encoding="utf-8")
    with open_archive(root, catalog_dir=tmp_path / "cache") as archive:
        assert [meta.id for meta in archive.articles()] == ["good"]
    assert catalog.load(target)  # written again, readable


@pytest.mark.parametrize("plant", ["fifo", "link-outside"])
def test_writing_over_a_planted_file_never_reads_or_follows_it(tmp_path: Path, plant: str) -> None:
    """An import whose id matches a FIFO or a link out replaces the entry itself, without blocking."""
    root = _folder(tmp_path)
    target = root / "articles" / "planted.md"
    secret = tmp_path / "outside" / "secret.md"
    before = secret.read_bytes()
    if plant == "fifo":
        os.mkfifo(target)
    else:
        os.symlink(secret, target)
    writer = ArchiveWriter(root, ArchiveInfo(id="sweep", title="Sweep"))
    result = writer.write(ImportedArticle(body="New text.", title="Planted", slug="planted"), "x")
    assert result.changed and target.is_file() and not target.is_symlink()
    assert secret.read_bytes() == before


ACCENTED = [_zip(names={"articles/caf\u00e9.md": _Cp437}), _zip({"articles/cafe\u0301.md": GOOD}),
            _named("cafe\u0301.md")]


@pytest.mark.parametrize("build", ACCENTED, ids=["zip-cp437", "zip-nfd", "folder-nfd"])
def test_an_accented_id_is_shown_without_listing_first(tmp_path: Path, build: Callable[[Path], Path]) -> None:
    """``show café`` opens the archive and reads one file: the id typed (NFC) must find it."""
    with open_archive(build(tmp_path)) as archive:
        assert archive.article("caf\u00e9").meta.title == "Good"
