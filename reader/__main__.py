"""``python -m reader`` and the ``reading-room`` entry point.

Subcommands go to the CLI (core only); no subcommand opens the window, whose
Qt import is deferred so the CLI starts fast and works without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from reader import cli


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv)
    if args.command is not None:
        return cli.run(args, args.handler)
    from reader.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
