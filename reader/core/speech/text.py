"""Cutting article text into the chunks read aloud: sentences, as positions in the text.

Positions (not strings) because the window marks what is spoken in the same
plain text the notes are anchored to.  A sentence ends at . ! ? … (with any
closing quotes or brackets) before a space unless the next word starts in
lower case ("aka. “soviets”"), or at a line break (a paragraph, a heading, a
list item).  A run with no letter or digit (a rule, "* * *") is not spoken.
Very long runs are cut at a space so that Stop and Pause never wait long and
the mark keeps moving.
"""

from __future__ import annotations

import re

MAX_CHUNK = 400  # characters; a longer sentence is cut at the last space before this

_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s)|\n""")
_SPOKEN = re.compile(r"\w")
_NEXT_WORD = re.compile(r"""[ \t]+["'“‘«(\[]*(\w)""")


def sentence_spans(text: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:stop]`` as ``(start, stop)`` positions, spaces trimmed."""
    stop = len(text) if stop is None else min(stop, len(text))
    start = max(0, min(start, stop))
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _END.finditer(text, start, stop):
        if match.group() != "\n" and _goes_on(text, match.end(), stop):
            continue
        _add(text, begin, match.end(), spans)
        begin = match.end()
    _add(text, begin, stop, spans)
    return spans


def _add(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Trim ``text[begin:end]``, cut it to MAX_CHUNK pieces and keep the pieces that say something."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    while end - begin > MAX_CHUNK:
        cut = text.rfind(" ", begin + 1, begin + MAX_CHUNK)
        cut = cut if cut > begin else begin + MAX_CHUNK
        _add(text, begin, cut, spans)
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if end > begin and _SPOKEN.search(text, begin, end):
        spans.append((begin, end))


def _goes_on(text: str, position: int, stop: int) -> bool:
    """After "aka." or "e.g." the next word is in lower case: the sentence goes on."""
    following = _NEXT_WORD.match(text, position, stop)
    return following is not None and following.group(1).islower()


def sentence_at(spans: list[tuple[int, int]], position: int) -> int:
    """The index of the sentence holding ``position`` (or the next one after it); len(spans) past the end."""
    for number, (_begin, end) in enumerate(spans):
        if position < end:
            return number
    return len(spans)
