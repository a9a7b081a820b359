#!/usr/bin/env python3
"""Keep the translation catalogues in step with the source (docs/translating.md).

    python scripts/i18n.py extract   # po/reading-room.pot from every _(), N_() and ngettext() in reader/
    python scripts/i18n.py update    # merge the template into po/*.po (new strings come in untranslated)
    python scripts/i18n.py compile   # po/*.po → resources/locale/<lang>/LC_MESSAGES/reading-room.mo
    python scripts/i18n.py init fr   # start po/fr.po for a new language from the template
    python scripts/i18n.py fill fr FILE.json   # put {msgid: msgstr} into po/fr.po (a translator's batch)

The tests (tests/unit/test_translations.py) extract again and fail on a string
that is missing, untranslated or fuzzy in a shipped language, or a .mo that is
older than its .po.  Babel is a development tool only: the app reads .mo files
with the standard library's gettext.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PO_DIR = REPO / "po"
LOCALE_DIR = REPO / "resources" / "locale"
DOMAIN = "reading-room"
TEMPLATE = PO_DIR / f"{DOMAIN}.pot"
PLURALS = {"fr": (2, "(n > 1)"), "es": (2, "(n != 1)")}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every marked string of ``reader/``, with where it is used."""
    catalog = Catalog(project="Reading Room", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, _context in extract_from_dir(
            str(REPO / "reader"), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        catalog.add(message, None, [(f"reader/{filename}", lineno)], auto_comments=comments)
    return catalog


def languages() -> list[str]:
    return sorted(p.stem for p in PO_DIR.glob("*.po"))


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False, no_location=True)
    path.write_bytes(buffer.getvalue())


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def cmd_extract() -> None:
    PO_DIR.mkdir(exist_ok=True)
    write(extract(), TEMPLATE)


def cmd_update() -> None:
    template = read(TEMPLATE)
    for lang in languages():
        path = PO_DIR / f"{lang}.po"
        catalog = read(path, lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        write(catalog, path)


def cmd_compile() -> None:
    for lang in languages():
        target = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compiled(read(PO_DIR / f"{lang}.po", lang)))


def cmd_init(lang: str) -> None:
    catalog = read(TEMPLATE, lang)
    catalog.locale = lang  # type: ignore[assignment]  (babel parses the code into a Locale)
    catalog.language_team = f"{lang} <reading-room@localhost>"
    catalog.fuzzy = False
    # Two forms, as gettext has always had them (CLDR's third French form is for millions).
    catalog._num_plurals, catalog._plural_expr = PLURALS.get(lang, (2, "(n != 1)"))
    write(catalog, PO_DIR / f"{lang}.po")


def cmd_fill(lang: str, batch: Path) -> None:
    path = PO_DIR / f"{lang}.po"
    catalog = read(path, lang)
    for msgid, msgstr in json.loads(batch.read_text(encoding="utf-8")).items():
        key = msgid if "\x00" not in msgid else tuple(msgid.split("\x00"))
        message = catalog.get(key[0] if isinstance(key, tuple) else key)
        if message is None:
            print(f"not in {lang}.po: {msgid!r}", file=sys.stderr)
            continue
        message.string = tuple(msgstr) if isinstance(msgstr, list) else msgstr
        message.flags.discard("fuzzy")
    write(catalog, path)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("extract", "update", "compile", "init", "fill"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "fill":
        cmd_fill(argv[1], Path(argv[2]))
    elif argv[0] == "init":
        cmd_init(argv[1])
    else:
        {"extract": cmd_extract, "update": cmd_update, "compile": cmd_compile}[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
