"""The annotation record: ids, timestamps, allowed values, W3C selectors."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest

from reader.core.annotations import Annotation, Selector
from reader.core.annotations.model import utc_now

SEL = Selector(exact="words", prefix="the ", suffix=" here", start=4, end=9)


def test_new_annotation_has_uuid4_and_utc_seconds() -> None:
    note = Annotation.new("arch", "art", SEL, creator="Ann", tags=("a",))
    assert uuid.UUID(note.id).version == 4
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", note.created)
    assert note.created == note.modified and note.created <= utc_now()
    assert (note.color, note.style, note.note, note.anchored) == ("yellow", "highlight", "", "exact")
    assert (note.quote, note.start, note.end) == ("words", 4, 9)
    moved = note.moved_to(10, 15, "moved")
    assert (moved.start, moved.end, moved.anchored, moved.quote) == (10, 15, "moved", "words")


@pytest.mark.parametrize("field, value", [("color", "red"), ("style", "strike"), ("anchored", "lost")])
def test_unknown_values_are_refused(field: str, value: str) -> None:
    with pytest.raises(ValueError, match=value):
        replace(Annotation.new("a", "b", SEL), **{field: value})


def test_selector_rules_and_w3c_form() -> None:
    with pytest.raises(ValueError):
        Selector(exact="", prefix="", suffix="", start=3, end=3)
    assert Selector(exact="", prefix="", suffix="", start=0, end=0) == Selector.page()
    assert Selector.page().to_w3c() == [] and Selector.page().is_page
    with pytest.raises(ValueError):
        Selector(exact="x", prefix="", suffix="", start=5, end=2)
    assert SEL.to_w3c() == [
        {"type": "TextQuoteSelector", "exact": "words", "prefix": "the ", "suffix": " here"},
        {"type": "TextPositionSelector", "start": 4, "end": 9},
    ]
