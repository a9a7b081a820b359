"""What every command shares: the common options, the archive to work on, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.core import paths as pathsmod
from reader.core import policy as policy_mod
from reader.core.archive import Archive
from reader.core.i18n import _
from reader.core.usecases import AppContext

PROG = "reading-room"


def add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--archive``, ``--data-dir``, ``--policy`` and ``-v`` on every (sub)command."""
    # Sub-parsers use SUPPRESS so a value given before the subcommand survives.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--archive", type=Path, default=default, metavar="PATH",
                        help=_("archive folder or .zip (default: the bundled archive)"))
    parser.add_argument("--data-dir", type=Path, default=default, metavar="DIR",
                        help=_("write every file (data, cache, config, log) under DIR (also "
                               "${ENV_DATA_DIR})").format(ENV_DATA_DIR=pathsmod.ENV_DATA_DIR))
    parser.add_argument("--policy", type=Path, default=default, metavar="FILE",
                        help=_("an administrator's policy file (also ${ENV_POLICY}; default: the "
                               "system's, see docs/for-libraries.md)")
                        .format(ENV_POLICY=policy_mod.ENV_POLICY))
    parser.add_argument("--lang", default=default, metavar="CODE",
                        help=_("the language of messages: en, fr, es (default: the preference, else the "
                               "system's)"))
    parser.add_argument("-v", "--verbose", action="store_true",
                        default=False if top else argparse.SUPPRESS, help=_("log to stderr too"))


def load_archive(ctx: AppContext, args: argparse.Namespace) -> Archive:
    """The archive named by ``--archive`` (or the default one); unreadable files go to stderr."""
    archive = ctx.open_archive(args.archive)
    for problem in archive.problems:
        warn(_("warning: {problem}").format(problem=problem))
    return archive


def warn(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
