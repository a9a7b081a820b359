"""Reading an archive from a folder or a zip file.

Both are walked through the same small ``Traversable`` surface
(``pathlib.Path`` and ``zipfile.Path`` share it), so there is one code path.
A broken article is recorded as an :class:`ArchiveProblem` and skipped: one
bad file must never hide the rest of the archive.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from reader.core import safetoml
from reader.core.archive import catalog, formats, frontmatter
from reader.core.archive.files import (
    MAX_ARTICLE_BYTES,
    MAX_ASSET_BYTES,
    Unreadable,
    open_zip,
    read_folder_file,
    read_zip_member,
)
from reader.core.archive.model import ArchiveInfo, ArchiveProblem, Article, ArticleMeta
from reader.core.errors import ArchiveError, ArticleNotFound
from reader.core.i18n import _

log = logging.getLogger("reader.archive")

ARCHIVE_FILE = "archive.toml"
ARTICLES_DIR = "articles"
ASSETS_DIR = "assets"
ARTICLE_SUFFIX = ".md"
_SAFE_ID = re.compile(r"^[\w][\w.-]*$")


class Node(Protocol):
    """The part of ``pathlib.Path``/``zipfile.Path`` we rely on."""

    @property
    def name(self) -> str: ...
    def joinpath(self, *other: str) -> Node: ...
    def is_file(self) -> bool: ...
    def is_dir(self) -> bool: ...
    def iterdir(self) -> Iterator[Node]: ...



class Archive:
    """An opened archive: its info, the article index and lazy bodies."""

    def __init__(self, location: Path, root: Node, zip_file: zipfile.ZipFile | None,
                 catalog_dir: Path | None = None, bad_names: set[str] | None = None) -> None:
        self.location = location
        self._catalog_dir = catalog_dir
        self._root = root
        self._zip = zip_file
        self._real_root = location.resolve()
        self._bad_names = bad_names or set()  # zip members whose name is flagged UTF-8 but is not
        self.info = self._read_info()
        self._index: dict[str, ArticleMeta] | None = None
        self._problems: list[ArchiveProblem] = []

    @property
    def _articles(self) -> dict[str, ArticleMeta]:
        """Front matter of every article, read on first use (searching needs none of it)."""
        if self._index is None:
            self._index = {}
            self._scan(self._index)
        return self._index

    @property
    def problems(self) -> list[ArchiveProblem]:
        """Articles that could not be read, with the reason."""
        _ = self._articles
        return self._problems

    @property
    def read_only(self) -> bool:
        """Zipped archives are opened read-only."""
        return self._zip is not None

    def __len__(self) -> int:
        return len(self._articles)

    def articles(self) -> list[ArticleMeta]:
        """All readable articles, sorted by id for a stable order."""
        return [self._articles[key] for key in sorted(self._articles)]

    def meta(self, article_id: str) -> ArticleMeta:
        try:
            return self._articles[article_id]
        except KeyError:
            raise ArticleNotFound(article_id) from None

    def article(self, article_id: str) -> Article:
        """The article with its body, read now (bodies are not kept in memory)."""
        source, name = self._source(article_id)
        try:
            fields, body = frontmatter.split(source.decode("utf-8"))
            return Article(meta=meta_from_fields(article_id, fields), body=body, format=self.info.format)
        except KeyError:
            raise ArticleNotFound(article_id) from None
        except (UnicodeDecodeError, frontmatter.FrontMatterError, ValueError, TypeError) as exc:
            raise ArchiveError(f"{ARTICLES_DIR}/{name}: {exc}") from exc

    def article_body(self, article_id: str) -> str:
        """Only the body of an article (its fields are in ``meta``)."""
        return body_of(article_id, self.article_source(article_id))

    def article_source(self, article_id: str) -> bytes:
        """An article file's bytes: what indexing reads (and hashes, to know later if it changed)."""
        return self._source(article_id)[0]

    def _source(self, article_id: str) -> tuple[bytes, str]:
        """An article file's bytes and its name (for messages); unknown ids fail as ``meta`` does."""
        if self._index is not None:
            self.meta(article_id)
        elif not safe_id(article_id):
            raise ArticleNotFound(article_id)
        node = self._article_node(article_id)
        try:
            return self._read(node, MAX_ARTICLE_BYTES), node.name
        except (OSError, KeyError):
            raise ArticleNotFound(article_id) from None
        except (Unreadable, ValueError) as exc:
            raise ArchiveError(f"{ARTICLES_DIR}/{node.name}: {exc}") from exc

    def asset(self, relative: str) -> bytes | None:
        """Bytes of ``assets/<relative>``, or None: nothing outside assets/ is served."""
        parts = [part for part in relative.replace("\\", "/").split("/") if part]
        if not parts or any(part in (".", "..") for part in parts):
            return None
        if parts[0] == ASSETS_DIR:
            parts = parts[1:]
        node = self._root.joinpath(ASSETS_DIR, *parts)
        try:
            return self._read(node, MAX_ASSET_BYTES) if node.is_file() else None
        except (OSError, KeyError, ValueError, Unreadable) as exc:  # ValueError: a NUL in the name
            log.info("not serving assets/%s: %s", "/".join(parts), exc)
            return None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, node: Node | Path, limit: int) -> bytes:
        """A file's bytes, never from outside the archive nor past ``limit`` (see ``files``)."""
        if self._zip is None:
            return read_folder_file(self._real_root, Path(str(node)), limit)
        return read_zip_member(self._zip, str(getattr(node, "at", "")), limit)

    def _article_node(self, article_id: str) -> Node:
        """The file of an id; macOS writes names decomposed (NFD), ids are composed (NFC)."""
        node = self._root.joinpath(ARTICLES_DIR, article_id + ARTICLE_SUFFIX)
        decomposed = unicodedata.normalize("NFD", article_id)
        if decomposed != article_id and not node.is_file():
            return self._root.joinpath(ARTICLES_DIR, decomposed + ARTICLE_SUFFIX)
        return node

    def _read_info(self) -> ArchiveInfo:
        node = self._root.joinpath(ARCHIVE_FILE)
        if not node.is_file():
            raise ArchiveError(_("{location}: not an archive (no {ARCHIVE_FILE})")
                               .format(location=self.location, ARCHIVE_FILE=ARCHIVE_FILE))
        try:
            data = safetoml.loads(self._read(node, safetoml.MAX_BYTES).decode("utf-8"))
        except safetoml.TomlError as exc:
            raise ArchiveError(_("{location}/{ARCHIVE_FILE}: this file {exc}")
                               .format(location=self.location, ARCHIVE_FILE=ARCHIVE_FILE, exc=exc)) from exc
        except (OSError, KeyError, Unreadable, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{self.location}/{ARCHIVE_FILE}: {exc}") from exc
        if not isinstance(data.get("id"), str) or not isinstance(data.get("title"), str):
            raise ArchiveError(_("{location}/{ARCHIVE_FILE}: needs string keys 'id' and 'title'")
                               .format(location=self.location, ARCHIVE_FILE=ARCHIVE_FILE))
        return ArchiveInfo(
            id=data["id"],
            title=data["title"],
            description=str(data.get("description", "")),
            language=str(data.get("language", "")),
            version=str(data.get("version", "")),
            format=formats.read_format(data, f"{self.location}/{ARCHIVE_FILE}"),
        )

    def _scan(self, found: dict[str, ArticleMeta]) -> None:
        articles_dir = self._root.joinpath(ARTICLES_DIR)
        if not articles_dir.is_dir():
            return
        if self._catalog_dir is not None and self._zip is None:
            self._scan_with_catalog(found, Path(str(articles_dir)))
            return
        for node in articles_dir.iterdir():
            if node.name.endswith(ARTICLE_SUFFIX) and node.is_file():
                meta, problem = self._read_meta(node)
                if meta is not None:
                    found[meta.id] = meta
                elif problem is not None:
                    self._problem(f"{ARTICLES_DIR}/{shown(node.name)}", problem)

    def _scan_with_catalog(self, found: dict[str, ArticleMeta], articles_dir: Path) -> None:
        assert self._catalog_dir is not None
        target = catalog.catalog_path(self._catalog_dir, self.location)
        cached = catalog.load(target)
        entries: dict[str, catalog.Entry] = {}
        for name, (size, mtime) in sorted(catalog.stamps(articles_dir).items()):
            entry = cached.get(name)
            if entry is None or entry[0] != size or entry[1] != mtime:
                meta, problem = self._read_meta(articles_dir / name)
                entry = (size, mtime, meta, problem)
            entries[name] = entry
            if entry[2] is not None:
                found[entry[2].id] = entry[2]
            elif entry[3] is not None:
                self._problem(f"{ARTICLES_DIR}/{shown(name)}", entry[3])
        if entries != cached:
            catalog.save(target, entries)

    def _read_meta(self, node: Node | Path) -> tuple[ArticleMeta | None, str | None]:
        """(metadata, None) or (None, the reason the file cannot be used)."""
        article_id = article_id_of(node.name)
        if node.name in self._bad_names:
            return None, _("its name is marked as UTF-8 in the zip file but is not")
        if not safe_id(article_id):
            return None, (_("its name cannot be an article id: use letters, digits, '-', '_' and '.', "
                          "without spaces or line breaks"))
        try:
            fields, _body = frontmatter.split(self._read(node, MAX_ARTICLE_BYTES).decode("utf-8"))
            return meta_from_fields(article_id, fields), None
        except Unreadable as exc:
            return None, str(exc)
        except UnicodeDecodeError as exc:
            return None, (_("not valid UTF-8 ({reason} at byte {start})")
                         .format(reason=exc.reason, start=exc.start))
        except (frontmatter.FrontMatterError, ValueError, TypeError) as exc:
            return None, str(exc)
        except OSError as exc:
            return None, _("cannot be read ({value})").format(value=exc.strerror or exc)

    def _problem(self, path: str, reason: str) -> None:
        problem = ArchiveProblem(path=path, reason=reason)
        log.warning("skipping %s", problem)
        self._problems.append(problem)


def article_id_of(file_name: str) -> str:
    """``café.md`` → ``café``, composed (NFC) whichever way the file system wrote it."""
    return unicodedata.normalize("NFC", file_name.removesuffix(ARTICLE_SUFFIX))


def safe_id(article_id: str) -> bool:
    """An id that is one word on one line: it appears in URLs, ``list`` output and commands."""
    return _SAFE_ID.fullmatch(article_id) is not None


def shown(name: str) -> str:
    """A file name on one line: control characters (a newline, a tab) written as escapes."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in name)


def meta_from_fields(article_id: str, fields: dict[str, Any]) -> ArticleMeta:
    """Validate front matter; a wrong type is a problem, not a guess."""

    def text(key: str) -> str | None:
        value = fields.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(_("front matter '{key}' must be a string").format(key=key))
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = fields.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(_("front matter '{key}' must be a list of strings").format(key=key))
        return tuple(value)

    return ArticleMeta(
        id=article_id,
        title=text("title") or article_id,
        authors=strings("authors"),
        date=frontmatter.normalize_date(fields.get("date")),
        tags=strings("tags"),
        categories=strings("categories"),
        source_url=text("source_url"),
        summary=text("summary"),
        source_id=text("source_id"),
    )


def open_archive(location: Path | str, catalog_dir: Path | None = None) -> Archive:
    """Open a folder or a ``.zip`` of one (a single top folder inside is fine).

    With ``catalog_dir`` (the user cache dir), front matter is cached between runs.
    """
    path = Path(location).expanduser()
    if path.is_dir():
        return Archive(path, path, None, catalog_dir)
    if path.is_file():
        try:
            zip_file, bad_names = open_zip(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ArchiveError(_("{path}: not a folder or a readable zip archive ({exc})")
                               .format(path=path, exc=exc)) from exc
        root = zipfile.Path(zip_file)
        if not root.joinpath(ARCHIVE_FILE).is_file():
            tops = [node for node in root.iterdir() if node.is_dir()]
            if len(tops) == 1:
                root = tops[0]
        try:
            return Archive(path, root, zip_file, bad_names=bad_names)
        except ArchiveError:
            zip_file.close()
            raise
    raise ArchiveError(_("{path}: no such archive").format(path=path))


def body_of(article_id: str, source: bytes) -> str:
    """The body of an article file's bytes, without parsing its fields."""
    try:
        return frontmatter.body(source.decode("utf-8"))
    except (UnicodeDecodeError, frontmatter.FrontMatterError, ValueError) as exc:
        raise ArchiveError(f"{ARTICLES_DIR}/{article_id}{ARTICLE_SUFFIX}: {exc}") from exc
