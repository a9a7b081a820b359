"""``reading-room notes``: add, list, export and import highlights and notes.

Registered by :mod:`reader.cli` through :func:`register`; it keeps the CLI's
conventions (``--archive``, ``--data-dir``, one-line errors, ``--json``).  The
notes file is ``annotations.sqlite`` in the data dir, shared with the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core import paths as pathsmod
from reader.core.annotations import COLORS, STYLES, AmbiguousQuote, Annotation, Annotations, AnnotationStore
from reader.core.errors import ReaderError
from reader.core.export import EXPORTERS, export, scope
from reader.core.export.importer import MAX_BYTES, NotesFileError, parse
from reader.core.export.merge import Report, merge
from reader.core.export.pack import is_pack, load_reading_lists, read_pack, save_reading_list, write_pack
from reader.core.fsutil import atomic_write_bytes
from reader.core.policy import Policy
from reader.core.settings import Settings

AddCommon = Callable[..., None]

#: The ``notes list --json`` contract: keep exactly these keys.
RECORD_KEYS = ("id", "article", "quote", "prefix", "suffix", "start", "end", "note", "color", "tags",
               "creator", "created", "modified", "anchored")


def register(commands: Any, add_common: AddCommon) -> None:
    """Add the ``notes`` group to the CLI's sub-parsers."""
    notes = commands.add_parser("notes", help="add and list highlights and notes",
                                description="Notes live in the data dir and follow their words "
                                "when an article is re-imported.")
    add_common(notes, top=False)
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="highlight a quote of an article, with an optional note")
    add_common(add, top=False)
    add.add_argument("article", metavar="ARTICLE_ID", help="article id (see 'list')")
    add.add_argument("--quote", required=True, metavar="TEXT", help="the exact words to highlight")
    add.add_argument("--note", default="", metavar="TEXT", help="the note (Markdown)")
    add.add_argument("--color", choices=COLORS, default="yellow")
    add.add_argument("--style", choices=STYLES, default="highlight")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)")
    add.add_argument("--occurrence", type=int, metavar="N",
                     help="which occurrence of a repeated quote (1 = the first)")
    add.add_argument("--creator", metavar="NAME", help="your name (default: the 'creator' setting)")
    add.add_argument("--json", action="store_true", help="print the new note as JSON")
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", help="list notes, anchored to the current articles")
    add_common(listing, top=False)
    listing.add_argument("--article", metavar="ID", help="only this article's notes")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--elsewhere", action="store_true",
                         help="the imported notes kept for articles of other archives")
    listing.set_defaults(handler=cmd_list)

    exporting = actions.add_parser("export", help="write notes as Markdown, W3C JSON-LD or printable HTML")
    add_common(exporting, top=False)
    exporting.add_argument("--format", choices=(*EXPORTERS, "pdf"), required=True)
    exporting.add_argument("--output", type=Path, required=True, metavar="FILE")
    exporting.add_argument("--article", metavar="ID", help="only this article's notes")
    exporting.add_argument("--tag", metavar="T", help="only notes with this tag")
    exporting.set_defaults(handler=cmd_export)

    packing = actions.add_parser("pack", help="write a study pack: a reading list with its notes",
                                 description="A .rrpack file: the articles in order and their "
                                 "notes; without --article, the articles that have notes.")
    add_common(packing, top=False)
    packing.add_argument("--output", type=Path, required=True, metavar="FILE")
    packing.add_argument("--title", required=True, metavar="T")
    packing.add_argument("--description", default="", metavar="D")
    packing.add_argument("--article", action="append", default=[], metavar="ID",
                         help="an article, in reading order (repeat for more)")
    packing.add_argument("--tag", metavar="T", help="only notes with this tag")
    packing.set_defaults(handler=cmd_pack)

    importing = actions.add_parser("import", help="merge notes from W3C Web Annotation JSON or a pack",
                                   description="Our own JSON export, any W3C Web Annotation "
                                   "JSON or a .rrpack study pack (its reading list is saved); a note "
                                   "already here is updated only by a newer copy.")
    add_common(importing, top=False)
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--layer", default="", metavar="NAME",
                           help="the creator of imported notes that name none (their layer)")
    importing.set_defaults(handler=cmd_import)


def record(note: Annotation) -> dict[str, object]:
    """One note as ``notes list --json`` prints it."""
    return {
        "id": note.id, "article": note.article, "quote": note.quote,
        "prefix": note.selector.prefix, "suffix": note.selector.suffix,
        "start": note.start, "end": note.end, "note": note.note, "color": note.color,
        "tags": list(note.tags), "creator": note.creator, "created": note.created,
        "modified": note.modified, "anchored": note.anchored,
    }


def _store(args: argparse.Namespace) -> AnnotationStore:
    return AnnotationStore.in_dir(pathsmod.resolve(args.data_dir).data)


def _creator(args: argparse.Namespace) -> str:
    if args.creator is not None:
        return str(args.creator)
    config = pathsmod.resolve(args.data_dir).config
    return str(Settings.in_dir(config).get("creator"))


