"""TOML from files we did not write, parsed within bounds.

``tomllib`` recurses once per nesting level (10,000 ``[`` raise
RecursionError) and is quadratic in the parts of one dotted key (a single
``a.a.a…`` key of 50,000 parts took 49 s and 9.8 GB).  Front matter, an
``archive.toml`` or a policy file is a few hundred bytes in practice, so text
over a size cap, dotted keys deeper than :data:`MAX_KEY_PARTS` and nesting past
Python's stack are refused with a sentence instead.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from reader.core.i18n import _

#: Front matter and archive.toml are a few hundred bytes; a 64 KiB header is not a real one.
MAX_BYTES = 64 * 1024
MAX_KEY_PARTS = 32

_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DEEP_KEY = re.compile(rf"{_PART}(?:[ \t]*\.[ \t]*{_PART}){{{MAX_KEY_PARTS},}}")


class TomlError(ValueError):
    """Not TOML we agree to read; the message is a predicate ("is nested too deeply") for a subject."""


def loads(text: str, *, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """``tomllib.loads`` with caps on size, dotted-key depth and nesting."""
    if len(text) > max_bytes:
        raise TomlError(_("is larger than {value} KiB").format(value=max_bytes // 1024))
    if _DEEP_KEY.search(text):
        raise TomlError(_("has a key of more than {MAX_KEY_PARTS} dotted parts")
                        .format(MAX_KEY_PARTS=MAX_KEY_PARTS))
    try:
        return tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(_("is not valid TOML ({exc})").format(exc=exc)) from exc
    except RecursionError:
        raise TomlError(_("is nested too deeply")) from None
