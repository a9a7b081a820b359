"""Reading an archive's files without ever leaving the archive, within size caps.

An archive is data from anyone.  In a folder, ``articles/passwd.md`` may be a
symbolic link to ``/etc/passwd`` and ``assets`` a link to ``/``; so every
read resolves the path and refuses anything that lands outside the archive,
opens it without following a last-moment link, and refuses what is not a
regular file (a FIFO would block for ever).  In a zip, a member's declared size
is checked before a byte is inflated (1 GiB of zeros compresses to 1 MB), and
a damaged, encrypted or oddly compressed member is one unreadable file, never
an unopenable archive.  Every refusal is an :class:`Unreadable` whose message is
the reason, written for the user.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO

from reader.core.i18n import _

MIB = 1024 * 1024
MAX_ARTICLE_BYTES = 16 * MIB
MAX_ASSET_BYTES = 64 * MIB
_ENCRYPTED = 0x1
_UTF8_NAME = 0x800
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(
    os, "O_BINARY", 0)


class Unreadable(Exception):
    """A file of the archive we refuse or fail to read; ``str()`` is the reason."""


def _size(count: int) -> str:
    return (_("{value:.1f} MiB")
           .format(value=count / MIB)) if count >= MIB else _("{value:.0f} KiB").format(value=count / 1024)


def _too_large(size: int, limit: int) -> Unreadable:
    return Unreadable(_("it is too large ({size}; the limit is {size2})")
                      .format(size=_size(size), size2=_size(limit)))


def read_folder_file(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it really is a regular file inside ``root`` (already resolved).

    A missing file raises FileNotFoundError, like any read.
    """
    try:
        real = path.resolve(strict=True)
    except RuntimeError:  # a loop of links (Python 3.11)
        raise Unreadable(_("it is a loop of links")) from None
    if not real.is_relative_to(root):
        raise Unreadable(_("it is a link to a file outside the archive"))
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        raise Unreadable(_("it cannot be read ({value})").format(value=exc.strerror or exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(_("it is not a regular file"))
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        data = handle.read(info.st_size + 1)  # not read(limit): that allocates the whole limit
        if len(data) > info.st_size:  # it grew meanwhile
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def read_zip_member(zip_file: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member's bytes; a missing member raises KeyError."""
    info = zip_file.getinfo(name)
    if info.file_size > limit:
        raise _too_large(info.file_size, limit)
    if info.flag_bits & _ENCRYPTED:
        raise Unreadable(_("it is encrypted"))
    try:
        with zip_file.open(info) as handle:
            data = handle.read(limit + 1)
    except NotImplementedError:
        raise Unreadable(_("it is compressed with a method this program cannot read")) from None
    except (zipfile.BadZipFile, RuntimeError, zlib.error, EOFError, OSError, ValueError) as exc:
        raise Unreadable(_("it is damaged in the zip file ({exc})").format(exc=exc)) from exc
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def open_zip(path: Path) -> tuple[zipfile.ZipFile, set[str]]:
    """The zip file, and the base names of members whose name is flagged UTF-8 but is not.

    ``zipfile`` refuses the whole file for one such name; we clear the flag
    of those entries as the central directory is read (they then decode as
    cp437) and report them, so the other members stay readable.
    """
    try:
        return zipfile.ZipFile(path), set()
    except UnicodeDecodeError:
        pass
    raw = path.open("rb")
    try:
        patches, names = _bad_utf8_entries(raw)
        zip_file = _OwningZipFile(_Patched(raw, patches))
    except BaseException:
        raw.close()
        raise
    return zip_file, names


def _bad_utf8_entries(raw: IO[bytes]) -> tuple[dict[int, bytes], set[str]]:
    """(offset → new flag bytes, decoded names) for central-directory entries with a false UTF-8 flag."""
    size = raw.seek(0, os.SEEK_END)
    tail_start = max(0, size - 65536 - 22)
    raw.seek(tail_start)
    tail = raw.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        raise zipfile.BadZipFile("no end of central directory")
    cd_size = struct.unpack_from("<I", tail, end + 12)[0]
    start = tail_start + end - cd_size
    if cd_size == 0xFFFFFFFF or start < 0:
        raise zipfile.BadZipFile("a zip64 central directory with a bad file name")
    raw.seek(start)
    directory = raw.read(cd_size)
    patches: dict[int, bytes] = {}
    names: set[str] = set()
    pos = 0
    while pos + 46 <= len(directory) and directory[pos:pos + 4] == b"PK\x01\x02":
        flags = struct.unpack_from("<H", directory, pos + 8)[0]
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", directory, pos + 28)
        name = directory[pos + 46:pos + 46 + name_len]
        if flags & _UTF8_NAME:
            try:
                name.decode("utf-8")
            except UnicodeDecodeError:
                patches[start + pos + 8] = struct.pack("<H", flags & ~_UTF8_NAME)
                names.add(name.decode("cp437").rsplit("/", 1)[-1])
        pos += 46 + name_len + extra_len + comment_len
    return patches, names


class _OwningZipFile(zipfile.ZipFile):
    """A ZipFile over a file object it closes too (``zipfile`` leaves passed-in files open)."""

    def __init__(self, file: _Patched) -> None:
        super().__init__(file)
        self._owned = file

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._owned.close()


class _Patched(io.RawIOBase):
    """A file whose bytes at a few offsets read differently (the cleared flags)."""

    def __init__(self, raw: IO[bytes], patches: dict[int, bytes]) -> None:
        super().__init__()
        self._raw = raw
        self._patches = patches

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        start = self._raw.tell()
        data = self._raw.read(len(buffer))
        view = memoryview(buffer)
        view[:len(data)] = data
        for offset, patch in self._patches.items():
            for i, byte in enumerate(patch):
                if start <= offset + i < start + len(data):
                    view[offset + i - start] = byte
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()
