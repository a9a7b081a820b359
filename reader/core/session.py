"""Ephemeral sessions for public computers: one private folder, wiped at the end.

In public mode every file the app writes (notes, reading history, settings,
index cache, log) goes under one folder made with ``mkdtemp`` (mode 0700) in
the system temp dir, and the ``XDG_*`` and ``TMPDIR`` variables point into it
so the libraries under us (Qt, fontconfig, Mesa) write there too.  Ending the
session deletes the folder.  A session folder holds a lock while its process
lives; one whose lock is free was left by a crash or a power cut and is
wiped on the next start.  Only folders of the current OS user are touched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO

from reader.core.paths import Paths

log = logging.getLogger("reader.session")

PREFIX = "reading-room-session-"
LOCK_NAME = ".lock"
#: Variables that tell libraries where to write, pointed into the session.
REDIRECTED = {
    "XDG_CACHE_HOME": "cache-home",
    "XDG_CONFIG_HOME": "config-home",
    "XDG_DATA_HOME": "data-home",
    "XDG_STATE_HOME": "state-home",
    "TMPDIR": "tmp",
}


def _lock(path: Path) -> IO[str] | None:
    """Hold an exclusive lock on ``path``; ``None`` when another process holds it."""
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the session's life
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _mine(path: Path) -> bool:
    return os.name == "nt" or path.stat().st_uid == os.getuid()


def wipe_stale(temp_dir: Path | None = None) -> list[Path]:
    """Delete session folders of this user that no live process holds; returns them."""
    base = Path(temp_dir or tempfile.gettempdir())
    wiped = []
    for folder in base.glob(f"{PREFIX}*"):
        try:
            if not folder.is_dir() or folder.is_symlink() or not _mine(folder):
                continue
        except OSError:
            continue
        lock_path = folder / LOCK_NAME
        if lock_path.exists():
            handle = _lock(lock_path)
            if handle is None:
                continue  # a live session
            handle.close()
        elif time.time() - folder.stat().st_mtime < 10:
            continue  # just made by a starting process that has not locked it yet
        shutil.rmtree(folder, ignore_errors=True)
        wiped.append(folder)
        log.warning("wiped %s, left by a session that did not end", folder)
    return wiped


class Session:
    """One patron's folder; :meth:`end` deletes it."""

    def __init__(self, root: Path, lock: IO[str] | None) -> None:
        self.root = root
        self._lock = lock
        self._saved_env: dict[str, str | None] = {}

    @classmethod
    def start(cls, temp_dir: Path | None = None) -> Session:
        base = Path(temp_dir or os.environ.get("READING_ROOM_SESSION_TMP") or tempfile.gettempdir())
        wipe_stale(base)
        root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))  # 0700: only this user
        lock = _lock(root / LOCK_NAME)
        log.info("public session in %s", root)
        return cls(root, lock)

    @property
    def paths(self) -> Paths:
        return Paths.under(self.root / "app")

    @property
    def active(self) -> bool:
        return self.root.exists()

    def redirect_environment(self) -> None:
        """Point XDG dirs and TMPDIR into the session (before Qt starts)."""
        for name, sub in REDIRECTED.items():
            folder = self.root / sub
            folder.mkdir(mode=0o700, exist_ok=True)
            self._saved_env.setdefault(name, os.environ.get(name))
            os.environ[name] = str(folder)
        tempfile.tempdir = None  # re-read TMPDIR

    def restore_environment(self) -> None:
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env.clear()
        tempfile.tempdir = None

    def end(self) -> None:
        """Delete everything of the session.  Safe to call twice."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        shutil.rmtree(self.root, ignore_errors=True)
        if self.root.exists():  # a file held open elsewhere (Windows): say so, try again at next start
            log.error("could not delete all of %s", self.root)
        else:
            log.info("public session ended; %s deleted", self.root)
