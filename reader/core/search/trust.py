"""Which index folders we agree to open.

Whoosh stores its schema, segment lists and stored fields as pickles, and
unpickling runs code.  An archive is data that may come from anyone, so an
``index/`` folder found inside it is opened only if it is the bundled
archive's (we shipped it), an administrator's (see :func:`admin_installed`),
or if this user's Reading Room wrote it *and not a byte changed since*: we
record a keyed hash (BLAKE2b with a random key kept only in the user's data
dir) of every file of every index we write, and compare before opening.
Somebody who can write a shared archive's ``index/`` cannot forge it without
the key; a same-size swap or damage fails the check, and the index is then
rebuilt in the user's cache, never unpickled.

Hashing a 400 MB index costs about a second, on every open.  So beside the
digest we keep a keyed MAC of each file's identity (name, size, mtime, ctime,
inode, device): when every file still has the identity it had when we hashed
it, the bytes are the ones we hashed, and the open costs one ``stat`` per file.
Changing a file's bytes sets its ctime to the current time, which only the
system's clock (root) can fake, and a replaced file is a new inode; any such
change, or a copy of the folder, falls back to hashing every byte again.
File times tick coarsely (a few ms), so, as git does for its index, an
identity is recorded only once every file is older than ``SETTLED_NS``: a
write in the same tick as our hashing could otherwise keep its times.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import stat
import time
from pathlib import Path

from reader.core.fsutil import atomic_write_text
from reader.core.paths import Paths

TRUST_FILE = "trusted-indexes-v2.json"  # v1 hashed names and sizes only: its entries are not trusted
KEY_FILE = "index-key"
KEY_BYTES = 32
_CHUNK = 1 << 20
SETTLED_NS = 2_000_000_000

log = logging.getLogger("reader.search")


def _key(paths: Paths, *, create: bool) -> bytes | None:
    """This user's secret key; made once (atomically, never replaced) when ``create``."""
    path = paths.data / KEY_FILE
    try:
        key = path.read_bytes()
        return key if len(key) == KEY_BYTES else None
    except FileNotFoundError:
        if not create:
            return None
    paths.data.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_BYTES))
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(tmp, path)  # fails if another process made the key first: theirs is kept
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return _key(paths, create=False)


def fingerprint(index_dir: Path, key: bytes) -> str:
    """A keyed hash of every file's name and bytes; anything but a regular file fails."""
    digest = hashlib.blake2b(key=key, digest_size=32)
    for path in sorted(index_dir.iterdir()):
        if path.name.startswith("."):
            continue
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise OSError(f"{path.name} is not a regular file")
            digest.update(f"{path.name}\0{info.st_size}\0".encode())
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def identity(index_dir: Path, key: bytes) -> tuple[str, bool]:
    """A keyed hash of every file's name and identity (see the module docstring), no contents;
    and whether every file is settled (last changed more than ``SETTLED_NS`` ago)."""
    digest = hashlib.blake2b(key=key, digest_size=32, person=b"rr-identity")
    newest = 0
    for path in sorted(index_dir.iterdir()):
        if path.name.startswith("."):
            continue
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path.name} is not a regular file")
        digest.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0"
                      f"{info.st_ino}\0{info.st_dev}\0".encode())
        newest = max(newest, info.st_ctime_ns, info.st_mtime_ns)
    return digest.hexdigest(), newest < time.time_ns() - SETTLED_NS


def _load(paths: Paths) -> dict[str, object]:
    try:
        data = json.loads((paths.data / TRUST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def register(paths: Paths, index_dir: Path) -> None:
    """Remember an index we just wrote; if the data dir is not writable, it simply stays untrusted."""
    try:
        key = _key(paths, create=True)
        assert key is not None
        before, settled = identity(index_dir, key)
        entry = {"digest": fingerprint(index_dir, key)}
        if settled and identity(index_dir, key)[0] == before:  # nobody wrote while we hashed
            entry["identity"] = before
        _record(paths, index_dir, entry)
    except (OSError, AssertionError) as exc:
        log.warning("cannot record the index in %s as ours (%s); it is rebuilt next time", index_dir, exc)


def _record(paths: Paths, index_dir: Path, entry: dict[str, str]) -> None:
    data = _load(paths)
    data[str(index_dir.resolve())] = entry
    atomic_write_text(paths.data / TRUST_FILE, json.dumps(data, indent=1, sort_keys=True), private=True)


def is_trusted(paths: Paths, index_dir: Path) -> bool:
    return status(paths, index_dir) == "trusted"


def status(paths: Paths, index_dir: Path) -> str:
    """``trusted``; ``changed`` (we wrote it, then a byte changed: damage or tampering); or ``unknown``."""
    entry = _load(paths).get(str(index_dir.resolve()))
    if isinstance(entry, str):  # written before identities were kept
        entry = {"digest": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("digest"), str):
        return "unknown"
    try:
        key = _key(paths, create=False)
        if key is None:
            return "unknown"
        known = entry.get("identity")
        now, settled = identity(index_dir, key)
        if isinstance(known, str) and hmac.compare_digest(known, now):
            return "trusted"  # every file as it was when its bytes were hashed
        if not hmac.compare_digest(entry["digest"], fingerprint(index_dir, key)):
            return "changed"
    except OSError:
        return "changed"
    if settled and identity(index_dir, key)[0] == now:  # the same bytes, a new identity (a touch, a copy)
        with contextlib.suppress(OSError):
            _record(paths, index_dir, {"digest": entry["digest"], "identity": now})
    return "trusted"


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
