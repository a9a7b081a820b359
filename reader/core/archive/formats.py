"""Archive format versions: which Markdown dialect the articles are written in.

Format 1 (no ``format`` key in ``archive.toml``) was written for Python-Markdown
"extra"; format 2 is markdown-it's dialect (:mod:`reader.core.dialect`), which
adds ``~~strike~~``, ``~sub~``, ``^sup^`` and ``- [ ] tasks``.  A format-1 archive
is read as it is, with those four switched off, so it renders as before.  Adding
articles to one upgrades it first (:func:`upgrade_body` escapes the characters
that would now mean something, outside code and HTML), so one archive never
mixes dialects.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from reader.core.archive.model import FORMAT
from reader.core.errors import ArchiveError

log = logging.getLogger("reader.archive")

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1|<[^<>\n]*>")  # code spans, inline tags, autolinks
_NEW_SYNTAX = re.compile(r"(?<!\\)([~^])")
_TASK = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[([ xX])\]", re.MULTILINE)
_VERBATIM_BLOCKS = ("fence", "code_block", "html_block")


def read_format(data: Mapping[str, object], where: str) -> int:
    """The ``format`` of an ``archive.toml``: 1 when absent, the current one for a newer format."""
    value = data.get("format", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArchiveError(f"{where}: 'format' must be a whole number from 1, not {value!r}")
    if value > FORMAT:
        log.warning("%s: format %d is newer than this version reads (%d); some markup may show as text",
                    where, value, FORMAT)
        return FORMAT
    return value


def _escape_inline(line: str) -> str:
    out, position = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_NEW_SYNTAX.sub(r"\\\1", line[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_NEW_SYNTAX.sub(r"\\\1", line[position:]))
    return "".join(out)


def upgrade_body(body: str) -> str:
    """A format-1 body that reads the same as format 2 (idempotent: escaped marks stay escaped)."""
    if "~" not in body and "^" not in body and "[" not in body:
        return body
    from reader.core import dialect  # the parser is only needed here, when upgrading

    verbatim: set[int] = set()
    for token in dialect.parse(body, 1):
        if token.type in _VERBATIM_BLOCKS and token.map:
            verbatim.update(range(*token.map))
    lines = body.split("\n")
    for number, line in enumerate(lines):
        if number not in verbatim:
            lines[number] = _TASK.sub(r"\1\\[\2]", _escape_inline(line))
    return "\n".join(lines)
