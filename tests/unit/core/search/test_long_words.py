"""Any prefix of three or more letters finds a long word, on an archive made by a real import.

Two ways this failed: completions were counted in the body only, so a word
found only in titles (WordPress's 85-letter test title) completed to nothing;
and Whoosh's parser hands a prefix over analyzed ("happy*" arrives as
"happi*"), so prefixes that end where the stemmer rewrites found nothing.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.paths import resolve
from reader.core.search import SearchIndex
from reader.core.usecases.context import AppContext
from reader.core.usecases.importing import ImportRequest, import_into
from tests.unit.core.importers.wxr_builder import item, wxr

HILL = "Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu"  # 85 letters
DISH = ("Lopadotemachoselachogaleokranioleipsanodrimhypotrimmatosilphioparaomelitokatakechymenokichlepiko"
        "ssyp")  # 100 letters, with prefixes that end in "y" (the stemmer makes that "i")
LUNG = "Pneumonoultramicroscopicsilicovolcanoconiosis"  # in a title only: no body has it


def test_every_prefix_of_a_long_word_finds_it(tmp_path: Path) -> None:
    export = tmp_path / "site.xml"
    export.write_text(wxr(
        item(1, f"<p>The hill called <strong>{HILL}</strong> is in New Zealand.</p>", title="A long name"),
        item(2, f"<p>A dish: {DISH}, from a comedy.</p>", title=HILL),
        item(3, "<p>Happy people are tasting the dish of the day.</p>", title="Nothing long"),
        item(4, "<p>A word in the title only.</p>", title=f"On {LUNG}"),
    ), encoding="utf-8")
    ctx = AppContext.of(resolve(tmp_path / "data"))
    import_into(ctx, ImportRequest(tmp_path / "site", (export,)))
    assert len(HILL) == 85 and len(DISH) == 100
    with SearchIndex.open(tmp_path / "site", ctx.paths) as index:
        for word, article in ((HILL, "post-1"), (DISH, "post-2"), (LUNG, "post-4")):
            missed = [n for n in range(3, len(word) + 1)
                      if article not in {hit.id for hit in index.search(word[:n] + "*").hits}]
            assert missed == [], f"{word[:12]}…: prefixes of these lengths found nothing: {missed}"
        assert {hit.id for hit in index.search("Taumata*").hits} == {"post-1", "post-2"}
        assert [hit.id for hit in index.search("happy*").hits] == ["post-3"]
