"""``show ID --with-notes --format html|pdf --output F``: the article with its notes inline, as one file.

Added to the ``show`` command that :mod:`reader.cli.library` registers: without
``--with-notes`` it behaves exactly as before.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.usecases import AppContext
from reader.core.usecases.annotated import export_annotated

from .common import load_archive
from .library import cmd_show
from .notes import _pdf_writer


def register(commands: Any) -> None:
    show: argparse.ArgumentParser = commands.choices["show"]
    fmt = next(a for a in show._actions if a.dest == "format")
    fmt.choices = (*(fmt.choices or ()), "pdf")
    show.add_argument("--with-notes", action="store_true",
                      help=_("write the article with its highlights and notes inline (html or pdf; "
                      "needs --output)"))
    show.add_argument("--output", type=Path, metavar="FILE", help=_("where --with-notes writes the file"))
    show.add_argument("--creator", action="append", metavar="NAME",
                      help=_("only the notes of this creator (repeat for more; 'mine' is you); "
                      "default: every layer"))
    show.set_defaults(handler=cmd_show_with_notes)


def cmd_show_with_notes(ctx: AppContext, args: argparse.Namespace) -> int:
    if not args.with_notes:
        if args.format == "pdf":
            raise ReaderError(_("--format pdf needs --with-notes and --output FILE."))
        return cmd_show(ctx, args)
    if args.format not in ("html", "pdf") or args.output is None:
        raise ReaderError(_("--with-notes needs --format html or pdf, and --output FILE."))
    creators = None if args.creator is None else [ctx.creator if c == "mine" else c for c in args.creator]
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = export_annotated(ctx, archive, store, args.id, args.format, args.output, creators,
                                   pdf_writer=_pdf_writer)
    print(outcome.message)
    return 0
