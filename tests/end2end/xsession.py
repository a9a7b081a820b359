"""A private desktop for accessibility checks: an Xvfb display and the environment for a
``dbus-run-session`` in which the app, the AT-SPI bus and a screen reader (or our walker)
meet.  Used by test_atspi.py and orca_transcript.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A fresh X display on a free number (Xvfb writes the number it took to a pipe)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten",
                             "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{number}"


def session_env(display: str, root: Path) -> dict[str, str]:
    """This environment without the desktop's buses, pointed at ``display`` and a data dir in ``root``."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS", "WAYLAND_DISPLAY")}
    env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "READING_ROOM_DATA_DIR": str(root / "data"), "HOME": str(root)}
    return env
