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

import html
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reader.core.archive.model import FORMAT
from reader.core.errors import ArchiveError
from reader.core.i18n import _

log = logging.getLogger("reader.archive")

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1|<[^<>\n]*>")  # code spans, inline tags, autolinks
_NEW_SYNTAX = re.compile(r"(?<!\\)([~^])")
_TASK = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[([ xX])\]", re.MULTILINE)
_VERBATIM_BLOCKS = ("fence", "code_block", "html_block")
#: Python-Markdown "extra" syntax with no format-2 equivalent: abbreviation definitions and
#: attribute lists at the end of a heading (``## Title {#id}`` or ``{: #id .class}``).
_ABBREVIATION = re.compile(r"^\*\[([^\]\n]{1,100})\]:[ \t]*(.*)$", re.MULTILINE)
_MD_IN_HTML = re.compile(
    r"""^([ \t]*<[a-z][a-z0-9]*\b[^>\n]*?)\s+markdown=["']?(?:1|block|span)["']?([^>\n]*>)[ \t]*$""",
    re.MULTILINE | re.IGNORECASE)
_CLOSING_LINE = re.compile(r"^([ \t]*</[a-z][a-z0-9]*>)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_HEADING_ATTRS = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*\{:?[ \t]*((?:[#.][\w-]+[ \t]*)+)\}[ \t]*$",
                            re.MULTILINE)


def read_format(data: Mapping[str, object], where: str) -> int:
    """The ``format`` of an ``archive.toml``: 1 when absent, the current one for a newer format."""
    value = data.get("format", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArchiveError(_("{where}: 'format' must be a whole number from 1, not {value!r}")
                           .format(where=where, value=value))
    if value > FORMAT:
        log.warning("%s: format %d is newer than this version reads (%d); some markup may show as text",
                    where, value, FORMAT)
        return FORMAT
    return value


def _escape_new_syntax(text: str) -> str:
    return _NEW_SYNTAX.sub(r"\\\1", text)


#: The dialect's parser for a format (reader.core.dialect.parse), handed in: the dialect reads
#: format-1 bodies through :func:`legacy_syntax`, so this module must not import it.
Parse = Callable[[str, int], Sequence[Any]]


def _verbatim_lines(body: str, parse: Parse) -> set[int]:
    lines: set[int] = set()
    for token in parse(body, 1):
        if token.type in _VERBATIM_BLOCKS and token.map:
            lines.update(range(*token.map))
    return lines


def _outside_code(line: str, replace: Callable[[str], str]) -> str:
    out, position = [], 0
    for match in _CODE_SPAN.finditer(line):
        out += [replace(line[position : match.start()]), match.group(0)]
        position = match.end()
    out.append(replace(line[position:]))
    return "".join(out)


def legacy_syntax(body: str, parse: Parse) -> str:
    """A format-1 body with Python-Markdown's abbreviations and heading attributes in format-2 terms.

    ``*[WHO]: World Health Organisation`` lines go and each whole-word "WHO"
    outside code becomes ``<abbr title="World Health Organisation">WHO</abbr>``;
    ``## Title {#id}`` becomes a ``{#id}`` line before the heading; an HTML
    block opened with ``markdown="1"`` gets the blank lines CommonMark needs to
    read its content as Markdown.
    """
    if "markdown=" in body and _MD_IN_HTML.search(body):
        body = _CLOSING_LINE.sub(r"\n\1", _MD_IN_HTML.sub(r"\1\2\n", body))
    if "*[" not in body and "{" not in body:
        return body
    titles = {name.strip(): title.strip() for name, title in _ABBREVIATION.findall(body) if name.strip()}
    body = _HEADING_ATTRS.sub(lambda m: f"{{{m.group(2).strip()}}}\n{m.group(1)}", body)
    if not titles:
        return body
    body = _ABBREVIATION.sub("", body)
    names = sorted(titles, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w<])(" + "|".join(re.escape(name) for name in names) + r")(?!\w)")

    def wrap(text: str) -> str:
        return pattern.sub(lambda m: f'<abbr title="{escaped[m.group(1)]}">{m.group(1)}</abbr>', text)

    escaped = {name: html.escape(title) for name, title in titles.items()}
    verbatim = _verbatim_lines(body, parse)
    lines = body.split("\n")
    for number, line in enumerate(lines):
        if number not in verbatim:
            lines[number] = _outside_code(line, wrap)
    return "\n".join(lines)


def upgrade_body(body: str, parse: Parse) -> str:
    """A format-1 body that reads the same as format 2 (idempotent: escaped marks stay escaped)."""
    body = legacy_syntax(body, parse)
    if "~" not in body and "^" not in body and "[" not in body:
        return body
    verbatim = _verbatim_lines(body, parse)
    lines = body.split("\n")
    for number, line in enumerate(lines):
        if number not in verbatim:
            lines[number] = _TASK.sub(r"\1\\[\2]", _outside_code(line, _escape_new_syntax))
    return "\n".join(lines)
