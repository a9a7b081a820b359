"""TOML front matter between ``+++`` lines (Hugo's convention).

TOML rather than YAML: the standard library parses it (``tomllib``), it has
real dates and no implicit typing surprises (``no`` staying a string).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import tomli_w

from reader.core import safetoml
from reader.core.i18n import _

DELIMITER = "+++"


class FrontMatterError(ValueError):
    """The front matter block is missing its end or is not valid TOML."""


def split(text: str) -> tuple[dict[str, Any], str]:
    """Return ``(fields, body)``; text without front matter gives ``({}, text)``."""
    text, lines, end = _parts(text)
    if end is None:
        return {}, text
    try:
        fields = safetoml.loads("\n".join(lines[1:end]))
    except safetoml.TomlError as exc:
        raise FrontMatterError(_("front matter {exc}").format(exc=exc)) from exc
    return fields, "\n".join(lines[end + 1 :]).lstrip("\n")


def body(text: str) -> str:
    """``split(text)[1]`` without parsing the fields: indexing reads every body, and the fields are
    already in the catalog."""
    text, lines, end = _parts(text)
    return text if end is None else "\n".join(lines[end + 1 :]).lstrip("\n")


def _parts(text: str) -> tuple[str, list[str], int | None]:
    """The normalised text, its lines and the line that closes the front matter (None: none)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # files saved on Windows
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != DELIMITER:
        return text, lines, None
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r") == DELIMITER:
            return text, lines, end
    raise FrontMatterError(_("front matter opened with {DELIMITER!r} is never closed")
                           .format(DELIMITER=DELIMITER))


def join(fields: dict[str, Any], body: str) -> str:
    """Render fields and body as one document; empty fields are left out."""
    kept = {key: value for key, value in fields.items() if value not in (None, "", [], ())}
    head = tomli_w.dumps(kept).rstrip("\n")
    return f"{DELIMITER}\n{head}\n{DELIMITER}\n\n{body.strip()}\n"


def normalize_date(value: object) -> str | None:
    """Dates are kept as ISO strings (``YYYY-MM-DD`` or full timestamps)."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    raise FrontMatterError(_("date must be a TOML date or a string, not {name__}")
                           .format(name__=type(value).__name__))
