"""``notes bookmark add/rename`` and ``notes history`` on the command line.

Registered under the ``notes`` command next to its other actions; the window
calls the same functions (:mod:`reader.core.annotations.service`,
:mod:`reader.core.usecases.editing`).
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.core.annotations import AmbiguousQuote, Annotations
from reader.core.usecases import AppContext
from reader.core.usecases.editing import note_history, rename_bookmark

from .common import add_common, load_archive, print_json
from .groups import _subcommands, show_note
from .notes import choose_occurrence, print_created, record


def register(commands: Any) -> None:
    """Add the actions to the ``notes`` parser that :func:`reader.cli.notes.register` made."""
    actions = _subcommands(commands.choices["notes"])
    bookmark = actions.add_parser("bookmark", help="name a place in an article, to come back to it",
                                  description="Bookmarks are listed with the notes (kind 'bookmark'), "
                                  "exported and shared with a group like them; delete one with "
                                  "'notes delete ID'.")
    add_common(bookmark, top=False)
    steps = bookmark.add_subparsers(dest="bookmark_command", metavar="STEP", required=True)
    add = steps.add_parser("add", help="bookmark a place of an article")
    add_common(add, top=False)
    add.add_argument("article", metavar="ARTICLE_ID", help="article id (see 'list')")
    add.add_argument("--name", required=True, metavar="N", help="the bookmark's name")
    add.add_argument("--at", metavar="TEXT", help="the words where the place starts (default: the top)")
    add.add_argument("--occurrence", type=int, metavar="N",
                     help="which occurrence of repeated words (1 = the first)")
    add.add_argument("--creator", metavar="NAME", help="your name (default: the 'creator' setting)")
    add.add_argument("--json", action="store_true", help="print the new bookmark as JSON")
    add.set_defaults(handler=cmd_add)
    rename = steps.add_parser("rename", help="give a bookmark a new name")
    add_common(rename, top=False)
    rename.add_argument("id", metavar="BOOKMARK_ID")
    rename.add_argument("--name", required=True, metavar="N")
    rename.add_argument("--json", action="store_true", help="print the bookmark as JSON")
    rename.set_defaults(handler=cmd_rename)

    history = actions.add_parser("history", help="every version of a note, the losing edits of a group too")
    add_common(history, top=False)
    history.add_argument("id", metavar="NOTE_ID")
    history.add_argument("--json", action="store_true", help="print a JSON array, oldest first")
    history.set_defaults(handler=cmd_history)


def cmd_add(ctx: AppContext, args: argparse.Namespace) -> int:
    creator = ctx.creator if args.creator is None else str(args.creator)
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        try:
            mark = Annotations(store, archive).bookmark_quote(args.article, args.at, args.name,
                                                              occurrence=args.occurrence, creator=creator)
        except AmbiguousQuote as exc:
            raise choose_occurrence(exc) from None
    return print_created(mark, args.json)


def cmd_rename(ctx: AppContext, args: argparse.Namespace) -> int:
    with ctx.notes_store() as store:
        outcome = rename_bookmark(store, args.id, args.name)
    return show_note(outcome, args.json)


def cmd_history(ctx: AppContext, args: argparse.Namespace) -> int:
    with ctx.notes_store() as store:
        versions = note_history(store, args.id)
        current = store.get(args.id)
    if args.json:
        print_json([{**record(v), "current": v == current} for v in versions])
        return 0
    for v in versions:
        mark = "now" if v == current else "was"
        first = v.note.splitlines()[0] if v.note else ""
        print(f"{v.modified}\t{mark}\t{v.creator or '-'}\t{v.color}\t{first}")
    return 0
