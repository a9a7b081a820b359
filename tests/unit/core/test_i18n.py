"""The language: how it is chosen, the pseudo-locale, and an article's direction (no Qt)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.core import i18n
from reader.core.i18n import _, ngettext


def test_system_language_follows_gettext_order() -> None:
    assert i18n.system_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.system_language({"LC_ALL": "es_ES.UTF-8", "LANG": "fr_FR.UTF-8"}) == "es"
    assert i18n.system_language({"LANGUAGE": "de:es", "LANG": "fr_FR.UTF-8"}) == "es"  # de is not shipped
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.system_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert i18n.system_language({}) == "en"


def test_policy_beats_the_command_line_which_beats_the_preference() -> None:
    env = {"LANG": "fr_FR.UTF-8"}
    assert i18n.choose(None, "", environ=env) == "fr"
    assert i18n.choose(None, "es", environ=env) == "es"
    assert i18n.choose("en", "es", environ=env) == "en"
    assert i18n.choose("en", "es", policy="fr", environ={}) == "fr"
    assert i18n.choose("xx", "", environ=env) == "fr"  # an unknown request falls through


def test_install_translates_and_english_is_the_source() -> None:
    assert i18n.install("fr_FR.UTF-8") == "fr"
    assert _("&Quit") == "&Quitter"
    assert ngettext("{count} result", "{count} results", 1).format(count=1) == "1 résultat"
    assert ngettext("{count} result", "{count} results", 3).format(count=3) == "3 résultats"
    assert i18n.install("es") == "es" and _("&Quit") == "&Salir"
    assert i18n.install("xx") == "en" and _("&Quit") == "&Quit"


def test_pseudo_locale_is_longer_right_to_left_and_keeps_what_code_needs() -> None:
    text = "&Open {count} archives in <b>{folder!r}</b> (Ctrl+O)…"
    shown = i18n.pseudo(text)
    assert shown.startswith(i18n.RLM + i18n.RLE) and shown.endswith(i18n.PDF + i18n.RLM)
    assert len(shown) > 1.2 * len(text)
    for kept in ("{count}", "{folder!r}", "<b>", "</b>", "Ctrl+O"):
        assert kept in shown
    assert shown.count("&") == 1
    assert not re.search("[a-zA-Z]", re.sub(r"\{[^}]*\}|<[^>]*>|Ctrl\+O", "", shown))
    assert shown.format(count=2, folder="x")  # still a valid format string


@given(st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=8, unique=True))
def test_pseudo_keeps_accelerators_unique(letters: list[str]) -> None:
    keys = [i18n.pseudo(f"&{letter}ction").split("&", 1)[1][0] for letter in letters]
    assert len(set(keys)) == len(letters)


def test_rtl_languages_and_article_direction() -> None:
    assert i18n.is_rtl("ar") and i18n.is_rtl("he-IL") and i18n.is_rtl("ar-XB") and not i18n.is_rtl("fr")
    assert i18n.text_direction("en", "مرحبا بالعالم، هذا نص عربي with a few English words") == "rtl"
    assert i18n.text_direction("ar", "An English article in an Arabic archive") == "ltr"
    assert i18n.text_direction("he", "1234 — 5678") == "rtl"  # no letters: the archive's language
    assert i18n.text_direction("", "") == "ltr"
