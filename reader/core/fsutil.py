"""File writes that never leave a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, *, private: bool = False, sync: bool = True) -> None:
    """Write to a temporary sibling, fsync, then rename over ``path``.

    A crash at any moment leaves either the old file or the new one, never a
    truncated mix: users' archives and notes go through here.  Files are
    readable by others (archives are shared) unless ``private``.  ``sync=False``
    skips the fsync, for files in a staging folder that is renamed into place
    (and synced) only once complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if not private:
            os.chmod(tmp_name, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, *, private: bool = False, sync: bool = True) -> None:
    """UTF-8 text with ``\\n`` line ends on every platform."""
    atomic_write_bytes(path, text.encode("utf-8"), private=private, sync=sync)
