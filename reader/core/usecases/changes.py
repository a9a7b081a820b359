"""What a use case changed, so each pane of the window refreshes only itself (Anki's ``OpChanges``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """A record of what changed; an empty one means nothing did."""

    archive: bool = False  # another archive is open, or the open one was rebuilt
    articles: frozenset[str] = frozenset()  # articles added or updated in the open archive
    notes: bool = False
    reading_lists: bool = False
    index: bool = False  # the search index must be reopened

    def __or__(self, other: Changes) -> Changes:
        return Changes(archive=self.archive or other.archive, articles=self.articles | other.articles,
                       notes=self.notes or other.notes,
                       reading_lists=self.reading_lists or other.reading_lists,
                       index=self.index or other.index)

    def __bool__(self) -> bool:
        return bool(self.archive or self.articles or self.notes or self.reading_lists or self.index)


NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result: ``message`` for the user, ``changes`` for the panes, ``value`` to show."""

    message: str
    value: T
    changes: Changes = field(default=NOTHING)
