#!/usr/bin/env python3
"""Take PNG screenshots of the real main window (offscreen unless a display is set).

    python scripts/screenshots.py [--out docs/screenshots] [--archive PATH]

The window is built by the same code as ``reading-room`` (``reader.app``), shown,
given time to lay out and paint, then grabbed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--archive", type=Path, default=None)
    parser.add_argument("--size", default="1200x760")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import tempfile

    from PySide6.QtCore import QEventLoop, QTimer

    from reader.app import create_window

    with tempfile.TemporaryDirectory() as data_dir:
        app_args = argparse.Namespace(archive=args.archive, data_dir=Path(data_dir), verbose=False)
        _app, window = create_window(app_args)
        width, height = (int(v) for v in args.size.split("x"))
        window.resize(width, height)
        window.show()
        loop = QEventLoop()
        QTimer.singleShot(500, loop.quit)
        loop.exec()
        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / "main-light.png"
        if not window.grab().save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target)
        window.close()
        window.archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
