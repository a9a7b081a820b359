"""Export as Markdown: one section per article, each highlight a ``>`` quote."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.annotations import Annotation
from reader.core.export.context import ExportContext, by_article
from reader.core.i18n import _


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def _entry(note: Annotation) -> str:
    parts = [_quote(note.quote) if note.quote else "*" + _("On the whole article") + "*"]
    style = "" if note.style == "highlight" else f", {note.style}"
    facts = [f"{note.color}{style}"]
    if note.creator:
        facts.append(note.creator)
    facts.append(note.created)
    line = " · ".join(facts)
    if note.tags:
        line += " · " + " ".join(f"#{tag}" for tag in note.tags)
    if note.is_bookmark:  # a named place: the name, then where it is
        return "**" + _("Bookmark: {name}").format(name=note.note) + f"** · *{line}*\n\n> {note.quote}…"
    parts.append(f"*{line}*")
    if note.note:
        parts.append(note.note)
    return "\n\n".join(parts)


def export(annotations: Sequence[Annotation], context: ExportContext) -> bytes:
    out = ["# " + _("Notes: {title}").format(title=context.archive_title)]
    for article, notes in by_article(list(annotations)):
        out.append(f"## {context.title(article)}")
        meta = context.articles.get(article)
        if meta and meta.source_url:
            out.append(f"<{meta.source_url}>")
        out.extend(_entry(note) for note in notes)
        out.append("---")
    return ("\n\n".join(out) + "\n").encode("utf-8")
