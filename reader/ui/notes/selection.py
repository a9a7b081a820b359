"""Selections as the reader meant them: whole words, unless they asked for exact characters."""

from __future__ import annotations


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` so that it cuts no word in two (a selection made by dragging), and drop the
    white space at its ends (Shift+Ctrl+Right selects up to the next word, space included)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end
