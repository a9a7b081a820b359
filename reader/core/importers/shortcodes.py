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
removed.  The parser is WordPress's ``get_shortcode_regex`` with a generic
name pattern instead of the registered-names list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_SHORTCODE = re.compile(
    r"\[(\[?)"  # 1: [[ escape
    r"([A-Za-z][\w-]*)"  # 2: name
    r"(?![\w-])"
    r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"  # 3: attributes
    r"(?:(/)\]"  # 4: self-closing
    r"|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"  # 5: content
    r"(\]?)",  # 6: ]] escape
    re.DOTALL,
)
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


def _is_shortcode(match: re.Match[str]) -> bool:
    name, attrs = match.group(2), match.group(3)
    return (
        name.lower() in KNOWN_STANDALONE
        or match.group(5) is not None
        or match.group(4) is not None
        or "=" in attrs
        or "-" in name
        or "_" in name
    )


def expand(text: str, handler: Handler, *, depth: int = 0) -> str:
    """Replace every shortcode in ``text`` by what ``handler`` (or the generic rule) gives."""
    if "[" not in text or depth > 8:
        return text

    def replace(match: re.Match[str]) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[escaped]] → [escaped]
        if not _is_shortcode(match):
            return match.group(0)
        attrs, positional = parse_attributes(match.group(3).strip())
        content = match.group(5)
        if content is not None:
            content = expand(content, handler, depth=depth + 1)
        code = Shortcode(match.group(2).lower(), attrs, positional, content)
        result = handler(code)
        if result is None:
            result = content or ""
        return match.group(1) + result + match.group(6)

    return _SHORTCODE.sub(replace, text)
