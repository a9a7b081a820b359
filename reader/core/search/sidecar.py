"""Files kept beside the Whoosh index: manifest, document rows (``docstore.py``) and vocabulary.

- ``manifest.json``: schema version and the archive fingerprint the index was
  built from (per article: size, a stamp and a content digest), so a stale
  index is detected by a directory scan instead of reading every article.
- ``docs.bin`` and ``facets.json`` (``docstore.py``): per Whoosh document
  number, what a hit and the facets need (id, title, date, authors, tags,
  categories).
- ``vocab.json``: surface words and how many articles use them, for prefix
  completion ("hopp" → "hopping" → stem "hop") and "did you mean".

JSON, not pickle: an index folder can travel inside an archive, and loading
a pickle runs code.  (Whoosh's own files do use pickle: see
docs/decisions.md for which index folders we agree to open.)
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.archive import files
from reader.core.archive.store import article_id_of
from reader.core.fsutil import atomic_write_text

MANIFEST = "manifest.json"
VOCAB = "vocab.json"
ARTICLES_PREFIX = "articles/"


@dataclass(frozen=True)
class DocInfo:
    id: str
    title: str
    date: str | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    categories: tuple[str, ...]

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date and self.date[:4].isdigit() else None


# name -> (size, stamp, digest); stamp is mtime_ns for folders, CRC32 for zips.
FileStamps = dict[str, tuple[int, int, str]]


def scan_articles(location: Path, previous: FileStamps | None = None) -> FileStamps:
    """Stamp every article file; only files whose size or stamp changed are hashed."""
    previous = previous or {}
    stamps: FileStamps = {}
    if location.is_dir():
        articles = location / "articles"
        root = location.resolve()
        if not articles.is_dir():
            return stamps
        with os.scandir(articles) as entries:
            for entry in entries:
                if not entry.name.endswith(".md") or not entry.is_file():
                    continue
                info = entry.stat()
                size, stamp = info.st_size, info.st_mtime_ns
                old = previous.get(entry.name)
                if old and old[0] == size and old[1] == stamp:
                    stamps[entry.name] = old
                else:
                    stamps[entry.name] = (size, stamp, _digest(root, Path(entry.path), size, stamp))
        return stamps
    with zipfile.ZipFile(location) as archive:
        names = archive.infolist()
        top = _zip_root(names)
        for info in names:
            name = info.filename.removeprefix(top)
            if name.startswith(ARTICLES_PREFIX) and name.endswith(".md") and "/" not in name[9:]:
                stamps[name[len(ARTICLES_PREFIX):]] = (info.file_size, info.CRC, f"{info.CRC:08x}")
    return stamps


def _digest(root: Path, path: Path, size: int, stamp: int) -> str:
    """An article's content digest; a file the archive refuses (a link outside it, too big) is not read."""
    try:
        data = files.read_folder_file(root, path, files.MAX_ARTICLE_BYTES)
    except (OSError, files.Unreadable):
        return f"unread-{size}-{stamp}"
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def _zip_root(infos: list[zipfile.ZipInfo]) -> str:
    if any(info.filename == "archive.toml" for info in infos):
        return ""
    tops = {info.filename.split("/", 1)[0] for info in infos}
    return f"{next(iter(tops))}/" if len(tops) == 1 else ""


def same_content(a: FileStamps, b: FileStamps) -> bool:
    """Equal names and digests: what decides freshness (stamps may differ after a copy)."""
    return a.keys() == b.keys() and all(a[name][2] == b[name][2] for name in a)


def changed_ids(old: FileStamps, new: FileStamps) -> tuple[set[str], set[str]]:
    """(ids to (re)index, ids to delete) between two scans."""
    upsert = {article_id_of(n) for n in new if n not in old or old[n][2] != new[n][2]}
    delete = {article_id_of(n) for n in old if n not in new}
    return upsert, delete


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_manifest(index_dir: Path, schema_version: int, stamps: FileStamps, generation: int) -> None:
    data = {
        "schema_version": schema_version,
        "generation": generation,
        "files": {name: list(value) for name, value in sorted(stamps.items())},
    }
    atomic_write_text(index_dir / MANIFEST, json.dumps(data, separators=(",", ":")))


def manifest_stamps(manifest: dict[str, Any]) -> FileStamps:
    files = manifest.get("files", {})
    return {name: (int(v[0]), int(v[1]), str(v[2])) for name, v in files.items()}


def write_json(path: Path, value: object) -> None:
    atomic_write_text(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
