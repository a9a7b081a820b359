"""Which index folders we agree to open.

Whoosh stores its schema, segment lists and stored fields as pickles, and
unpickling runs code.  An archive is data that may come from anyone, so an
``index/`` folder found inside it is opened only if it is the bundled
archive's (we shipped it) or if this user's Reading Room wrote it: we record a
fingerprint of every index we write (table of contents bytes, file names and
sizes) in the user data dir and compare before opening.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reader.core.fsutil import atomic_write_text
from reader.core.paths import Paths

TRUST_FILE = "trusted-indexes.json"


def fingerprint(index_dir: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(index_dir.iterdir()):
        if path.name.startswith("."):
            continue
        digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
        if path.suffix == ".toc":
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _load(paths: Paths) -> dict[str, str]:
    try:
        data = json.loads((paths.data / TRUST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def register(paths: Paths, index_dir: Path) -> None:
    """Remember an index we just wrote."""
    data = _load(paths)
    data[str(index_dir.resolve())] = fingerprint(index_dir)
    paths.data.mkdir(parents=True, exist_ok=True)
    atomic_write_text(paths.data / TRUST_FILE, json.dumps(data, indent=1, sort_keys=True), private=True)


def is_trusted(paths: Paths, index_dir: Path) -> bool:
    return status(paths, index_dir) == "trusted"


def status(paths: Paths, index_dir: Path) -> str:
    """``trusted``; ``changed`` (we wrote it, then it changed: damage); or ``unknown``."""
    expected = _load(paths).get(str(index_dir.resolve()))
    if expected is None:
        return "unknown"
    try:
        return "trusted" if expected == fingerprint(index_dir) else "changed"
    except OSError:
        return "changed"


def writable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def admin_installed(index_dir: Path, *, me: int | None = None, admins: tuple[int, ...] = (0,)) -> bool:
    """An index only an administrator could have put there: a library's installed archive.

    POSIX: the archive folder, the index folder and every file in it belong
    to an administrator (root) who is not the current user, and nobody else
    may write them.  Another ordinary user's folder never qualifies (they
    could plant pickles); neither does anything we could have written
    ourselves, such as an unpacked download with read-only modes.  Windows:
    inside Program Files and not writable by us.
    """
    if os.name == "nt":
        roots = [os.environ.get(key) for key in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
        resolved = index_dir.resolve()
        inside = any(root and resolved.is_relative_to(Path(root).resolve()) for root in roots)
        return inside and not os.access(index_dir, os.W_OK)
    me = os.getuid() if me is None else me
    try:
        paths = [index_dir.parent, index_dir, *index_dir.iterdir()]
        for path in paths:
            info = path.stat()
            if info.st_uid == me or info.st_uid not in admins or info.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True
