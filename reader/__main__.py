"""``python -m reader`` and the ``reading-room`` entry point.

Subcommands go to the CLI (core only); no subcommand opens the window, whose
Qt import is deferred so the CLI starts fast and works without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reader import cli
from reader.cli import argparse_text
from reader.core import i18n

#: Files the window opens when given on the command line (a file manager's "Open with").
OPENABLE = (".rrpack", ".json", ".jsonld")
_VALUE_OPTIONS = ("--archive", "--data-dir", "--policy", "--lang")


def split_file(argv: Sequence[str]) -> tuple[list[str], Path | None]:
    """``reading-room-gui notes.rrpack``: take the file off, the rest is parsed as usual.

    Only without a subcommand (``notes export --output x.json`` keeps its file).
    """
    args = list(argv)
    if any(arg in cli.COMMANDS for arg in args):
        return args, None
    if (args and Path(args[-1]).suffix.lower() in OPENABLE and not args[-1].startswith("-")
            and (len(args) < 2 or args[-2] not in _VALUE_OPTIONS)):
        return args[:-1], Path(args[-1])
    return args, None


def requested_language(argv: Sequence[str]) -> str | None:
    """``--lang CODE`` or ``--lang=CODE`` if given, before the parser (whose help it translates) exists."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv, open_file = split_file(sys.argv[1:] if argv is None else argv)
    i18n.install(i18n.choose(requested_language(argv)))  # for --help; the policy and preference come later
    argparse_text.install()
    args = cli.build_parser().parse_args(argv)
    if args.command is not None:
        if open_file is not None:
            raise SystemExit(f"{cli.PROG}: error: unexpected file {open_file}")
        return cli.run(args, args.handler)
    from reader.app import run_gui

    return run_gui(args, open_file)


if __name__ == "__main__":
    sys.exit(main())
