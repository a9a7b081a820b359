"""Export one article with its highlights and notes inline, as HTML or PDF (Article → Export with notes…).

The scope is every layer, or only the notes of the chosen creators (``mine``
is the context's creator).  The HTML is built by the pure
:func:`reader.core.export.annotated.annotated_html`; a PDF is that HTML laid
out by Qt, handed in as a :data:`PdfWriter` as for notes PDFs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.annotations.model import utc_now
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export.annotated import Placed, annotated_html
from reader.core.i18n import _, ngettext
from reader.core.usecases import rules
from reader.core.usecases.changes import Outcome
from reader.core.usecases.context import AppContext
from reader.core.usecases.notes import PdfWriter, write_output

FORMATS = ("html", "pdf")


def export_annotated(ctx: AppContext, archive: Archive, store: AnnotationStore, article_id: str, fmt: str,
                     output: Path, creators: Sequence[str] | None = None,
                     pdf_writer: PdfWriter | None = None) -> Outcome[int]:
    """Write the article with the notes of ``creators`` (None: all layers); the value is how many notes."""
    if fmt not in FORMATS:
        raise ReaderError(_("Unknown format {fmt!r} for an article with notes (one of {join}).")
                          .format(fmt=fmt, join=', '.join(FORMATS)))
    rules.check_export(ctx.policy, fmt, output)
    article = archive.article(article_id)
    pairs = Annotations(store, archive).for_article(article_id)
    chosen = [(n, m) for n, m in pairs if creators is None or n.creator in creators]
    placed = [Placed(n, m.start if m else None, m.end if m else None) for n, m in chosen]
    data = annotated_html(article, placed, archive_title=archive.info.title, exported=utc_now(),
                          language=archive.info.language or "en")
    write_output(data, fmt, output, pdf_writer)
    count = len(placed)
    marks = sum(1 for p in placed if p.note.kind == "bookmark")  # named places, not notes
    notes = ngettext("{count} note", "{count} notes", count - marks).format(count=count - marks)
    if marks:
        notes += ngettext(" and {count} bookmark", " and {count} bookmarks", marks).format(count=marks)
    message = _("{title!r} with {notes} written to {output}")
    return Outcome(message.format(title=article.meta.title, notes=notes, output=output), count)
