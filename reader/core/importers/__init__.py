"""Turn one source file (+ optional sidecar) into an :class:`ImportedArticle`.

The importer is chosen by suffix from a small table, so adding a format is
one entry.  A sidecar ``<stem>.meta.toml`` then supplies what the page itself
cannot be trusted to say (title, source URL...) and overrides the extraction.
Every failure a user can cause is a one-line :class:`SourceError` naming the
file.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from pathlib import Path

from reader.core import safetoml
from reader.core.archive.model import ImportedArticle
from reader.core.errors import SourceError
from reader.core.i18n import _
from reader.core.importers.encoding import decode_page
from reader.core.importers.html import from_html
from reader.core.importers.markdown import apply_fields, from_markdown
from reader.core.importers.text import from_text

__all__ = ["SUFFIXES", "extract", "sidecar_for", "slugify"]

_IMPORTERS: dict[str, Callable[[str, str], ImportedArticle]] = {
    ".txt": lambda text, origin: from_text(text),
    ".html": lambda text, origin: from_html(text),
    ".htm": lambda text, origin: from_html(text),
    ".md": from_markdown,
    ".markdown": from_markdown,
}

#: Supported source suffixes, for the CLI's help.
SUFFIXES: tuple[str, ...] = tuple(_IMPORTERS)

SIDECAR_SUFFIX = ".meta.toml"
#: Web pages say (or let us detect) their encoding; text and Markdown files must be UTF-8.
PAGE_SUFFIXES = (".html", ".htm")


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(_("{path}: cannot read: {value}")
                          .format(path=path, value=exc.strerror or exc)) from exc
    if path.suffix.lower() in PAGE_SUFFIXES:
        return decode_page(data, str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            _("{path}: not UTF-8 text (byte 0x{data:02x} at offset {start})")
            .format(path=path, data=data[exc.start], start=exc.start)
        ) from exc


def sidecar_for(source: Path) -> Path:
    """Where the sidecar of ``source`` would be: ``page.txt`` -> ``page.meta.toml``."""
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def _apply_sidecar(article: ImportedArticle, meta: Path) -> ImportedArticle:
    try:
        fields = safetoml.loads(_read(meta))
    except safetoml.TomlError as exc:
        raise SourceError(_("{meta}: this file {exc}").format(meta=meta, exc=exc)) from exc
    return apply_fields(article, fields, str(meta))


def extract(source: Path, meta: Path | None = None) -> ImportedArticle:
    """Import ``source``; ``meta`` (default: its sidecar, if present) overrides fields."""
    importer = _IMPORTERS.get(source.suffix.lower())
    if importer is None:
        supported = ", ".join(SUFFIXES)
        raise SourceError(_("{source}: unsupported file type {value!r}; use {supported}")
                          .format(source=source, value=source.suffix or '(none)', supported=supported))
    article = importer(_read(source), str(source))
    if meta is None and sidecar_for(source).is_file():
        meta = sidecar_for(source)
    return article if meta is None else _apply_sidecar(article, meta)


_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})
_MAX_SLUG = 80


def slugify(text: str) -> str:
    """A lowercase ASCII id such as ``hasnt-socialism-been-tried-and-failed``.

    Accents are folded, apostrophes vanish (``hasn't`` -> ``hasnt``), anything
    else becomes a hyphen.  Text with nothing foldable to ASCII still gets a
    stable, distinct slug from its hash; empty text gets ``article``.
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").replace("'", "")
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text).split()
    slug = "-".join(words)
    if len(slug) > _MAX_SLUG:
        cut = slug[: _MAX_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_MAX_SLUG]
    if slug:
        return slug
    if text.strip():
        return "article-" + hashlib.sha1(text.strip().encode(), usedforsecurity=False).hexdigest()[:8]
    return "article"
