"""One annotation as one row of the notes file, and back.

Reading a row validates it (the model's checks, tags a JSON list of words):
a row damaged by hand or by another program raises ValueError/TypeError, which
the store reports and skips.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from reader.core.annotations.model import Annotation, Selector
from reader.core.i18n import _

COLUMNS = ("id, archive, article, exact, prefix, suffix, pos_start, pos_end, created, modified, "
           "creator, color, style, note, tags, anchored, kept, kind")
WIDTH = COLUMNS.count(",") + 1


def row_of(a: Annotation) -> tuple[object, ...]:
    s = a.selector
    return (a.id, a.archive, a.article, s.exact, s.prefix, s.suffix, s.start, s.end, a.created,
            a.modified, a.creator, a.color, a.style, a.note, json.dumps(list(a.tags), ensure_ascii=False),
            a.anchored, s.kept, a.kind)


def annotation_from_row(row: tuple[Any, ...]) -> Annotation:
    (id_, archive, article, exact, prefix, suffix, start, end, created, modified, creator, color,
     style, note, tags, anchored, kept, kind) = row
    return Annotation(
        id=id_, archive=archive, article=article,
        selector=Selector(exact=exact, prefix=prefix, suffix=suffix, start=start, end=end, kept=kept),
        created=created, modified=modified, creator=creator, color=color, style=style, note=note,
        tags=_tags(tags), anchored=anchored, kind=kind)


def _tags(text: str) -> tuple[str, ...]:
    tags = json.loads(text)
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError(_("tags are not a list of words"))
    return tuple(tags)


def content_digest(a: Annotation) -> str:
    """Tells two versions saved in the same second apart (the history keeps one row per version)."""
    return hashlib.sha256(a.content().encode("utf-8")).hexdigest()
