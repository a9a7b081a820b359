"""Property tests of anchoring on generated texts.

Texts are runs of distinct words from the seed article, so a quote of whole
words is not repeated elsewhere (quotes that still are, e.g. "the" inside
"there", are skipped).  The rule under test (see ``anchor``'s docstring): a
fuzzy placement needs at most a quarter of the quote's characters edited and a
length-weighted similarity of quote, prefix and suffix of at least
``FUZZY_THRESHOLD`` = 0.75; otherwise the annotation is an orphan.  So edits of
up to 20% inside a quote of 60+ characters must still place it (on the edited
passage), and deleting the passage must never place it anywhere.
"""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import anchor, make_selector
from reader.core.annotations.anchor import FUZZY_THRESHOLD
from tests.unit.core.annotations.test_anchor import SEED

VOCAB = sorted({w.strip(string.punctuation + "“”’‘").lower() for w in SEED.split()} - {""})
EXTRA = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
         "eiusmod", "tempor", "incididunt", "labore", "magna", "aliqua", "."]
TEXT = st.lists(st.sampled_from(VOCAB), min_size=20, max_size=150, unique=True)
EXAMPLES = settings(max_examples=150, deadline=None)


def word_starts(words: list[str]) -> list[int]:
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word) + 1
    return starts


def draw_quote(data: st.DataObject, words: list[str], min_chars: int = 1,
               first_max: int | None = None) -> tuple[int, int]:
    """A span of whole words (at least ``min_chars`` long when the text allows)."""
    starts = word_starts(words)
    last_first = len(words) - 1 if first_max is None else first_max
    first = data.draw(st.integers(0, last_first), label="first word")
    last = first
    while last + 1 < len(words) and starts[last] + len(words[last]) - starts[first] < min_chars:
        last += 1
    last = data.draw(st.integers(last, min(len(words) - 1, last + 12)), label="last word")
    return starts[first], starts[last] + len(words[last])


def free_gaps(length: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``0..length`` outside every span."""
    gaps, at = [], 0
    for start, end in sorted(spans):
        if start > at:
            gaps.append((at, start))
        at = max(at, end)
    gaps.append((at, length))
    return gaps


@EXAMPLES
@given(st.data())
def test_edits_outside_the_quotes_keep_every_annotation_on_its_words(data: st.DataObject) -> None:
    words = data.draw(TEXT, label="words")
    text = " ".join(words)
    spans = [draw_quote(data, words) for _ in range(data.draw(st.integers(1, 5), label="quotes"))]
    selectors = [make_selector(text, start, end) for start, end in spans]
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        gap_start, gap_end = data.draw(st.sampled_from(free_gaps(len(text), spans)), label="gap")
        cut = data.draw(st.integers(gap_start, gap_end), label="cut start")
        cut_end = data.draw(st.integers(cut, gap_end), label="cut end")
        insert = " ".join(data.draw(st.lists(st.sampled_from(VOCAB + EXTRA), max_size=6), label="insert"))
        insert = data.draw(st.sampled_from([insert, f" {insert} ", f"{insert} "]), label="spacing")
        text = text[:cut] + insert + text[cut_end:]
        shift = len(insert) - (cut_end - cut)
        spans = [(s + shift, e + shift) if s >= cut_end else (s, e) for s, e in spans]
    for sel, (start, end) in zip(selectors, spans, strict=True):
        assert text[start:end] == sel.exact
        if text.count(sel.exact) != 1:
            continue  # repeated by chance ("the" in "there"): context decides, not tested here
        match = anchor(text, sel)
        assert match is not None, sel
        assert (match.start, match.end) == (start, end)
        assert match.state in ("exact", "moved")


@EXAMPLES
@given(st.data())
def test_edits_inside_a_long_quote_anchor_fuzzy_on_the_edited_passage(data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(VOCAB), min_size=40, max_size=150, unique=True))
    text = " ".join(words)
    start, end = draw_quote(data, words[:-12], min_chars=60, first_max=len(words) // 3)
    if end - start < 60:
        return  # short words: not enough text for a long quote
    sel = make_selector(text, start, end)
    passage = list(sel.exact)
    for _ in range(data.draw(st.integers(1, len(passage) // 5), label="edits")):
        kind = data.draw(st.sampled_from(["substitute", "insert", "delete"]), label="kind")
        at = data.draw(st.integers(0, len(passage) - 1), label="at")
        char = data.draw(st.sampled_from(string.ascii_lowercase + " "), label="char")
        if kind == "substitute":
            passage[at] = char
        elif kind == "insert":
            passage.insert(at, char)
        else:
            del passage[at]
    edited_passage = "".join(passage)
    edited = text[:start] + edited_passage + text[end:]
    if sel.exact in edited:
        return  # the edits cancelled out
    match = anchor(edited, sel)
    assert match is not None and match.state == "fuzzy", (sel.exact, edited_passage)
    assert match.score >= FUZZY_THRESHOLD
    new_end = start + len(edited_passage)
    overlap = min(match.end, new_end) - max(match.start, start)
    assert overlap >= 0.8 * len(edited_passage) and overlap >= 0.8 * (match.end - match.start)


@EXAMPLES
@given(st.data())
def test_deleting_the_passage_makes_an_orphan_never_a_wrong_placement(data: st.DataObject) -> None:
    words = data.draw(TEXT, label="words")
    text = " ".join(words)
    start, end = draw_quote(data, words)
    sel = make_selector(text, start, end)
    if text.count(sel.exact) != 1:
        return
    before = data.draw(st.integers(0, min(start, 60)), label="also before")
    after = data.draw(st.integers(0, min(len(text) - end, 60)), label="also after")
    edited = text[:start - before] + text[end + after:]
    if sel.exact in edited:
        return  # the join recreated the quote
    assert anchor(edited, sel) is None
