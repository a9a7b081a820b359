"""Bytes of a saved web page to text, the way a browser would decide.

Order: a byte-order mark; then the charset the page declares
(``<meta charset>`` or ``http-equiv="Content-Type"``) in its first bytes; then
UTF-8; then detection (charset-normalizer).  As browsers do (WHATWG), a page
declaring ``iso-8859-1`` or ``us-ascii`` is read as ``windows-1252``, which
only adds characters (curly quotes, €) where Latin-1 has control codes.
"""

from __future__ import annotations

import codecs
import re

from reader.core.errors import SourceError
from reader.core.i18n import _

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: How far into the page a browser looks for the declaration.
PRESCAN_BYTES = 4096
_DECLARED = re.compile(
    rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE
)
#: WHATWG's labels that mean windows-1252 to every browser.
_CONTROLS = (*range(0, 9), 11, 12, *range(14, 27), *range(28, 32))
_AS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819", "iso-ir-100"}


def declared_charset(data: bytes) -> str | None:
    """The codec the page names in its ``<meta>``, if Python knows it."""
    found = _DECLARED.search(data[:PRESCAN_BYTES])
    if not found:
        return None
    label = found.group(1).decode("ascii", "ignore").strip().lower()
    if label in _AS_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name.startswith("utf-16") else name  # a byte page cannot really be UTF-16


def decode_page(data: bytes, name: str) -> str:
    """The page's text; a page that cannot be decoded is one :class:`SourceError` naming ``name``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break
    if _binary(data):
        raise SourceError(_("{name}: cannot tell which text encoding this page uses (is it a web "
                            "page?)").format(name=name))
    declared = declared_charset(data)
    for codec in (declared, "utf-8"):
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    return _detect(data)


def _binary(data: bytes) -> bool:
    """NUL bytes, or more than 1 % control codes a text never has: an image or archive, not a page."""
    controls = sum(data.count(bytes([code])) for code in _CONTROLS)
    return b"\x00" in data or controls > len(data) // 100


def _detect(data: bytes) -> str:
    """charset-normalizer's guess; among equally good guesses, windows-1252 (the browsers' default)."""
    from charset_normalizer import from_bytes  # only legacy pages pay for its import

    results = list(from_bytes(data))
    if not results:
        return data.decode("cp1252", errors="replace")
    best = min(match.chaos for match in results)
    tied = [match for match in results if match.chaos <= best]
    chosen = next((match for match in tied if match.encoding == "cp1252"), tied[0])
    return str(chosen)
