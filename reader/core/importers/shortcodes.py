"""WordPress shortcodes (``[caption]``, ``[gallery]``...) to plain HTML.

WordPress only expands the shortcodes a site registered and shows any other
``[bracketed]`` text as written.  An archive has no plugins, so every shortcode
must become HTML or vanish; but prose brackets (``[sic]``, ``[1]``) must stay.
A bracket pair is taken for a shortcode when any of these hold:

========================  =====================================================
rule                       example
========================  =====================================================
known name                 ``[caption]``, ``[gallery]``, ``[embed]``, ``[toc]``
has a closing tag          ``[footnote]…[/footnote]``, ``[su_box]…[/su_box]``
is self-closing            ``[contact-field /]``
has ``name=value``         ``[button url="…"]``, ``[youtube=https://…]``
name has ``-`` or ``_``    ``[jetpack_subscription_form]``, ``[ez-toc]``
========================  =====================================================

``[[gallery]]`` is WordPress's escape and becomes the literal ``[gallery]``.
Unknown enclosing shortcodes keep their content; unknown standalone ones are
removed.  The parser follows WordPress's ``get_shortcode_regex`` (with a
generic name pattern instead of the registered-names list) but runs in linear
time: that regex searches to the end of the post for each opening tag's
closer, so 10,000 ``[caption`` took 22.7 s.  Here attributes stop at any
bracket (WordPress forbids brackets in them too) and each opening tag finds its
closer by a binary search in the closers' positions, found in one pass.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

_OPENER = re.compile(
    r"\[(\[?)"  # 1: [[ escape
    r"([A-Za-z][\w-]*)"  # 2: name
    r"(?![\w-])"
    r"([^\[\]/]*+(?:/(?!\])[^\[\]/]*+)*+)"  # 3: attributes
    r"(/?)\]",  # 4: self-closing
)
_CLOSER = re.compile(r"\[/([A-Za-z][\w-]*)\]")
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)

#: Standalone names that are shortcodes even without attributes (core, Jetpack, popular plugins).
KNOWN_STANDALONE = frozenset({
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "youtube", "vimeo",
    "toc", "contact-form", "contact-form-7", "gravityform", "wpforms", "mailpoet_form", "archives",
    "sitemap", "subscribe", "donate", "recent-posts", "googlemaps", "soundcloud", "spotify", "tweet",
    "twitter", "instagram", "slideshow", "ad", "ads", "adsense", "related", "share", "sharing",
})  # fmt: skip


@dataclass(frozen=True)
class Shortcode:
    """One parsed shortcode: its name, attributes, positional values and content."""

    name: str
    attrs: dict[str, str]
    positional: tuple[str, ...]
    content: str | None

    def get(self, *keys: str) -> str:
        for key in keys:
            if self.attrs.get(key):
                return self.attrs[key]
        return ""


#: A handler returns replacement HTML, or ``None`` for "not mine" (the generic rule applies).
Handler = Callable[[Shortcode], str | None]


def parse_attributes(text: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """WordPress's ``shortcode_parse_atts``: named values (lower-cased keys) and positional ones."""
    attrs: dict[str, str] = {}
    positional: list[str] = []
    text = text.replace("\u00a0", " ").replace("\u200b", " ")
    if text.startswith("="):  # Jetpack's [youtube=https://...]
        return attrs, (html.unescape(text[1:].strip()),)
    for match in _ATTRIBUTE.finditer(text):
        groups = match.groups()
        for key_index in (0, 2, 4):
            if groups[key_index]:
                attrs[groups[key_index].lower()] = html.unescape(groups[key_index + 1])
                break
        else:
            value = next(g for g in groups[6:] if g is not None)
            positional.append(html.unescape(value))
    return attrs, tuple(positional)


def _is_shortcode(name: str, attrs: str, self_closing: bool, content: str | None) -> bool:
    return (
        name.lower() in KNOWN_STANDALONE
        or content is not None
        or self_closing
        or "=" in attrs
        or "-" in name
        or "_" in name
    )


def expand(text: str, handler: Handler, *, depth: int = 0) -> str:
    """Replace every shortcode in ``text`` by what ``handler`` (or the generic rule) gives."""
    if "[" not in text or depth > 8:
        return text
    closers: dict[str, list[int]] = {}
    for found in _CLOSER.finditer(text):
        closers.setdefault(found.group(1), []).append(found.start())
    out: list[str] = []
    position = 0
    while (match := _OPENER.search(text, position)) is not None:
        escape_open, name, attrs, self_closing = match.groups()
        end = match.end()
        content = None
        if not self_closing:
            starts = closers.get(name, [])
            nearest = bisect_left(starts, end)
            if nearest < len(starts):  # enclosing: the content runs to the first closer of this name
                content = text[end : starts[nearest]]
                end = starts[nearest] + len(name) + 3
        escape_close = "]" if text.startswith("]", end) else ""
        end += len(escape_close)
        out.append(text[position : match.start()])
        if escape_open and escape_close:
            out.append(text[match.start() + 1 : end - 1])  # [[escaped]] → [escaped]
        elif not _is_shortcode(name, attrs, bool(self_closing), content):
            out.append(text[match.start() : end])
        else:
            parsed_attrs, positional = parse_attributes(attrs.strip())
            if content is not None:
                content = expand(content, handler, depth=depth + 1)
            result = handler(Shortcode(name.lower(), parsed_attrs, positional, content))
            out.append(escape_open + (content or "" if result is None else result) + escape_close)
        position = end
    out.append(text[position:])
    return "".join(out)
