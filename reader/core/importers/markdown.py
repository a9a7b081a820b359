"""Markdown file to an article, and the one mapping of metadata fields.

Front matter and sidecars both describe an article with the same keys, so
:func:`apply_fields` is shared: a key means the same thing wherever it is
written.  Unknown keys are ignored (a sidecar may record ``site`` or
``language`` for people), wrongly typed ones are reported, never guessed at.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from reader.core.archive.frontmatter import FrontMatterError, normalize_date, split
from reader.core.archive.model import ImportedArticle
from reader.core.errors import SourceError
from reader.core.i18n import _

_TEXT_FIELDS = ("title", "source_url", "summary", "slug")
_LIST_FIELDS = ("authors", "tags", "categories")
_TITLE_LINE = re.compile(r"#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*")


def _text(value: object, key: str, origin: str) -> str | None:
    if not isinstance(value, str):
        raise SourceError(_("{origin}: {key!r} must be a string, not {name__}")
                          .format(origin=origin, key=key, name__=type(value).__name__))
    return value.strip() or None


def _strings(value: object, key: str, origin: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise SourceError(_("{origin}: {key!r} must be a string or a list of strings")
                          .format(origin=origin, key=key))
    return [item.strip() for item in items if item.strip()]


def apply_fields(article: ImportedArticle, fields: Mapping[str, Any], origin: str) -> ImportedArticle:
    """``article`` with the known keys of ``fields`` overriding what it had.

    ``author = "x"`` is accepted as ``authors = ["x"]``.  Empty values do not
    override: an empty ``title = ""`` means "not known", not "no title".
    """
    changes: dict[str, Any] = {}
    for key in _TEXT_FIELDS:
        if key in fields and (value := _text(fields[key], key, origin)) is not None:
            changes[key] = value
    for key in _LIST_FIELDS:
        source_key = "author" if key == "authors" and key not in fields else key
        if source_key in fields and (values := _strings(fields[source_key], source_key, origin)):
            changes[key] = values
    if "date" in fields:
        try:
            date = normalize_date(fields["date"])
        except FrontMatterError as exc:
            raise SourceError(f"{origin}: {exc}") from exc
        if date is not None:
            changes["date"] = date
    return dataclasses.replace(article, **changes)


def _take_title(body: str) -> tuple[str | None, str]:
    """A leading ``# Title`` line (ATX level 1) as the title, removed from the body."""
    stripped = body.lstrip()
    first, _, rest = stripped.partition("\n")
    match = _TITLE_LINE.fullmatch(first.rstrip("\r"))
    if match is None:
        return None, body
    return match.group("title").strip(), rest.lstrip("\n")


def from_markdown(text: str, origin: str = "Markdown file") -> ImportedArticle:
    """Body and metadata of a Markdown document with optional ``+++`` TOML front matter."""
    try:
        fields, body = split(text.replace("\r\n", "\n"))
    except FrontMatterError as exc:
        raise SourceError(f"{origin}: {exc}") from exc
    article = apply_fields(ImportedArticle(body=body.strip()), fields, origin)
    if article.title is None:
        title, rest = _take_title(article.body)
        article = dataclasses.replace(article, title=title, body=rest.strip())
    return article
