"""Cutting text into the sentences read aloud: positions in the text, every word once, in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.speech.text import MAX_CHUNK, sentence_at, sentence_spans


def texts(spans: list[tuple[int, int]], text: str) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_sentences_end_at_stops_quotes_and_line_breaks() -> None:
    text = 'Hello there. This is "quoted." Is it?! Yes…  Next\n\n* * *\nA heading\nEnd (aka. “x”). Done.'
    assert texts(sentence_spans(text), text) == [
        "Hello there.", 'This is "quoted."', "Is it?!", "Yes…", "Next", "A heading", "End (aka. “x”).",
        "Done."]


def test_a_range_reads_only_what_it_covers() -> None:
    text = "One two. Three four. Five six."
    assert texts(sentence_spans(text, 4, 19), text) == ["two.", "Three four"]
    assert sentence_spans(text, 50) == []


def test_a_long_run_is_cut_at_spaces() -> None:
    text = " ".join(["word"] * 300)
    spans = sentence_spans(text)
    assert len(spans) > 1 and all(b - a <= MAX_CHUNK for a, b in spans)
    assert " ".join(texts(spans, text)) == text


def test_sentence_at_finds_the_sentence_holding_a_position() -> None:
    spans = sentence_spans("One. Two. Three.")
    assert [sentence_at(spans, p) for p in (0, 3, 4, 5, 15, 16)] == [0, 0, 1, 1, 2, 3]


def test_the_bundled_article_is_cut_into_many_sentences() -> None:
    archive = open_archive(bundled_archive())
    article = archive.article(archive.articles()[0].id)
    spans = sentence_spans(article.body)
    assert len(spans) > 20
    assert all(article.body[a:b].strip() == article.body[a:b] for a, b in spans)


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"'…)"), max_size=600), st.integers(0, 700),
       st.integers(0, 700))
def test_spans_are_ordered_inside_the_range_and_cover_every_word(text: str, start: int, stop: int) -> None:
    spans = sentence_spans(text, start, stop)
    low, high = max(0, min(start, stop, len(text))), min(stop, len(text))
    previous = low
    for a, b in spans:
        assert previous <= a < b <= max(high, low)
        assert text[a:b] == text[a:b].strip() and len(text[a:b]) <= MAX_CHUNK
        previous = b
    covered = set().union(*(range(a, b) for a, b in spans)) if spans else set()
    assert all(i in covered for i in range(low, high) if text[i] in "ab")
