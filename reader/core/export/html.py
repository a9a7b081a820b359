"""Export as a printable HTML handout: titles, quotes, notes; everything escaped.

Notes are shown as escaped plain text (white space kept), never rendered as
Markdown: a handout must not carry markup from an imported file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reader.core.annotations import Annotation
from reader.core.export.context import ExportContext, by_article
from reader.core.i18n import _

STYLE = """\
body { font: 11pt/1.5 Georgia, serif; max-width: 42em; margin: 2em auto; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 2em; }
.source { font-size: 9pt; word-break: break-all; }
blockquote { margin: 1em 0 .3em; padding: .2em .8em; border-left: 4pt solid #bbb; }
blockquote.yellow { border-color: #e6c200; } blockquote.green { border-color: #4caf50; }
blockquote.blue { border-color: #2196f3; } blockquote.pink { border-color: #e91e63; }
blockquote.purple { border-color: #9c27b0; }
.meta { font-size: 9pt; color: #555; } .note { white-space: pre-wrap; }
@media print {
  body { margin: 0; max-width: none; }
  section.article { break-before: page; page-break-before: always; }
  section.article:first-of-type { break-before: auto; page-break-before: auto; }
  .entry { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""


def _entry(note: Annotation) -> str:
    facts = [note.color] + ([note.creator] if note.creator else []) + [note.created]
    facts += [f"#{tag}" for tag in note.tags]
    if note.is_bookmark:  # a named place: the name, then where it is
        facts.insert(0, "bookmark")
        return (f'<div class="entry"><h3>{escape(note.note)}</h3>'
                f'<p class="meta">{escape(" · ".join(facts))}: “{escape(note.quote)}…”</p></div>')
    quote = (f'<blockquote class="{escape(note.color)}">{escape(note.quote)}</blockquote>' if note.quote
             else '<p class="meta">' + escape(_("On the whole article")) + "</p>")
    parts = [f'<div class="entry">{quote}',
             f'<p class="meta">{escape(" · ".join(facts))}</p>']
    if note.note:
        parts.append(f'<p class="note">{escape(note.note)}</p>')
    return "\n".join(parts) + "</div>"


def export(annotations: Sequence[Annotation], context: ExportContext) -> bytes:
    title = escape(_("Notes: {title}").format(title=context.archive_title))
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8">', f"<title>{title}</title>",
           f"<style>\n{STYLE}</style></head><body>", f"<h1>{title}</h1>"]
    for article, notes in by_article(list(annotations)):
        out.append(f'<section class="article"><h2>{escape(context.title(article))}</h2>')
        meta = context.articles.get(article)
        if meta and meta.source_url:
            out.append(f'<p class="source">{escape(meta.source_url)}</p>')
        out.extend(_entry(note) for note in notes)
        out.append("</section>")
    out.append("</body></html>")
    return ("\n".join(out) + "\n").encode("utf-8")
