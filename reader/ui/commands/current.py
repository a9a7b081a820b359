"""What is open in the window now, as the File and Notes commands need it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.annotations import Annotation, AnnotationStore
from reader.core.archive import Archive, Article


@dataclass(frozen=True)
class Current:
    """What is open in the window now."""

    archive: Archive
    store: AnnotationStore
    article: Article | None
    shown_notes: Sequence[Annotation]  # what the notes pane lists
    marks: Sequence[tuple[int, int, str, str]]  # the article's drawn highlights
    selected: Sequence[tuple[str, str]]  # (id, title) chosen in the library
    reading_lists: Sequence[tuple[str, Sequence[str]]]
    creators: Sequence[str] | None = None  # the layers shown (None: all of them)
