"""Notes leave and enter the app here: export, import (files and study packs), packs.

The CLI's ``notes export/import/pack`` and the window's File menu call these
same functions; only how the choices are gathered differs.  A PDF needs Qt
to be laid out, so the caller hands in a :data:`PdfWriter`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations import Annotation, Annotations, AnnotationStore
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export import EXPORTERS, export, scope
from reader.core.export.importer import MAX_BYTES, NotesFileError, parse
from reader.core.export.merge import Report, merge
from reader.core.export.pack import is_pack, load_reading_lists, read_pack, save_reading_list, write_pack
from reader.core.fsutil import atomic_write_bytes
from reader.core.i18n import _, ngettext
from reader.core.usecases import rules
from reader.core.usecases.changes import NOTHING, Changes, Outcome
from reader.core.usecases.context import AppContext

#: Lays out printable HTML as a PDF at the path; returns the page count (Qt does it: see ui/export/pdf.py).
PdfWriter = Callable[[bytes, Path], int]
FORMATS = (*EXPORTERS, "pdf")
SUFFIXES = {"md": ".md", "json": ".json", "html": ".html", "pdf": ".pdf"}


@dataclass(frozen=True)
class NotesScope:
    """Which notes: all, one article's, one tag's, or exactly the given ones (the panel's)."""

    article: str | None = None
    tag: str | None = None
    notes: tuple[Annotation, ...] | None = None

    def describe(self) -> str:
        parts = [_("article {article!r}").format(article=self.article) if self.article else "",
                 _("tag {tag!r}").format(tag=self.tag) if self.tag else ""]
        what = _(" and ").join(p for p in parts if p)
        return _(" for {what}").format(what=what) if what else ""


def _notes(count: int) -> str:
    return ngettext("{count} note", "{count} notes", count).format(count=count)


def _articles(count: int) -> str:
    return ngettext("{count} article", "{count} articles", count).format(count=count)


def select(store: AnnotationStore, archive: Archive, chosen: NotesScope) -> list[Annotation]:
    """The notes in ``chosen``, anchored to the archive as it is now."""
    if chosen.notes is not None:
        return list(chosen.notes)
    service = Annotations(store, archive)
    pairs = service.for_article(chosen.article) if chosen.article else service.all()
    return scope([note for note, _ in pairs], tag=chosen.tag)


def tags(store: AnnotationStore, archive: Archive) -> list[str]:
    return sorted({tag for note in store.all(archive.info.id) for tag in note.tags}, key=str.casefold)


def export_notes(ctx: AppContext, archive: Archive, store: AnnotationStore, fmt: str, output: Path,
                 chosen: NotesScope = NotesScope(), pdf_writer: PdfWriter | None = None) -> Outcome[int]:
    """Write the chosen notes as ``fmt`` at ``output`` (atomically); the value is how many."""
    if fmt not in FORMATS:
        raise ReaderError(_("Unknown notes format {fmt!r} (one of {join}).")
                          .format(fmt=fmt, join=', '.join(FORMATS)))
    rules.check_export(ctx.policy, fmt, output)
    notes = select(store, archive, chosen)
    if not notes:
        raise ReaderError(_("There are no notes to export") + chosen.describe() + ".")
    write_output(export("html" if fmt == "pdf" else fmt, notes, archive), fmt, output, pdf_writer)
    message = _("{notes} written to {output}").format(notes=_notes(len(notes)), output=output)
    return Outcome(message, len(notes))


def write_output(data: bytes, fmt: str, output: Path, pdf_writer: PdfWriter | None) -> None:
    """Write ``data`` at ``output`` atomically, or as a PDF laid out by ``pdf_writer`` when ``fmt`` is pdf."""
    try:
        if fmt == "pdf":
            if pdf_writer is None:
                raise ReaderError(_("PDF export is not available here."))
            pdf_writer(data, output)
        else:
            atomic_write_bytes(output, data)
    except OSError as exc:
        raise ReaderError(_("Cannot write {output}: {reason}.")
                          .format(output=output, reason=exc.strerror or exc)) from None


@dataclass(frozen=True)
class ImportResult:
    report: Report
    reading_list: str | None = None  # a pack's list title
    list_size: int = 0
    unknown: tuple[str, ...] = ()  # the list's articles not in this archive
    merged: bool = True  # notes were merged (a pack may carry only a reading list)


def import_notes(ctx: AppContext, archive: Archive, store: AnnotationStore, path: Path,
                 layer: str = "") -> Outcome[ImportResult]:
    """Merge a notes file (any W3C Web Annotation JSON) or a study pack; all or nothing."""
    rules.check_read(ctx.policy, path)
    try:
        if path.stat().st_size > MAX_BYTES:  # refuse before reading it into memory
            raise NotesFileError(_("the notes file is larger than {value} MB")
                                 .format(value=MAX_BYTES // (1024 * 1024)))
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(_("Cannot read {path}: {value}.")
                          .format(path=path, value=exc.strerror or exc)) from None
    if not is_pack(path, data):
        report = merge(store, archive, parse(data), creator=layer)
        return Outcome(_summary(report), ImportResult(report), Changes(notes=True))
    pack = read_pack(data)
    data_dir = ctx.paths.data
    load_reading_lists(data_dir, strict=True)  # a damaged file is refused before any change

    def save() -> None:
        save_reading_list(data_dir, pack.reading_list)

    unknown = tuple(pack.unknown({m.id for m in archive.articles()}))
    report = Report()
    if pack.records:
        report = merge(store, archive, pack.records, also=save, creator=layer)
    else:
        save()
    listed = pack.reading_list
    result = ImportResult(report, listed.title, len(listed.articles), unknown, merged=bool(pack.records))
    message = (_summary(report) if pack.records else _("No notes in the pack")) + \
        _("; reading list {title!r} saved ({articles})").format(title=listed.title,
                                                               articles=_articles(len(listed.articles)))
    if unknown:
        message += _("; {count} of its articles are not in this archive").format(count=len(unknown))
    return Outcome(message, result, Changes(notes=bool(pack.records), reading_lists=True))


def _summary(report: Report) -> str:
    line = report.summary()
    if report.elsewhere:
        line += (_("; notes for {count} article(s) not in this archive kept aside")
                .format(count=len(report.elsewhere)))
    return line


def make_pack(ctx: AppContext, archive: Archive, store: AnnotationStore, output: Path, title: str,
              description: str = "", articles: Sequence[str] = (), tag: str | None = None,
              with_notes: bool = True) -> Outcome[tuple[int, int]]:
    """Write a ``.rrpack``: the articles in reading order and their notes; value: (articles, notes).

    Without ``articles``, the articles that have (tagged) notes, in archive order.
    """
    if not title.strip():
        raise ReaderError(_("The pack needs a title."))
    rules.check_export(ctx.policy, "json", output)
    order = [m.id for m in archive.articles()]
    known = set(order)
    missing = [a for a in articles if a not in known]
    if missing:
        raise ReaderError(_("No article {join} in this archive.").format(join=', '.join(map(repr, missing))))
    notes = select(store, archive, NotesScope(tag=tag)) if with_notes else []
    noted = {note.article for note in notes}
    chosen = list(dict.fromkeys(articles)) or [a for a in order if a in noted]
    if not chosen:
        raise ReaderError(_("Nothing to pack: no notes") + (_(" with tag {tag!r}")
                          .format(tag=tag) if tag else "")
                          + _("; choose the articles to put in it."))
    wanted = set(chosen)
    notes = [note for note in notes if note.article in wanted]
    try:
        write_pack(output, title.strip(), description, chosen, notes, archive)
    except OSError as exc:
        raise ReaderError(_("Cannot write {output}: {value}.")
                          .format(output=output, value=exc.strerror or exc)) from None
    message = _("{articles} and {notes} written to {output}").format(
        articles=_articles(len(chosen)), notes=_notes(len(notes)), output=output)
    return Outcome(message, (len(chosen), len(notes)), NOTHING)
