#!/usr/bin/env python3
"""PNG screenshots of public-computer mode: the banner, and the idle countdown.

    python scripts/screenshots_public.py [--out docs/screenshots]

Starts the app as ``reading-room`` does (``reader.app.start``) under a
public-mode policy, with its own temporary HOME, TMPDIR and XDG dirs, and
runs the idle timeout on a fake clock.  Look at every PNG it writes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import settle, shoot  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    machine = Path(tempfile.mkdtemp(prefix="rr-public-shots-"))
    for name in ("home", "tmp", "usb"):
        (machine / name).mkdir()
    policy = machine / "policy.toml"
    policy.write_text(f'public_mode = true\nidle_timeout_minutes = 10\ntheme = "light"\n'
                      f'export_dirs = ["{machine / "usb"}"]\n', encoding="utf-8")
    os.environ |= {"HOME": str(machine / "home"), "TMPDIR": str(machine / "tmp"),
                   "READING_ROOM_POLICY": str(policy)}
    args.out.mkdir(parents=True, exist_ok=True)

    from reader.app import start
    from reader.cli import build_parser

    app, window, public = start(build_parser().parse_args([]))
    assert public is not None and public.idle is not None
    now = [0.0]
    public.idle.clock = lambda: now[0]
    public.idle.last_input = 0.0
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    settle(app, lambda: window.index_keeper.index is not None, timeout=30)
    shoot(window, args.out / "public-banner.png")

    now[0] = public.policy.idle_seconds + 13  # 13 s into the 60-second countdown
    public.idle.tick()
    settle(app)
    shoot(window, args.out / "public-countdown.png")
    public.shutdown()
    shutil.rmtree(machine, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
