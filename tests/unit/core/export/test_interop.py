"""Other tools' notes: the W3C spec's own examples, Hypothesis' export, page notes, kept selectors."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import open_archive
from reader.core.export import export
from reader.core.export.importer import parse
from reader.core.export.merge import merge
from reader.core.resources import bundled_archive

FIXTURES = Path(__file__).parents[3] / "fixtures" / "annotations"
SEED = "hasnt-socialism-been-tried-and-failed"
PAGE1 = ("Some words first. Then this is an anotation that has some typos. Range begins here and "
         "goes on to where the range ends, then the text before the Selected Text and text after "
         "the selection.")
EBOOK = "".join(f"Sentence number {n} of the book. " for n in range(40))


def spec_archive(make_archive) -> Path:
    return make_archive({
        "page1": f'+++\ntitle = "Page 1"\nsource_url = "http://example.org/page1"\n+++\n\n{PAGE1}\n',
        "ebook1": f'+++\ntitle = "Ebook"\nsource_url = "http://example.org/ebook1"\n+++\n\n{EBOOK}\n',
    })


def test_the_specs_text_examples_import_and_anchor(tmp_path: Path, make_archive) -> None:
    archive = open_archive(spec_archive(make_archive))
    records = parse((FIXTURES / "w3c-spec-examples.json").read_bytes())
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        report = merge(store, archive, records)
        assert (report.imported, report.skipped) == (5, {})
        service = Annotations(store, archive)
        page = {note.quote: (note, match) for note, match in service.for_article("page1")}
        ebook = service.for_article("ebook1")
    assert page["anotation"][0].start == service.text("page1").find("anotation")
    assert "Range begins here and goes on to where the range ends" in page
    refined = page["Selected Text"][0]
    assert json.loads(refined.selector.kept)[0]["type"] == "FragmentSelector"
    assert page[""][0].note == "A note on the whole page" and page[""][0].selector.is_page
    (note, match), = ebook
    text = service.text("ebook1")
    assert match is not None and match.state == "exact" and note.quote == text[412:795]


def test_unknown_selectors_and_page_notes_go_out_unchanged(tmp_path: Path, make_archive) -> None:
    archive = open_archive(spec_archive(make_archive))
    original = json.loads((FIXTURES / "w3c-spec-examples.json").read_text(encoding="utf-8"))
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        merge(store, archive, parse(json.dumps(original).encode()))
        out = json.loads(export("json", store.all(), archive))
        items = {item["id"]: item for item in out["first"]["items"]}
        again = tmp_path / "again.sqlite"
        with AnnotationStore(again) as copy:
            merge(copy, archive, parse(json.dumps(out).encode()))
            assert copy.all() == store.all()
    fragment = original[3]["target"]["selector"]
    refined = next(i for i in items.values() if i.get("target", {}).get("selector", [{}])[0].get("exact")
                   == "Selected Text")
    assert fragment in refined["target"]["selector"]
    page = next(i for i in items.values() if "selector" not in i["target"])
    assert page["body"][0]["value"] == "A note on the whole page"


def test_a_hypothesis_export_of_notes_on_the_bundled_article(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    records = parse((FIXTURES / "hypothesis-export.json").read_bytes())
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        assert merge(store, archive, records).imported == 3
        found = {note.quote: (note, match) for note, match in Annotations(store, archive).for_article(SEED)}
        assert merge(store, archive, records).skipped == {"unchanged": 3}  # stable ids: no duplicates
    einstein, match = found["Einstein famously remarked"]
    assert match is not None and (match.start, match.state) == (0, "moved")
    assert einstein.creator == "Alice Liddell" and einstein.tags == ("sources", "quotes")
    assert einstein.modified == "2026-11-28T10:05:00Z" and "misattributed" in einstein.note
    assert json.loads(einstein.selector.kept)[0]["type"] == "RangeSelector"
    assert found["In 1917,"][1].start == 373 and found["In 1917,"][0].creator == "alice"  # type: ignore[union-attr]
    page, _ = found[""]
    assert page.selector.is_page and page.tags == ("reading-group",)


def test_calibre_highlights_find_their_article_by_the_words(tmp_path: Path) -> None:
    archive = open_archive(bundled_archive())
    records = parse((FIXTURES / "calibre-highlights.json").read_bytes())
    # calibre writes a BOM; the bookmark has no words and the removed highlight none left: both out
    assert (FIXTURES / "calibre-highlights.json").read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(records) == 3 and all(r.by_text for r in records)
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        report = merge(store, archive, records)
        assert report.imported == 2 and report.skipped == {"for articles not in this archive": 1}
        (wavy, _), (note, match) = Annotations(store, archive).for_article(SEED)
    assert wavy.style == "underline" and wavy.quote.startswith("In 1917,")
    assert note.quote == "the democratic control of the workers and poor peasants"
    assert match is not None and match.state == "exact"
    assert (note.color, note.note, note.created) == ("pink", "Who decided, and how?", "2026-10-02T18:20:11Z")


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(0, 12),
       kinds=st.lists(st.sampled_from(["FragmentSelector", "CssSelector", "XPathSelector"]), min_size=12,
                      max_size=12))
def test_a_quote_at_the_end_of_any_refinedby_chain_is_found(depth: int, kinds: list[str]) -> None:
    selector: dict[str, object] = {"type": "TextQuoteSelector", "exact": "deep words", "prefix": "p"}
    for kind in kinds[:depth]:
        selector = {"type": kind, "value": "x", "refinedBy": selector}
    item = {"type": "Annotation", "target": {"source": "http://example.org/page1", "selector": selector}}
    (record,) = parse(json.dumps(item).encode())
    assert record.selector is not None and record.selector.exact == "deep words"
    kept = json.loads(record.selector.kept) if record.selector.kept else []
    assert kept == ([selector] if depth else [])  # the outer selector goes out again unchanged