def cmd_add(args: argparse.Namespace) -> int:
    from reader.cli import load_archive  # the CLI registers this module, so import late

    with load_archive(args) as archive, _store(args) as store:
        service = Annotations(store, archive)
        try:
            note = service.add_quote(args.article, args.quote, occurrence=args.occurrence,
                                     creator=_creator(args), color=args.color, style=args.style,
                                     note=args.note, tags=tuple(args.tag))
        except AmbiguousQuote as exc:
            raise ReaderError(f"{exc.what}; choose one with --occurrence N (1 to {exc.count})") from None
    if args.json:
        _print_json(record(note))
    else:
        print(note.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from reader.cli import load_archive

    if args.elsewhere:
        with _store(args) as store:
            notes = [n for n in store.elsewhere() if not args.article or n.article == args.article]
    else:
        with load_archive(args) as archive, _store(args) as store:
            service = Annotations(store, archive)
            pairs = service.for_article(args.article) if args.article else service.all()
        notes = [note for note, _ in pairs]
    if args.json:
        _print_json([record(note) for note in notes])
        return 0
    for note in notes:
        first = note.note.splitlines()[0] if note.note else ""
        quote = note.quote if len(note.quote) <= 60 else note.quote[:59] + "…"
        print(f"{note.id}\t{note.article}\t{note.anchored}\t“{quote}”" + (f"\t{first}" if first else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reader.cli import load_archive

    policy: Policy = getattr(args, "policy_in_force", None) or Policy()
    printable = args.format in ("html", "pdf")
    if not policy.may_export(args.format) or (printable and not policy.allow_print):
        raise ReaderError(f"exporting notes as {args.format} is turned off on this computer")
    if not policy.may_write(args.output):
        folders = ", ".join(str(f) for f in policy.export_folders()) or "none present now"
        raise ReaderError(f"notes may not be saved to {args.output.parent} on this computer "
                          f"(allowed folders: {folders})")
    with load_archive(args) as archive, _store(args) as store:
        service = Annotations(store, archive)
        pairs = service.for_article(args.article) if args.article else service.all()
        notes = scope([note for note, _ in pairs], tag=args.tag)
        if not notes:
            what = " and ".join(filter(None, [args.article and f"article {args.article!r}",
                                              args.tag and f"tag {args.tag!r}"]))
            raise ReaderError("no notes to export" + (f" for {what}" if what else ""))
        if args.format == "pdf":
            _write_pdf(notes, archive, args.output)
            print(f"{len(notes)} note{'s' if len(notes) != 1 else ''} written to {args.output}")
            return 0
        data = export(args.format, notes, archive)
    try:
        atomic_write_bytes(args.output, data)
    except OSError as exc:
        raise ReaderError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"{len(notes)} note{'s' if len(notes) != 1 else ''} written to {args.output}")
    return 0


def _write_pdf(notes: list, archive: object, output: Path) -> None:
    """The printable handout as PDF is laid out by Qt: imported only for this format, so
    every other command stays Qt-free (and works without a display)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from reader.ui.export.pdf import handout_pdf

    _app = QGuiApplication.instance() or QGuiApplication(["reading-room"])
    try:
        handout_pdf(notes, archive, output)  # type: ignore[arg-type]
    except OSError as exc:
        raise ReaderError(f"cannot write {output}: {exc.strerror or exc}") from None


def cmd_pack(args: argparse.Namespace) -> int:
    from reader.cli import load_archive

    if not args.title.strip():
        raise ReaderError("the pack needs a title")
    with load_archive(args) as archive, _store(args) as store:
        order = [m.id for m in archive.articles()]
        missing = [a for a in args.article if a not in set(order)]
        if missing:
            raise ReaderError(f"no article {', '.join(map(repr, missing))} in this archive")
        notes = scope([note for note, _ in Annotations(store, archive).all()], tag=args.tag)
        noted = {note.article for note in notes}
        articles = list(dict.fromkeys(args.article)) or [a for a in order if a in noted]
        if not articles:
            raise ReaderError("nothing to pack: no notes" + (f" with tag {args.tag!r}" if args.tag else "")
                              + "; name articles with --article")
        notes = [note for note in notes if note.article in set(articles)]
        try:
            write_pack(args.output, args.title, args.description, articles, notes, archive)
        except OSError as exc:
            raise ReaderError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"{len(articles)} article{'s' if len(articles) != 1 else ''} and {len(notes)} "
          f"note{'s' if len(notes) != 1 else ''} written to {args.output}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from reader.cli import load_archive

    path: Path = args.file
    try:
        if path.stat().st_size > MAX_BYTES:  # refuse before reading it into memory
            raise NotesFileError(f"the notes file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot read {path}: {exc.strerror or exc}") from None
    if is_pack(path, data):
        return _import_pack(args, data)
    records = parse(data)
    with load_archive(args) as archive, _store(args) as store:
        report = merge(store, archive, records, creator=args.layer)
    _print_report(report)
    return 0


def _import_pack(args: argparse.Namespace, data: bytes) -> int:
    """Merge the pack's notes and save its reading list, together or not at all."""
    from reader.cli import load_archive

    pack = read_pack(data)
    data_dir = pathsmod.resolve(args.data_dir).data
    load_reading_lists(data_dir, strict=True)  # a damaged file is refused before any change

    def save() -> None:
        save_reading_list(data_dir, pack.reading_list)

    with load_archive(args) as archive, _store(args) as store:
        unknown = pack.unknown({m.id for m in archive.articles()})
        if pack.records:
            _print_report(merge(store, archive, pack.records, also=save, creator=args.layer))
        else:
            save()
    count = len(pack.reading_list.articles)
    print(f"reading list {pack.reading_list.title!r} saved ({count} article{'s' if count != 1 else ''})")
    if unknown:
        shown = ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else "")
        print(f"{len(unknown)} article(s) of the list not in this archive: {shown}")
    return 0


def _print_report(report: Report) -> None:
    print(report.summary())
    if report.elsewhere:
        shown = ", ".join(report.elsewhere[:5]) + (", …" if len(report.elsewhere) > 5 else "")
        print(f"notes for {len(report.elsewhere)} article(s) not in this archive: {shown}")


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()
