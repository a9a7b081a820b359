"""Canonical offsets ↔ document positions (no widgets: plain strings)."""

from __future__ import annotations

from reader.ui.notes.mapping import TextMap

HEADER = "Title\n by Someone \n"
DOCUMENT = HEADER + "First  para.\u2029Second\npara with \ufffc image.\n"
CANONICAL = "First para. Second para with image."


def test_exact_map_both_ways() -> None:
    mapping = TextMap(CANONICAL, DOCUMENT)
    assert mapping.exact
    start = CANONICAL.index("para with")
    span = mapping.to_document(start, start + len("para with"))
    assert span is not None and DOCUMENT[span[0]:span[1]] == "para with"
    assert mapping.to_canonical(*span) == (start, start + len("para with"))


def test_collapsed_white_space_maps_onto_the_documents_run() -> None:
    mapping = TextMap(CANONICAL, DOCUMENT)
    span = mapping.to_document(0, len("First para"))
    assert span is not None and DOCUMENT[span[0]:span[1]] == "First  para"


def test_selection_in_the_header_or_only_spaces_is_nothing() -> None:
    mapping = TextMap(CANONICAL, DOCUMENT)
    assert mapping.to_canonical(0, 5) is None
    gap = DOCUMENT.index("  para")
    assert mapping.to_canonical(gap, gap + 2) is None


def test_selection_across_header_and_body_is_cut_to_the_body() -> None:
    mapping = TextMap(CANONICAL, DOCUMENT)
    span = mapping.to_canonical(0, DOCUMENT.index(" para."))
    assert span == (0, len("First"))


def test_out_of_range_spans_are_refused() -> None:
    mapping = TextMap(CANONICAL, DOCUMENT)
    assert mapping.to_document(5, 5) is None
    assert mapping.to_document(0, len(CANONICAL) + 1) is None


def test_fallback_finds_each_span_when_texts_differ() -> None:
    document = HEADER + "1. First para.\n2. Second para with image.\n"  # list numbers Qt would not have
    mapping = TextMap(CANONICAL, document)
    assert not mapping.exact
    start = CANONICAL.index("Second")
    span = mapping.to_document(start, start + len("Second para"))
    assert span is not None and document[span[0]:span[1]] == "Second para"
    assert mapping.to_canonical(*span) == (start, start + len("Second para"))
