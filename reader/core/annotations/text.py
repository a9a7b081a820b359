"""The text annotations are anchored to, and the map from any rendering of it.

Selectors (TextQuote, TextPosition) count characters in one canonical text:
the article body rendered (Markdown → sanitized HTML → text) with every run of
white space collapsed to one space.  Collapsing makes the text the same
however it is laid out: the core's renderer, Qt's document (which separates
blocks with U+2029) and a re-import that re-wraps lines all agree, so the
article view can map a selector onto its own document with
:func:`normalize_with_map` and a plain ``find``.
"""

from __future__ import annotations

import re

from reader.core import render
from reader.core.archive import Article

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """(normalized text, for each of its characters the offset in ``text``)."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for offset, char in enumerate(text):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(offset - 1)
            pending_space = False
        out.append(char)
        offsets.append(offset)
    return "".join(out), offsets


def article_plain_text(article: Article) -> str:
    """The canonical text of an article's body (no title or byline)."""
    return normalize(render.html_to_text(render.body_html(article)))
