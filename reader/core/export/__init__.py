"""Export annotations as Markdown, W3C Web Annotation JSON-LD or a printable HTML page.

Each format is one pure function ``(annotations, context) -> bytes`` in
:data:`EXPORTERS`; :func:`export` reads the archive once and picks one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.annotations import Annotation
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export import html, markdown, w3c
from reader.core.export.context import ExportContext, article_urn
from reader.core.i18n import _

Exporter = Callable[[Sequence[Annotation], ExportContext], bytes]

EXPORTERS: dict[str, Exporter] = {"md": markdown.export, "json": w3c.export, "html": html.export}


def export(fmt: str, annotations: Sequence[Annotation], archive: Archive | ExportContext) -> bytes:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ReaderError(_("unknown export format {fmt!r} (one of {join})")
                          .format(fmt=fmt, join=', '.join(EXPORTERS)))
    context = archive if isinstance(archive, ExportContext) else ExportContext.of(archive)
    return exporter(annotations, context)


def scope(annotations: Sequence[Annotation], *, article: str | None = None,
          tag: str | None = None) -> list[Annotation]:
    """All annotations, or those of one article and/or carrying one tag."""
    return [a for a in annotations
            if (article is None or a.article == article) and (tag is None or tag in a.tags)]


__all__ = ["EXPORTERS", "ExportContext", "Exporter", "article_urn", "export", "scope"]
