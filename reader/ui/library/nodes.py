"""A library group as the tree model holds it (rows are computed from these, not items)."""

from __future__ import annotations

from collections.abc import Sequence


class Node:
    """A group: its ids in display order, and how many are exposed as rows so far."""

    __slots__ = ("ids", "key", "loaded", "name", "row", "uid")

    def __init__(self, uid: int, name: str, key: str, ids: Sequence[str], loaded: int) -> None:
        self.uid, self.name, self.key, self.ids, self.loaded, self.row = uid, name, key, list(ids), loaded, 0
