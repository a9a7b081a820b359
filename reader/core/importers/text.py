"""Plain-text page (what a scraper saves as ``.txt``) to Markdown.

Paragraphs are separated by blank lines and kept verbatim: curly quotes,
dashes and non-breaking spaces are the author's, not ours to "fix".  The only
changes are the minimal escapes that stop a renderer from reading text as
Markdown or HTML (a paragraph opening with ``#`` or ``1.``, a stray ``*``, a
literal ``<b>``), plus the removal of invisible control characters, which no
renderer can show.  A plain-text page carries no reliable title, author or
date, so none is extracted: that is the sidecar's job.
"""

from __future__ import annotations

import re

from reader.core.archive.model import ImportedArticle
from reader.core.importers.chrome import strip_chrome

# Target: the archive's format-2 dialect (reader.core.dialect: CommonMark and plugins).
# "~" and "^" would start strikethrough, sub or sup; "{" attributes; "[ ]" a task box.
# "<", "&", "=", ":" and "|" become character references (line-start "=" and "|" rules
# are written that way so the text also reads right in format 1).
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)", re.MULTILINE)
_INLINE = re.compile(r"[*`{~^]|(?<![^\W_])_|_(?![^\W_])")
_LINK_CLOSE = re.compile(r"\][ \t\n]*[(\[:]")  # a "]" that could end a link text or a reference label
_TASK_BOX = re.compile(r"\[(?=[ xX]\][ \t])")
_TAG_OPEN = re.compile("<")  # tags, comments, autolinks (even "<\xa0@x>")
_ENTITY = re.compile(r"&(?=[#\w])")  # "&copy" works even without ";"
_LINE_START = re.compile(r"^([ \t]*)([#>+-]|\d{1,9}(?=[.)]([ \t]|$)))", re.MULTILINE)
_RULE_LINE = re.compile(r"^([ \t]*)([=~])(?=[ \t=~]*$)", re.MULTILINE)
# Definition lists (": ") and table rows ("|") of "extra".
_EXTRA_LINE = re.compile(r"^([ \t]*)([:|])", re.MULTILINE)
#: Every character (or line start) one of the rules below can touch: text without any is kept as is.
_TRIGGER = re.compile(r"[\\*`{~^_\[&<]|^[ \t]*[#>+\-=~:|\d]", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark = match.group(1), match.group(2)
    if mark.isdigit():
        return f"{indent}{mark}\\"  # "1. x" -> "1\. x"
    return f"{indent}\\{mark}"


def escape_text(text: str) -> str:
    """Escape ``text`` so Markdown renders it as exactly these characters."""
    if not _TRIGGER.search(text):
        return text  # most prose: one scan instead of eight (the importers call this per text node)
    return escape_rules(text)


def _escape_link_opens(text: str) -> str:
    """Escape each "[" that some later "]" could close into a link (one scan, not one per bracket)."""
    end = 0
    for match in _LINK_CLOSE.finditer(text):
        end = match.start()
    return text[:end].replace("[", "\\[") + _TASK_BOX.sub(r"\\[", text[end:])


def escape_rules(text: str) -> str:
    """The escaping rules themselves (``escape_text`` skips them when nothing can match)."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = _escape_link_opens(text)
    text = _ENTITY.sub("&amp;", text)  # before "<" becomes "&lt;", not after
    text = _TAG_OPEN.sub("&lt;", text)
    for pattern in (_RULE_LINE, _EXTRA_LINE):
        text = pattern.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text)
    return _LINE_START.sub(_escape_line_start, text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by (whitespace-only) blank lines, outer space trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.removeprefix("\ufeff"))
    return [part.strip() for part in _BLANK_LINES.split(text) if part.strip()]


def from_text(text: str) -> ImportedArticle:
    """The article paragraphs of a plain-text page, chrome removed, as Markdown."""
    kept = strip_chrome(split_paragraphs(text))
    return ImportedArticle(body="\n\n".join(escape_text(paragraph) for paragraph in kept))
