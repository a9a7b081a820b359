#!/usr/bin/env python3
"""PNG screenshots of the WordPress sample posts (issue 16) in the real window, light and dark.

    python scripts/screenshots_render.py [--out docs/screenshots] [--size 1366x768]

Imports tests/fixtures/wxr/render-samples.xml with its uploads (``--media``) through
the real WordPress importer, opens the archive in the real main window (offscreen
unless a display is set) and saves ``render-<post>-<theme>.png`` for each post:
formatting, nested lists, image alignment, gallery and code.  Look at every PNG.
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

FIXTURES = REPO / "tests" / "fixtures" / "wxr"
POSTS = ("html-tags-and-formatting", "nested-and-mixed-lists", "image-alignment", "gallery", "code")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--scroll", type=float, default=0.0, help="fraction of the article to scroll down")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="rr-render-shots-"))
    from reader.core import paths as pathsmod
    from reader.core.importing import WxrOptions, import_wxr

    import_wxr(work / "site", FIXTURES / "render-samples.xml", pathsmod.Paths.under(work / "data"),
               WxrOptions(media=FIXTURES / "render-uploads"))
    app, window = open_window(work / "site", work / "data", args.size)
    args.out.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        window.actions_by_name[f"theme_{theme}"].trigger()
        for post in POSTS:
            window.open_article(post)
            settle(app)
            bar = window.article_view.verticalScrollBar()
            bar.setValue(int(bar.maximum() * args.scroll))
            settle(app)
            shoot(window, args.out / f"render-{post}-{theme}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
