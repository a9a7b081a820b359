"""The ``reading-room`` command line: one module per command group, on one context.

With no subcommand the GUI starts (see ``reader.__main__``).  Each command
gathers its input, calls a use case (:mod:`reader.core.usecases`) and prints
the outcome.  User errors (:class:`ReaderError`) print one line on stderr and
exit 1; anything else is a bug: its traceback goes to the log file and the
user gets one line too.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from reader import __version__
from reader.core import log as logsetup
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.usecases import AppContext

from . import annotated, bookmarks, groups, importing, library, notes
from .common import PROG, add_common

#: The subcommands; anything else runs the window.
COMMANDS = ("list", "show", "search", "index", "import", "notes")
EXIT_USER_ERROR = 1
EXIT_BUG = 2

Handler = Callable[[AppContext, argparse.Namespace], int]
log = logging.getLogger("reader.cli")

__all__ = ["COMMANDS", "PROG", "build_parser", "main", "run"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description=_("Read an archive of articles offline. With no command, open the window.")
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    library.register(commands)
    importing.register(commands)
    notes.register(commands)
    groups.register(commands)
    bookmarks.register(commands)
    annotated.register(commands)
    return parser


def run(args: argparse.Namespace, handler: Handler) -> int:
    """Run a command with the one error policy of the CLI.

    Under a public-mode policy the command works in a throwaway session
    folder, deleted when it ends, like the window's.
    """
    ctx = AppContext.create(args.data_dir, args.policy)
    ctx.use_language(getattr(args, "lang", None))
    if ctx.session is not None and ctx.policy.problem:
        print(f"{PROG}: {ctx.policy.problem}", file=sys.stderr)
    logsetup.setup(ctx.paths, verbose=args.verbose)
    try:
        return _run(ctx, args, handler)
    finally:
        if ctx.session is not None:
            logsetup.setup_null()
            ctx.end()


def _run(ctx: AppContext, args: argparse.Namespace, handler: Handler) -> int:
    try:
        return handler(ctx, args)
    except ReaderError as exc:
        print(_("{PROG}: error: {exc}").format(PROG=PROG, exc=exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("{PROG}: interrupted; nothing was changed by the unfinished step")
              .format(PROG=PROG), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("unexpected error in %s", args.command)
        # name the log only if it is being written (a full or read-only disk silences it)
        where = (_(" (details in {log_file})")
                .format(log_file=ctx.paths.log_file)) if logsetup.writing() else ""
        print(_("{PROG}: unexpected error: {name__}: {exc}{where}")
              .format(PROG=PROG, name__=type(exc).__name__, exc=exc, where=where), file=sys.stderr)
        return EXIT_BUG


def main(argv: Sequence[str] | None = None) -> int:
    """Entry for subcommands; returns the exit code."""
    args = build_parser().parse_args(argv)
    return run(args, args.handler)
