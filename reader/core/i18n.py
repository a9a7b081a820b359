"""The user's language: one gettext catalogue for the core, the CLI and the window.

Every user-visible sentence goes through :func:`_` (or :func:`ngettext`); tables
built at import time mark theirs with :func:`N_` and translate where they are
shown, because the language is chosen after the modules are imported.  The
language is, first to last: the policy's (a library may fix it), ``--lang``, the
user's preference, the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``).  ``ar-XB`` is a generated pseudo-locale, right to left and longer
than English, that shows layouts which would break in a real translation.
"""

from __future__ import annotations

import gettext as gettext_mod
import logging
import os
import re
import unicodedata
from collections.abc import Mapping
from importlib import resources

log = logging.getLogger("reader.i18n")

DOMAIN = "reading-room"
PSEUDO_RTL = "ar-XB"
#: The languages shipped, by code, each named in its own language (what the Preferences combo shows).
LANGUAGES: Mapping[str, str] = {"en": "English", "fr": "Français", "es": "Español",
                                PSEUDO_RTL: "Pseudo-Arabic (right-to-left test)"}
RTL_LANGUAGES = ("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb")
_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_current: gettext_mod.NullTranslations = gettext_mod.NullTranslations()
_language = "en"


def N_(message: str) -> str:  # the gettext convention, which extraction looks for
    """Mark ``message`` for extraction only: a table translates it later, where it is shown."""
    return message


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current.ngettext(singular, plural, count)


def language() -> str:
    """The code of the language in use (``en`` when nothing is installed)."""
    return _language


def normalize(code: str | None) -> str | None:
    """``fr_FR.UTF-8`` → ``fr``, ``ar-xb`` → ``ar-XB``; None for C/POSIX or a language we do not ship."""
    if not code:
        return None
    code = code.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    if code.lower() == PSEUDO_RTL.lower():
        return PSEUDO_RTL
    base = code.split("-", 1)[0].lower()
    return base if base in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The first shipped language the environment asks for, as gettext reads it; else English.

    ``LANGUAGE`` may list several (``fr:es``); ``C``/``POSIX`` mean English.
    """
    env = os.environ if environ is None else environ
    for name in _ENV_ORDER:
        value = env.get(name, "")
        if not value:
            continue
        if name == "LANGUAGE":
            for part in value.split(":"):
                if (found := normalize(part)) is not None:
                    return found
            continue
        return normalize(value) or "en"
    return "en"


def choose(requested: str | None = None, preference: str | None = None, *, policy: str | None = None,
           environ: Mapping[str, str] | None = None) -> str:
    """The language to use: the policy's, else ``--lang``, else the preference, else the system's."""
    for candidate in (policy, requested, preference):
        if (found := normalize(candidate)) is not None:
            return found
    return system_language(environ)


def is_rtl(code: str | None) -> bool:
    """Whether text in ``code`` (a UI language or an article's ``lang``) reads right to left."""
    if not code:
        return False
    if code.strip().lower() == PSEUDO_RTL.lower():
        return True
    return code.strip().replace("_", "-").split("-", 1)[0].lower() in RTL_LANGUAGES


def text_direction(language: str | None, sample: str = "") -> str:
    """``"rtl"`` or ``"ltr"`` for an article: most of its letters decide (an Arabic article in an
    English archive reads right to left), else its archive's ``language``."""
    rtl = ltr = 0
    for ch in sample:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    if rtl or ltr:
        return "rtl" if rtl > ltr else "ltr"
    return "rtl" if is_rtl(language) else "ltr"


def catalogue(code: str) -> gettext_mod.NullTranslations:
    """The translations for ``code``: the shipped ``.mo``, the pseudo-locale, or English as written."""
    if code == PSEUDO_RTL:
        return PseudoTranslations()
    if code == "en":
        return gettext_mod.NullTranslations()
    mo = resources.files("reader.resources").joinpath("locale", code, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with mo.open("rb") as handle:
            return gettext_mod.GNUTranslations(handle)
    except OSError as exc:
        log.warning("no catalogue for %s, using English: %s", code, exc)
        return gettext_mod.NullTranslations()


def install(code: str) -> str:
    """Use ``code`` from now on (an unknown code means English); returns the code in use."""
    global _current, _language
    code = normalize(code) or "en"
    _current = catalogue(code)
    _language = code
    log.debug("language: %s", code)
    return code


# -- the pseudo-locale ------------------------------------------------------------------------

RLM, RLE, PDF = "\u200f", "\u202b", "\u202c"
TATWEEL = "\u0640"  # the Arabic joining stroke: pads a string the way a longer translation would
PSEUDO_GROWTH = 1.4  # German and French often run 30-40% longer than English
#: What a translation must keep as written: placeholders, HTML tags and entities, %-formats, keys.
_KEEP = re.compile(r"\{[^{}]*\}|<[^<>]+>|&[a-z]+;|%(?:\([a-z_]+\))?[sdvmpr]|(?:Ctrl|Shift|Alt)\+\S+|F\d+\b")
_VOWELS = str.maketrans({"a": "aa", "e": "ee", "o": "oo", "A": "AA", "E": "EE", "O": "OO"})
# Letters of the Arabic alphabet, so the text is really right-to-left script (and shapes, joins).
_LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz", "ابتثجحخدذرزسشصضطظعغفقكلمنه", strict=False))


def pseudo(message: str) -> str:
    """``&Open archive…`` → an Arabic-lettered string 40% longer, wrapped in right-to-left marks.

    Each Latin letter maps to its own Arabic letter, so accelerators stay unique
    per menu; placeholders, tags and key names are kept as written.
    """
    out: list[str] = []
    last = 0
    for match in _KEEP.finditer(message):
        out.append(_pseudo_text(message[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_pseudo_text(message[last:]))
    text = "".join(out)
    text += TATWEEL * max(0, round(len(message) * PSEUDO_GROWTH) - len(text))
    return f"{RLM}{RLE}{text}{PDF}{RLM}" if message.strip() else message


def _pseudo_text(text: str) -> str:
    longer = text.translate(_VOWELS)
    return "".join(_LETTERS.get(ch.lower(), ch) for ch in longer)


class PseudoTranslations(gettext_mod.NullTranslations):
    """The ``ar-XB`` pseudo-locale, made from the English strings as they are asked for."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
