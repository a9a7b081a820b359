"""``notes edit``, ``notes delete`` and ``notes group join/leave/sync/status`` on the command line.

Registered under the ``notes`` command next to its other actions; the work is
in :mod:`reader.core.usecases.editing` and :mod:`reader.core.usecases.groups`,
which the window calls too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.core.annotations import COLORS, Annotation
from reader.core.i18n import _
from reader.core.usecases import AppContext, Outcome
from reader.core.usecases.editing import delete_note, edit_note
from reader.core.usecases.groups import group_status, join, leave, sync

from .common import add_common, load_archive, print_json, warn
from .notes import record


def register(commands: Any) -> None:
    """Add the actions to the ``notes`` parser that :func:`reader.cli.notes.register` made."""
    actions = _subcommands(commands.choices["notes"])

    edit = actions.add_parser("edit",
                              help=_("change a note's text, colour or tags (history keeps the old one)"))
    add_common(edit, top=False)
    edit.add_argument("id", metavar="NOTE_ID")
    edit.add_argument("--note", metavar="TEXT", help=_("the new note (Markdown)"))
    edit.add_argument("--color", choices=COLORS)
    edit.add_argument("--tag", action="append", metavar="T",
                      help=_("a tag; the tags given replace the note's (repeat for more)"))
    edit.add_argument("--json", action="store_true", help=_("print the note as JSON"))
    edit.set_defaults(handler=cmd_edit)

    delete = actions.add_parser("delete", help=_("delete a note (a group learns of it)"))
    add_common(delete, top=False)
    delete.add_argument("id", metavar="NOTE_ID")
    delete.set_defaults(handler=cmd_delete)

    group = actions.add_parser("group", help=_("share notes with a study group through a folder"),
                               description=_("Each member's notes are one file in a shared folder "
                               "(USB stick, network share, Syncthing...); the others' are merged."))
    add_common(group, top=False)
    steps = group.add_subparsers(dest="group_command", metavar="STEP", required=True)
    joining = steps.add_parser("join", help=_("join the group whose folder is DIR, then sync"))
    add_common(joining, top=False)
    joining.add_argument("folder", type=Path, metavar="DIR")
    joining.add_argument("--name", required=True, metavar="NAME", help=_("your name in the group"))
    joining.set_defaults(handler=cmd_join)
    for name, handler, text in (("sync", cmd_sync, _("merge the others' notes and write yours")),
                                ("leave", cmd_leave, _("leave the group (your file stays, marked as left)")),
                                ("status", cmd_status, _("say which group, and how the last sync went"))):
        step = steps.add_parser(name, help=text)
        add_common(step, top=False)
        step.add_argument("--json", action="store_true", help=_("print the result as JSON"))
        step.set_defaults(handler=handler)


def _subcommands(parser: argparse.ArgumentParser) -> Any:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def cmd_edit(ctx: AppContext, args: argparse.Namespace) -> int:
    with ctx.notes_store() as store:
        outcome = edit_note(store, args.id, note=args.note, color=args.color, tags=args.tag)
    return show_note(outcome, args.json)


def show_note(outcome: Outcome[Annotation], as_json: bool) -> int:
    """The changed note as ``notes list --json`` prints it, or the outcome's sentence."""
    if as_json:
        print_json(record(outcome.value))
    else:
        print(outcome.message)
    return 0


def cmd_delete(ctx: AppContext, args: argparse.Namespace) -> int:
    with ctx.notes_store() as store:
        print(delete_note(store, args.id).message)
    return 0


def cmd_join(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = join(ctx, archive, store, args.folder, args.name)
    _show_sync(outcome.message, outcome.value.unreadable)
    return 0


def cmd_sync(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = sync(ctx, archive, store)
    report = outcome.value
    if args.json:
        print_json({"added": report.added, "updated": report.updated, "deleted": report.deleted,
                    "written": report.written, "problem": report.status.problem,
                    "members": [vars(m) for m in report.members], "unreadable": list(report.unreadable)})
    else:
        _show_sync(outcome.message, report.unreadable)
    return 0


def _show_sync(message: str, unreadable: tuple[str, ...]) -> None:
    print(message)
    for problem in unreadable:
        warn(_("warning: a group file was skipped (read again at the next sync): "
               "{problem}").format(problem=problem))


def cmd_leave(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive, ctx.notes_store() as store:
        outcome = leave(ctx, archive, store)
    print(outcome.message)
    return 0


def cmd_status(ctx: AppContext, args: argparse.Namespace) -> int:
    with ctx.notes_store() as store:
        status = group_status(store)
    if args.json:
        print_json({**vars(status), "joined": status.joined})
    else:
        print(status.line())
    return 0
