#!/usr/bin/env python3
"""PNG screenshot of a post imported from a WordPress export, in the real window.

    python scripts/screenshots_wxr.py [--out docs/screenshots] [--export FILE]

Imports the export (default: tests/fixtures/wxr/example-1.2.xml) with the same
code as ``reading-room import``, opens the archive as ``reading-room`` does and
shows the post with an image link, a block quote and a list.  Look at the PNG.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import open_window, settle, shoot  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--export", type=Path,
                        default=REPO / "tests" / "fixtures" / "wxr" / "example-1.2.xml")
    parser.add_argument("--article", default="hasnt-socialism-been-tried")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="rr-wxr-shots-"))
    from reader.core import paths as pathsmod
    from reader.core.importing import import_wxr

    report = import_wxr(work / "site", args.export, pathsmod.Paths.under(work / "data"))
    print(f"imported {len(report.imported)} posts into {work / 'site'}")
    app, window = open_window(work / "site", work / "data", args.size)
    window.actions_by_name["theme_light"].trigger()
    window.open_article(args.article)
    settle(app)
    bar = window.article_view.verticalScrollBar()
    bar.setValue(int(bar.maximum() * 0.12))
    settle(app)
    args.out.mkdir(parents=True, exist_ok=True)
    shoot(window, args.out / "wxr-imported-post.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
