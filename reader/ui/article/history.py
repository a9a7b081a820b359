"""Back/forward history of the article view, as plain data.

QTextBrowser keeps its own history, but going back there means calling
``setSource``, which loads documents: exactly what the view must never do.
This list only remembers *where* the reader was (an article id and a document
position); the view decides how to show it again.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Entry:
    """One place: an article and a character position in its rendered document."""

    article_id: str
    position: int = 0


class History:
    """A browser-style history: a list of entries and the index of the current one."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self._entries: list[Entry] = []
        self._index = -1
        self._limit = max(2, limit)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._entries)

    @property
    def index(self) -> int:
        """Index of the current entry, -1 when empty."""
        return self._index

    def current(self) -> Entry | None:
        return self._entries[self._index] if self._entries else None

    def push(self, article_id: str, position: int = 0) -> None:
        """Go somewhere new: forward entries are dropped, as in a browser.

        Pushing the place we are already at does nothing, so a heading clicked
        twice does not need two steps back.
        """
        entry = Entry(article_id, position)
        if self.current() == entry:
            return
        del self._entries[self._index + 1:]
        self._entries.append(entry)
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def update_position(self, position: int) -> None:
        """Remember where the reader is in the current entry before leaving it."""
        if self._entries:
            current = self._entries[self._index]
            self._entries[self._index] = Entry(current.article_id, position)

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._entries) - 1

    def peek(self, step: int) -> Entry | None:
        """The entry ``step`` places away (-1 back, +1 forward), without moving."""
        target = self._index + step
        if not self._entries or step == 0 or not 0 <= target < len(self._entries):
            return None
        return self._entries[target]

    def move(self, step: int) -> Entry | None:
        """Move ``step`` places and return the new current entry (None if impossible)."""
        entry = self.peek(step)
        if entry is not None:
            self._index += step
        return entry

    def back(self) -> Entry | None:
        return self.move(-1)

    def forward(self) -> Entry | None:
        return self.move(1)

    def clear(self) -> None:
        self._entries.clear()
        self._index = -1
