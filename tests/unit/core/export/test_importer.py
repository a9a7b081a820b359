"""Parsing W3C Web Annotation JSON: the shapes accepted and the files refused."""

from __future__ import annotations

import json
import uuid

import pytest

from reader.core.export import export
from reader.core.export.importer import MAX_BYTES, NotesFileError, check_depth, parse
from tests.unit.core.export.test_exporters import CONTEXT, notes

FOREIGN = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno1",
    "type": "Annotation",
    "created": "2015-01-28T12:00:00.123+01:00",
    "creator": "Pat",
    "bodyValue": "A comment",
    "body": [{"type": "TextualBody", "value": "tagged", "purpose": ["tagging"]}, "http://example.org/img"],
    "target": {"source": "http://example.org/page", "selector": {
        "type": "TextQuoteSelector", "exact": "words", "prefix": "the ", "suffix": " here"}},
}


def dump(value: object) -> bytes:
    return json.dumps(value).encode()


def test_our_export_parses_back_field_for_field() -> None:
    records = parse(export("json", notes(), CONTEXT))
    for record, note in zip(records, notes(), strict=True):
        assert (record.id, record.selector, record.created, record.modified, record.creator,
                record.color, record.style, record.note, record.tags) == (
            note.id, note.selector, note.created, note.modified, note.creator, note.color,
            note.style, note.note, note.tags)
    assert records[0].source == "https://example.org/bread"
    assert records[2].source == "urn:reading-room:arch:local"


def test_a_foreign_annotation_in_every_container_shape() -> None:
    page = {"type": "AnnotationPage", "items": [FOREIGN]}
    shapes = [FOREIGN, [FOREIGN], page, {"type": "AnnotationCollection", "first": page},
              {"type": "AnnotationCollection", "items": [FOREIGN]}]
    for shape in shapes:
        [record] = parse(dump(shape))
        assert record.id == str(uuid.uuid5(uuid.NAMESPACE_URL, "http://example.org/anno1"))
        assert record.created == record.modified == "2015-01-28T11:00:00Z"
        assert (record.note, record.tags, record.creator) == ("A comment", ("tagged",), "Pat")
        assert record.selector is not None and record.selector.exact == "words"
        assert (record.selector.start, record.selector.end, record.color) == (0, 5, "yellow")


def test_unsupported_selectors_are_kept_for_counting() -> None:
    item = {**FOREIGN, "target": {"source": "x", "selector": [{"type": "CssSelector", "value": "p"}]}}
    [record] = parse(dump(item))
    assert record.selector is None and record.unsupported == "CssSelector"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "not valid JSON"),
    (b'"hello"', "JSON string"),
    (b"42", "JSON number"),
    (b"[NaN]", "NaN"),
    (b"[]", "no annotations"),
    (b"\xff\xfe[]", "not UTF-8"),
    (b"[" * 100_000, "nested more than"),
    (b"[" + b"0," * (MAX_BYTES // 2) + b"0]", "larger than 20 MB"),
    (dump({"type": "AnnotationCollection", "first": "http://x/page1"}), "no embedded 'items'"),
    (dump([1]), "annotation 1 is a JSON number"),
    (dump([{**FOREIGN, "type": "Note"}]), "does not have type 'Annotation'"),
    (dump([{**FOREIGN, "target": []}]), "no target"),
    (dump([{**FOREIGN, "target": {"selector": []}}]), "'source' must be a string"),
    (dump([{**FOREIGN, "target": {"source": 3, "selector": []}}]), "'source' must be a string"),
    (dump([{**FOREIGN, "created": "yesterday"}]), "not an ISO 8601"),
    (dump([{**FOREIGN, "rr:color": "octarine"}]), "unknown colour"),
    (dump([{**FOREIGN, "target": {"source": "x", "selector": [
        {"type": "TextQuoteSelector", "exact": "a"},
        {"type": "TextPositionSelector", "start": 5, "end": 1}]}}]),
     "ends before it starts"),
])
def test_refused_files_say_why_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(NotesFileError, match=message) as caught:
        parse(data)
    assert "\n" not in str(caught.value)


def test_depth_scan_ignores_brackets_inside_strings() -> None:
    check_depth(dump(["[" * 1000, "{" * 1000, '\\"[[[['] ))
    with pytest.raises(NotesFileError):
        check_depth(b'["\\"", ' + b"[" * 40 + b"]" * 40 + b"]")
