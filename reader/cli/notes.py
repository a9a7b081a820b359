"""``reading-room notes``: add, list, export, import and pack highlights and notes.

The notes file is ``annotations.sqlite`` in the data dir, shared with the
window; export, import and packs are the use cases the window calls too.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reader.core.annotations import COLORS, STYLES, AmbiguousQuote, Annotation, Annotations
from reader.core.annotations.store import AnnotationStore
from reader.core.errors import ReaderError
from reader.core.i18n import _, ngettext
from reader.core.usecases import AppContext
from reader.core.usecases.notes import FORMATS, NotesScope, export_notes, import_notes, make_pack

from .common import add_common, load_archive, print_json

#: The ``notes list --json`` contract: keep exactly these keys (``kind`` came last: highlight or bookmark).
RECORD_KEYS = ("id", "article", "quote", "prefix", "suffix", "start", "end", "note", "color", "tags",
               "creator", "created", "modified", "anchored", "kind")


def register(commands: Any) -> None:
    """Add the ``notes`` group to the CLI's sub-parsers."""
    notes = commands.add_parser("notes", help=_("add and list highlights and notes"),
                                description=_("Notes live in the data dir and follow their words "
                                "when an article is re-imported."))
    add_common(notes, top=False)
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help=_("highlight a quote of an article, with an optional note"))
    add_common(add, top=False)
    add.add_argument("article", metavar="ARTICLE_ID", help=_("article id (see 'list')"))
    add.add_argument("--quote", required=True, metavar="TEXT", help=_("the exact words to highlight"))
    add.add_argument("--note", default="", metavar="TEXT", help=_("the note (Markdown)"))
    add.add_argument("--color", choices=COLORS, default="yellow")
    add.add_argument("--style", choices=STYLES, default="highlight")
    add.add_argument("--tag", action="append", default=[], metavar="T", help=_("a tag (repeat for more)"))
    add.add_argument("--occurrence", type=int, metavar="N",
                     help=_("which occurrence of a repeated quote (1 = the first)"))
    add.add_argument("--creator", metavar="NAME", help=_("your name (default: the 'creator' setting)"))
    add.add_argument("--json", action="store_true", help=_("print the new note as JSON"))
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", help=_("list notes, anchored to the current articles"))
    add_common(listing, top=False)
    listing.add_argument("--article", metavar="ID", help=_("only this article's notes"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.add_argument("--elsewhere", action="store_true",
                         help=_("the imported notes kept for articles of other archives"))
    listing.set_defaults(handler=cmd_list)

    exporting = actions.add_parser("export", help=_("write notes as Markdown, W3C JSON-LD or printable HTML"))
    add_common(exporting, top=False)
    exporting.add_argument("--format", choices=FORMATS, required=True)
    exporting.add_argument("--output", type=Path, required=True, metavar="FILE")
    exporting.add_argument("--article", metavar="ID", help=_("only this article's notes"))
    exporting.add_argument("--tag", metavar="T", help=_("only notes with this tag"))
    exporting.set_defaults(handler=cmd_export)

    packing = actions.add_parser("pack", help=_("write a study pack: a reading list with its notes"),
                                 description=_("A .rrpack file: the articles in order and their "
                                 "notes; without --article, the articles that have notes."))
    add_common(packing, top=False)
    packing.add_argument("--output", type=Path, required=True, metavar="FILE")
    packing.add_argument("--title", required=True, metavar="T")
    packing.add_argument("--description", default="", metavar="D")
    packing.add_argument("--article", action="append", default=[], metavar="ID",
                         help=_("an article, in reading order (repeat for more)"))
    packing.add_argument("--tag", metavar="T", help=_("only notes with this tag"))
    packing.set_defaults(handler=cmd_pack)

    importing = actions.add_parser("import", help=_("merge notes from W3C Web Annotation JSON or a pack"),
                                   description=_("Our own JSON export, any W3C Web Annotation "
                                   "JSON or a .rrpack study pack (its reading list is saved); a note "
                                   "already here is updated only by a newer copy."))
    add_common(importing, top=False)
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--layer", default="", metavar="NAME",
                           help=_("the creator of imported notes that name none (their layer)"))
    importing.set_defaults(handler=cmd_import)


def record(note: Annotation) -> dict[str, object]:
    """One note as ``notes list --json`` prints it (a bookmark's ``note`` is its name)."""
    return {
        "id": note.id, "article": note.article, "quote": note.quote,
        "prefix": note.selector.prefix, "suffix": note.selector.suffix,
        "start": note.start, "end": note.end, "note": note.note, "color": note.color,
        "tags": list(note.tags), "creator": note.creator, "created": note.created,
        "modified": note.modified, "anchored": note.anchored, "kind": note.kind,
    }


def cmd_add(ctx: AppContext, args: argparse.Namespace) -> int:
    creator = ctx.creator if args.creator is None else str(args.creator)
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        try:
            note = Annotations(store, archive).add_quote(
                args.article, args.quote, occurrence=args.occurrence, creator=creator, color=args.color,
                style=args.style, note=args.note, tags=tuple(args.tag))
        except AmbiguousQuote as exc:
            raise choose_occurrence(exc) from None
    return print_created(note, args.json)


def choose_occurrence(exc: AmbiguousQuote) -> ReaderError:
    """What to say when the quote given to place a note or bookmark occurs more than once."""
    return ReaderError(_("{what}; choose one with --occurrence N (1 to {count})")
                       .format(what=exc.what, count=exc.count))


def print_created(annotation: Annotation, as_json: bool) -> int:
    """A new note or bookmark: its record with ``--json``, else its id (for scripts)."""
    if as_json:
        print_json(record(annotation))
    else:
        print(annotation.id)
    return 0


def report_problems(store: AnnotationStore) -> None:
    """Damaged rows the store skipped: one line each on stderr, so the listing itself stays clean."""
    for problem in store.problems:
        print(_("reading-room: {problem}").format(problem=problem), file=sys.stderr)


def cmd_list(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.elsewhere:
        with ctx.notes_store() as store:
            notes = [n for n in store.elsewhere() if not args.article or n.article == args.article]
    else:
        with load_archive(ctx, args) as archive, ctx.notes_store() as store:
            service = Annotations(store, archive)
            pairs = service.for_article(args.article) if args.article else service.all()
        notes = [note for note, _ in pairs]
    report_problems(store)
    if args.json:
        print_json([record(note) for note in notes])
        return 0
    for note in notes:
        first = note.note.splitlines()[0] if note.note else ""
        quote = note.quote if len(note.quote) <= 60 else note.quote[:59] + "…"
        print(f"{note.id}\t{note.article}\t{note.anchored}\t“{quote}”" + (f"\t{first}" if first else ""))
    return 0


def cmd_export(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = export_notes(ctx, archive, store, args.format, args.output,
                               NotesScope(article=args.article, tag=args.tag), pdf_writer=_pdf_writer)
    report_problems(store)
    print(outcome.message)
    return 0


def _pdf_writer(html: bytes, output: Path) -> int:
    """Qt lays the PDF out: imported only for this format, so every other command stays Qt-free
    (and works without a display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from reader.ui.export.pdf import export_pdf

    _app = QGuiApplication.instance() or QGuiApplication(["reading-room"])
    return export_pdf(html, output)


def cmd_pack(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = make_pack(ctx, archive, store, args.output, args.title, args.description,
                            args.article, tag=args.tag)
    print(outcome.message)
    return 0


def cmd_import(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = import_notes(ctx, archive, store, args.file, layer=args.layer)
    result = outcome.value
    if result.merged:
        print(result.report.summary())
    if result.report.elsewhere:
        shown = ", ".join(result.report.elsewhere[:5]) + (", …" if len(result.report.elsewhere) > 5 else "")
        print(_("notes for {count} article(s) not in this archive: {shown}")
              .format(count=len(result.report.elsewhere), shown=shown))
    if result.reading_list is not None:
        print(ngettext("reading list {title!r} saved ({count} article)",
                       "reading list {title!r} saved ({count} articles)", result.list_size)
              .format(title=result.reading_list, count=result.list_size))
    if result.unknown:
        shown = ", ".join(result.unknown[:5]) + (", …" if len(result.unknown) > 5 else "")
        print(_("{count} article(s) of the list not in this archive: {shown}")
              .format(count=len(result.unknown), shown=shown))
    return 0
