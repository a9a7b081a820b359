"""Annotations (highlights and notes) as plain data.

The target follows the W3C Web Annotation model: a TextQuoteSelector (the
quoted words and up to :data:`CONTEXT` characters either side) and a
TextPositionSelector (offsets), both counted in the canonical article text of
:mod:`reader.core.annotations.text`.  The quote is the truth; the positions are
only the last place it was found, so an edited article can be re-anchored.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal, get_args

from reader.core.i18n import _

Color = Literal["yellow", "green", "blue", "pink", "purple"]
Style = Literal["highlight", "underline"]
AnchorState = Literal["exact", "moved", "fuzzy", "orphan"]
Kind = Literal["highlight", "bookmark"]

COLORS: tuple[str, ...] = get_args(Color)
STYLES: tuple[str, ...] = get_args(Style)
ANCHOR_STATES: tuple[str, ...] = get_args(AnchorState)
KINDS: tuple[str, ...] = get_args(Kind)

#: Characters of context kept before and after the quote (as Hypothesis does).
CONTEXT = 32


def utc_now() -> str:
    """ISO 8601 UTC to the second, e.g. ``2026-11-25T10:00:00Z``: sortable as text."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Selector:
    """TextQuoteSelector (exact, prefix, suffix) + TextPositionSelector (start, end).

    An empty quote at 0..0 is a *page note*: the target is the article itself
    (what Hypothesis calls a page note; a W3C target with no selector).
    ``kept`` holds, as a JSON array, selectors of types we cannot use (from
    another tool), so they go back out unchanged on export instead of being lost.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    kept: str = ""

    def __post_init__(self) -> None:
        if not self.exact and (self.start, self.end, self.prefix, self.suffix) != (0, 0, "", ""):
            raise ValueError(_("a selector needs a non-empty quote (only a page note has none)"))
        if not 0 <= self.start <= self.end:
            raise ValueError(_("bad selector span {start}..{end}").format(start=self.start, end=self.end))

    @classmethod
    def page(cls, kept: str = "") -> Selector:
        """The selector of a note on the whole article."""
        return cls(exact="", prefix="", suffix="", start=0, end=0, kept=kept)

    @property
    def is_page(self) -> bool:
        return not self.exact

    def to_w3c(self) -> list[dict[str, object]]:
        """The selectors as Web Annotation JSON, for export (none for a page note), kept ones after."""
        ours: list[dict[str, object]] = [] if self.is_page else [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix,
             "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]
        return ours + (json.loads(self.kept) if self.kept else [])


@dataclass(frozen=True)
class Annotation:
    """One highlight with an optional Markdown note on one article of one archive.

    ``anchored`` is the state found the last time the annotation was anchored;
    it is recomputed whenever the article is opened, never trusted.  A
    *bookmark* (``kind``) is a named place: its selector holds the first words
    there, its ``note`` is the name, and it is never painted as a highlight;
    it travels, merges and is deleted exactly like a note.
    """

    id: str
    archive: str
    article: str
    selector: Selector
    created: str
    modified: str
    creator: str = ""
    color: Color = "yellow"
    style: Style = "highlight"
    note: str = ""
    tags: tuple[str, ...] = field(default=())
    anchored: AnchorState = "exact"
    kind: Kind = "highlight"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(_("unknown kind {kind!r} (one of {join})")
                             .format(kind=self.kind, join=', '.join(KINDS)))
        if self.color not in COLORS:
            raise ValueError(_("unknown colour {color!r} (one of {join})")
                             .format(color=self.color, join=', '.join(COLORS)))
        if self.style not in STYLES:
            raise ValueError(_("unknown style {style!r} (one of {join})")
                             .format(style=self.style, join=', '.join(STYLES)))
        if self.anchored not in ANCHOR_STATES:
            raise ValueError(_("unknown anchoring state {anchored!r}").format(anchored=self.anchored))
        if isinstance(self.tags, list):  # tolerate callers passing a list
            object.__setattr__(self, "tags", tuple(self.tags))

    @classmethod
    def new(cls, archive: str, article: str, selector: Selector, *, creator: str = "",
            color: Color = "yellow", style: Style = "highlight", note: str = "",
            tags: tuple[str, ...] = (), now: str | None = None, kind: Kind = "highlight") -> Annotation:
        """A fresh annotation with a UUID4 id, created = modified = now."""
        stamp = now or utc_now()
        return cls(id=str(uuid.uuid4()), archive=archive, article=article, selector=selector,
                   created=stamp, modified=stamp, creator=creator, color=color, style=style,
                   note=note, tags=tuple(tags), kind=kind)

    @property
    def is_bookmark(self) -> bool:
        return self.kind == "bookmark"

    def content(self) -> str:
        """What the author wrote, as one JSON text (not where anchoring last found it).

        Two versions of a note are the same version when their ``modified`` and
        this text agree: the history and the group merge compare by it.
        """
        s = self.selector
        return json.dumps([s.exact, s.prefix, s.suffix, s.kept, self.article, self.created, self.creator,
                           self.color, self.style, self.note, list(self.tags), self.kind],
                          ensure_ascii=False)

    @property
    def quote(self) -> str:
        return self.selector.exact

    @property
    def start(self) -> int:
        return self.selector.start

    @property
    def end(self) -> int:
        return self.selector.end

    def moved_to(self, start: int, end: int, state: AnchorState) -> Annotation:
        """The same annotation found at ``start..end`` (the quote stays the truth)."""
        return replace(self, selector=replace(self.selector, start=start, end=end), anchored=state)
