"""Creating archives and adding imported articles to them.

An article's id is its file name.  Re-importing a source must update the same
article, never add a duplicate: we look the article up by ``source_url`` first,
then fall back to the slug (sidecar ``slug``, title, or the source's name).
Articles from a system with stable ids (WordPress post ids) carry a
``source_id`` and are found by it first; they never take over an id that
belongs to another article, getting ``slug-2``, ``slug-3``... instead.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from reader.core import dialect
from reader.core.archive import files, formats, frontmatter
from reader.core.archive.model import ARTICLE_FIELDS, FORMAT, ArchiveInfo, ImportedArticle
from reader.core.archive.store import ARCHIVE_FILE, ARTICLE_SUFFIX, ARTICLES_DIR, open_archive
from reader.core.errors import ArchiveError
from reader.core.fsutil import atomic_write_text
from reader.core.i18n import _
from reader.core.importers import slugify

log = logging.getLogger("reader.archive")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class WriteResult:
    """What happened to one article: the report the CLI prints."""

    article_id: str
    created: bool
    changed: bool


def ensure_archive(folder: Path, info: ArchiveInfo) -> ArchiveInfo:
    """Create ``archive.toml`` when the folder has none; keep an existing one."""
    target = folder / ARCHIVE_FILE
    if target.exists():
        with open_archive(folder) as archive:
            return archive.info
    if folder.is_file():
        raise ArchiveError(_("{folder}: is a file; give a folder to import into").format(folder=folder))
    fields = {
        "id": info.id,
        "title": info.title,
        "description": info.description,
        "language": info.language,
        "version": info.version,
        "format": FORMAT,
    }
    atomic_write_text(target, tomli_w.dumps({k: v for k, v in fields.items() if v}))
    (folder / ARTICLES_DIR).mkdir(exist_ok=True)
    log.info("created archive %s in %s", info.id, folder)
    return dataclasses.replace(info, format=FORMAT)


def upgrade_archive(folder: Path, info: ArchiveInfo) -> ArchiveInfo:
    """Rewrite an older-format archive's articles in the current dialect, then say so in archive.toml.

    Each article is replaced atomically and the upgrade is idempotent, so an
    interrupted one is finished by the next write; ``archive.toml`` changes last.
    """
    if info.format >= FORMAT:
        return info
    root = folder.resolve()
    for path in sorted((folder / ARTICLES_DIR).glob(f"*{ARTICLE_SUFFIX}")):
        try:  # read as the archive reads: never through a link out, never a FIFO
            raw = files.read_folder_file(root, path, files.MAX_ARTICLE_BYTES).decode("utf-8")
            fields, body = frontmatter.split(raw)
        except (OSError, files.Unreadable, UnicodeDecodeError, frontmatter.FrontMatterError):
            continue  # a problem article stays as it is (the archive reports it)
        upgraded = formats.upgrade_body(body, dialect.parse)
        if upgraded != body:
            atomic_write_text(path, frontmatter.join(fields, upgraded))
    target = folder / ARCHIVE_FILE
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    data["format"] = FORMAT
    atomic_write_text(target, tomli_w.dumps(data))
    log.info("upgraded archive %s to format %d", folder, FORMAT)
    return dataclasses.replace(info, format=FORMAT)


class ArchiveWriter:
    """Adds or updates articles in one archive folder.

    The ``source_url`` → id map is read once, so importing many sources stays
    linear in their number.
    """

    def __init__(self, folder: Path, info: ArchiveInfo, *, sync: bool = True) -> None:
        self.folder = folder
        self._sync = sync
        self.info = upgrade_archive(folder, ensure_archive(folder, info))
        self._articles_dir = folder / ARTICLES_DIR
        self._articles_dir.mkdir(parents=True, exist_ok=True)
        with open_archive(folder) as archive:
            metas = archive.articles()
        self._by_url = {m.source_url: m.id for m in metas if m.source_url}
        #: source_id → article id of every article that has one (WordPress imports).
        self.by_source_id = {m.source_id: m.id for m in metas if m.source_id}
        self._taken = {m.id for m in metas} | {p.stem for p in self._articles_dir.glob(f"*{ARTICLE_SUFFIX}")}

    def _article_id(self, article: ImportedArticle, fallback_slug: str) -> str:
        slug = article.slug or (slugify(article.title) if article.title else "") or slugify(fallback_slug)
        by_url = article.source_url and self._by_url.get(article.source_url)
        if not article.source_id:
            return by_url or slug
        known = self.by_source_id.get(article.source_id) or by_url
        if known:
            return known
        article_id, number = slug, 1
        while article_id in self._taken:
            number += 1
            article_id = f"{slug}-{number}"
        return article_id

    def write(self, article: ImportedArticle, fallback_slug: str) -> WriteResult:
        """Write one article; the same source always lands on the same id."""
        article_id = self._article_id(article, fallback_slug)
        if not _ID_RE.match(article_id):
            raise ArchiveError(_("{article_id!r} is not a valid article id (a-z, 0-9, '-', '.', '_')")
                               .format(article_id=article_id))
        fields = {
            "title": article.title,
            "authors": article.authors,
            "date": article.date,
            "tags": article.tags,
            "categories": article.categories,
            "source_url": article.source_url,
            "source_id": article.source_id,
            "summary": article.summary,
        }
        text = frontmatter.join({key: fields[key] for key in ARTICLE_FIELDS}, article.body)
        target = self._articles_dir / f"{article_id}{ARTICLE_SUFFIX}"
        created = not target.exists()
        changed = created or _current_bytes(self.folder, target) != text.encode("utf-8")
        if changed:
            atomic_write_text(target, text, sync=self._sync)
        if article.source_url:
            self._by_url[article.source_url] = article_id
        if article.source_id:
            self.by_source_id[article.source_id] = article_id
        self._taken.add(article_id)
        state = "created" if created else "updated" if changed else "unchanged"
        log.info("%s article %s", state, article_id)
        return WriteResult(article_id=article_id, created=created, changed=changed)


def _current_bytes(folder: Path, target: Path) -> bytes | None:
    """What is in the archive now; None for what is not a plain file of it (a link out, a FIFO): replaced."""
    try:
        return files.read_folder_file(folder.resolve(), target, files.MAX_ARTICLE_BYTES)
    except (OSError, files.Unreadable):
        return None
