"""Anchoring: exact, moved, fuzzy and orphan, and its speed when nothing moved."""

from __future__ import annotations

import random
import time

import pytest

from reader.core.annotations import Selector, anchor, make_selector
from reader.core.annotations.anchor import FUZZY_THRESHOLD
from reader.core.annotations.text import normalize
from tests.conftest import SEED_TEXT

SEED = normalize(SEED_TEXT.read_text(encoding="utf-8"))
PASSAGE = "The failure of the working class to take power in these countries"


def select(text: str, quote: str) -> Selector:
    at = text.index(quote)
    return make_selector(text, at, at + len(quote))


def test_make_selector_keeps_32_characters_of_context() -> None:
    sel = select(SEED, PASSAGE)
    assert sel.exact == PASSAGE and len(sel.prefix) == len(sel.suffix) == 32
    assert SEED[sel.start - 32:sel.end + 32] == sel.prefix + sel.exact + sel.suffix
    start = make_selector(SEED, 0, 8)
    assert start.prefix == "" and start.exact == "Einstein"
    with pytest.raises(ValueError):
        make_selector(SEED, 5, 5)


def test_unchanged_text_is_exact() -> None:
    sel = select(SEED, PASSAGE)
    match = anchor(SEED, sel)
    assert match is not None and (match.start, match.end, match.state, match.score) == (
        sel.start, sel.end, "exact", 1.0)


def test_text_inserted_before_moves_the_quote() -> None:
    sel = select(SEED, PASSAGE)
    match = anchor("A new opening sentence. " + SEED, sel)
    assert match is not None and match.state == "moved"
    assert match.start == sel.start + len("A new opening sentence. ")


def test_repeats_are_told_apart_by_context_then_nearness() -> None:
    text = "alpha beta gamma. one two three. delta epsilon. one two three. zeta eta."
    second = text.index("one two three", 20)
    sel = make_selector(text, second, second + len("one two three"))
    edited = "Intro. " + text
    match = anchor(edited, sel)
    assert match is not None and match.state == "moved" and match.start == second + len("Intro. ")
    no_context = "x one two three y one two three z"
    for old_start, nearest in ((20, 18), (0, 2)):
        match = anchor(no_context, Selector("one two three", "", "", old_start, old_start + 13))
        assert match is not None and match.start == nearest


def test_edited_quote_anchors_fuzzy_on_the_edited_words() -> None:
    sel = select(SEED, PASSAGE)
    edited = SEED.replace(PASSAGE, "The defeat of the working classes to seize power in those countries")
    match = anchor(edited, sel)
    assert match is not None and match.state == "fuzzy" and match.score >= FUZZY_THRESHOLD
    assert edited[match.start:match.end].startswith("The defeat of the working classes")


def test_deleted_quote_is_an_orphan() -> None:
    sel = select(SEED, PASSAGE)
    assert anchor(SEED.replace(PASSAGE, ""), sel) is None
    assert anchor("", sel) is None


def test_short_look_alike_in_other_context_is_not_taken() -> None:
    text = "We read about these ideas in the evening. Later those ideas faded away quietly."
    sel = select(text, "these")
    assert anchor(text.replace("about these ideas", "about ideas"), sel) is None
    assert anchor(text.replace("these", "thesE"), sel) is not None


def test_deleted_word_does_not_pass_to_a_look_alike_neighbour() -> None:
    text = "Of all the reasons given, of these those remain the strongest ones by far."
    sel = select(text, "these")
    assert anchor(text.replace("these ", ""), sel) is None


def _long_article(rng: random.Random) -> str:
    words = SEED.split()
    out: list[str] = []
    while sum(map(len, out)) + len(out) < 20_000:
        start = rng.randrange(len(words) - 40)
        out.extend(words[start:start + 40])
    return " ".join(out)[:20_000]


def test_fifty_unmoved_annotations_on_20000_characters_anchor_fast() -> None:
    rng = random.Random(7)
    text = _long_article(rng)
    selectors = []
    for _ in range(50):
        start = rng.randrange(len(text) - 200)
        selectors.append(make_selector(text, start, start + rng.randrange(5, 200)))
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        matches = [anchor(text, sel) for sel in selectors]
        best = min(best, time.perf_counter() - began)
    assert all(m is not None and m.state == "exact" for m in matches)
    assert best < 0.1, f"{best * 1000:.1f} ms"
    # Everything moved (text inserted at the top): still quick.
    shifted = "A new first paragraph. " + text
    began = time.perf_counter()
    assert all(anchor(shifted, sel) is not None for sel in selectors)
    assert time.perf_counter() - began < 0.5
