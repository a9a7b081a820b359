"""Each exporter against a stored expected file (fixed ids and timestamps)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.annotations import Annotation, Selector
from reader.core.archive import ArticleMeta
from reader.core.errors import ReaderError
from reader.core.export import EXPORTERS, ExportContext, export, scope

EXPECTED = Path(__file__).parent / "expected"
SUFFIX = {"md": "md", "json": "json", "html": "html"}

CONTEXT = ExportContext("arch", "Test <archive>", {
    "bread": ArticleMeta(id="bread", title="Bread & Roses", source_url="https://example.org/bread"),
    "local": ArticleMeta(id="local", title="A local <note>"),
})


def notes() -> list[Annotation]:
    return [
        Annotation(id="00000000-0000-4000-8000-000000000001", archive="arch", article="bread",
                   selector=Selector("Bread and roses", "", ", too.", 0, 15),
                   created="2026-01-02T03:04:05Z", modified="2026-01-03T00:00:00Z", creator="Ann",
                   color="green", note="**Why** it matters\nsecond line", tags=("labour", "song")),
        Annotation(id="00000000-0000-4000-8000-000000000002", archive="arch", article="bread",
                   selector=Selector("too", "Bread and roses, ", ".", 17, 20),
                   created="2026-01-04T00:00:00Z", modified="2026-01-04T00:00:00Z",
                   style="underline"),
        Annotation(id="00000000-0000-4000-8000-000000000003", archive="arch", article="local",
                   selector=Selector("<script>alert(1)</script>", "x ", "", 2, 27),
                   created="2026-02-01T00:00:00Z", modified="2026-02-01T00:00:00Z", creator="Bo & Co",
                   color="pink", note="<img src=x onerror=alert(1)>", tags=("xss",)),
    ]


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_matches_expected_file(fmt: str) -> None:
    data = export(fmt, notes(), CONTEXT)
    expected = EXPECTED / f"notes.{SUFFIX[fmt]}"
    if os.environ.get("RR_REGENERATE_EXPECTED"):
        expected.write_bytes(data)
    assert data == expected.read_bytes()


def test_html_escapes_everything_and_has_print_rules() -> None:
    page = export("html", notes(), CONTEXT).decode()
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert "@media print" in page and "page-break-before" in page and "break-inside: avoid" in page


def test_every_w3c_annotation_has_the_required_keys_and_types() -> None:
    doc = json.loads(export("json", notes(), CONTEXT))
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["@context"][1]["rr"]
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 3
    page = doc["first"]
    assert page["type"] == "AnnotationPage"
    for item in page["items"]:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
        assert isinstance(item["created"], str) and isinstance(item["modified"], str)
        if "creator" in item:
            assert item["creator"]["type"] == "Person" and isinstance(item["creator"]["name"], str)
        for body in item.get("body", []):
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
            assert body["purpose"] in ("commenting", "tagging")
            if body["purpose"] == "commenting":
                assert body["format"] == "text/markdown"
        target = item["target"]
        assert isinstance(target["source"], str)
        assert [s["type"] for s in target["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
        assert item["rr:color"] in ("yellow", "green", "blue", "pink", "purple")
        assert item["rr:style"] in ("highlight", "underline")
    sources = [item["target"]["source"] for item in page["items"]]
    bread = "https://example.org/bread"
    assert sources == [bread, bread, "urn:reading-room:arch:local"]


def test_scope_by_article_and_tag() -> None:
    every = notes()
    assert [n.id[-1] for n in scope(every, article="bread")] == ["1", "2"]
    assert [n.id[-1] for n in scope(every, tag="xss")] == ["3"]
    assert scope(every, article="bread", tag="xss") == []
    assert scope(every) == every


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(ReaderError, match="unknown export format"):
        export("pdf", notes(), CONTEXT)
