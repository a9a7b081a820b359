"""Numbers as little-endian bytes: the byte order of every side file, on every machine."""

from __future__ import annotations

import sys
from array import array


def little(numbers: array) -> bytes:
    if sys.byteorder != "little":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def from_little(typecode: str, data: bytes, count: int | None = None) -> array:
    """The numbers in ``data``; ``ValueError`` if there are not ``count`` of them (a truncated file)."""
    numbers = array(typecode)
    numbers.frombytes(data)
    if count is not None and len(numbers) != count:
        raise ValueError(f"expected {count} numbers, found {len(numbers)}: the file is truncated")
    if sys.byteorder != "little":
        numbers.byteswap()
    return numbers
