"""The shipped catalogues are complete: every string the code marks is translated, and compiled.

Extraction runs here (Babel, as scripts/i18n.py does), so a string added without a
translation fails the suite until ``scripts/i18n.py extract && update`` and a translator's
pass (docs/translating.md).
"""

from __future__ import annotations

import gettext
import importlib.util
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = ("fr", "es")


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", REPO / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_tool"] = module
    spec.loader.exec_module(module)
    return module


tool = _tool()
SOURCE = tool.extract()


def _ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}|%\(?\w*\)?[sdvmr]", text))


def test_template_is_up_to_date() -> None:
    assert _ids(tool.read(tool.TEMPLATE)) == _ids(SOURCE), "run: python scripts/i18n.py extract"


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_string_is_translated(lang: str) -> None:
    catalog = tool.read(tool.PO_DIR / f"{lang}.po", lang)
    missing = _ids(SOURCE) - _ids(catalog)
    assert missing == set(), f"run: python scripts/i18n.py update, then translate {lang}.po"
    unfinished = [m.id for m in catalog if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else [m.string]))]
    assert unfinished == [], f"untranslated or fuzzy in {lang}.po"
    assert not catalog.obsolete


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_placeholders_and_accelerators(lang: str) -> None:
    for message in tool.read(tool.PO_DIR / f"{lang}.po", lang):
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for form, translated in enumerate(strings):
            source = ids[min(form, len(ids) - 1)]  # a singular may say "once" where the plural has {count}
            assert _placeholders(translated) == _placeholders(source), (message.id, translated)
            has_key = re.search(r"&\w", ids[0]) is not None
            assert (re.search(r"&\w", translated) is not None) == has_key, (message.id, translated)


@pytest.mark.parametrize("lang", SHIPPED)
def test_compiled_catalogue_matches_its_po(lang: str) -> None:
    mo = REPO / "resources" / "locale" / lang / "LC_MESSAGES" / "reading-room.mo"
    with mo.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    catalog = tool.read(tool.PO_DIR / f"{lang}.po", lang)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            assert shipped.gettext(message.id) == message.string, "run: python scripts/i18n.py compile"
        else:
            assert shipped.ngettext(*message.id, 1) == message.string[0]
            assert shipped.ngettext(*message.id, 5) == message.string[-1]
