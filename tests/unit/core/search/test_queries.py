"""Query features on a real Whoosh index built from a real archive folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.search import QueryError, SearchIndex
from tests.unit.core.search.conftest import ids


def test_run_finds_running_and_marks_it(index: SearchIndex) -> None:
    result = index.search("run")
    assert ids(result) == ["running-club"]
    assert "<mark>running</mark>" in result.hits[0].snippet
    assert "<mark>run</mark>" in result.hits[0].snippet


def test_all_words_must_match_by_default(index: SearchIndex) -> None:
    assert ids(index.search("class work")) == ["class-work", "working-class"]
    assert ids(index.search("class essays")) == ["class-work"]


def test_phrase(index: SearchIndex) -> None:
    assert ids(index.search('"working class"')) == ["working-class"]
    assert ids(index.search('"class working"')) == ["class-work"]


def test_or_and_not(index: SearchIndex) -> None:
    assert ids(index.search("tomatoes OR essays")) == ["class-work", "undated"]
    assert ids(index.search("class -essays")) == ["working-class"]
    assert ids(index.search("class NOT essays")) == ["working-class"]


def test_prefix_as_you_type(index: SearchIndex) -> None:
    assert ids(index.search("soc*")) == ["socialism"]
    assert ids(index.search("working soc*")) == []
    assert ids(index.search("capitalism soci*")) == ["socialism"]
    assert "<mark>" in index.search("toma*").hits[0].snippet


def test_fuzzy(index: SearchIndex) -> None:
    assert ids(index.search("tomatpes~")) == ["undated"]
    assert ids(index.search("tomaotes~")) == ["undated"]  # a swapped pair is one edit
    assert ids(index.search("tomatpes")) == []


def test_fields(index: SearchIndex) -> None:
    assert ids(index.search('author:"Ann Author"')) == ["running-club", "socialism"]
    assert ids(index.search("tag:history")) == ["socialism", "working-class"]
    assert ids(index.search("category:life")) == ["class-work", "running-club"]
    assert ids(index.search("title:class")) == ["class-work", "working-class"]
    assert ids(index.search('author:"José Müller"')) == ["socialism"]


def test_years_and_date_ranges(index: SearchIndex) -> None:
    assert ids(index.search("year:2019")) == ["running-club", "working-class"]
    assert ids(index.search("date:2019-01..2019-06")) == ["running-club", "working-class"]
    assert ids(index.search("date:2019-01..2019-05")) == ["running-club"]
    assert ids(index.search("class date:2020..")) == ["class-work"]
    assert ids(index.search("date:2019-03")) == ["running-club"]


def test_facets_count_the_whole_match_set(index: SearchIndex) -> None:
    facets = index.search("class", limit=1).facets
    assert dict(facets["authors"]) == {"Bob Writer": 2}
    assert dict(facets["year"]) == {"2019": 1, "2020": 1}
    assert dict(facets["tags"]) == {"history": 1, "school": 1}
    assert dict(facets["categories"]) == {"Theory": 1, "Life": 1}


def test_did_you_mean_uses_the_archives_words(index: SearchIndex) -> None:
    result = index.search("socialsm")
    assert result.total == 0 and result.suggestion == "socialism"
    assert index.search("tag:history").suggestion is None
    assert index.search("socialism").suggestion is None


def test_sorting_by_date(index: SearchIndex) -> None:
    result = index.search("class OR socialism OR running", sort="date")
    assert [hit.id for hit in result.hits] == ["class-work", "working-class", "running-club", "socialism"]


def test_snippet_without_body_hit_shows_the_opening(index: SearchIndex) -> None:
    snippet = index.search("title:beginners").hits[0].snippet
    assert snippet.startswith("She was running every morning")


@pytest.mark.parametrize("query", ["?*?*?", "*", "*ism", "so?ial", "so*al", "(" * 2000 + "a" + ")" * 2000,
                                   " ".join(["word"] * 2000), "x" * 5000, "", "year:20x9"])
def test_hostile_queries_are_refused_with_a_message(index: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        index.search(query)
    assert str(caught.value)
    assert "\n" not in str(caught.value)


def test_large_fuzzy_distance_is_capped(index: SearchIndex) -> None:
    result = index.search("a~5")
    assert result.message and "at most 2 edits" in result.message


def test_one_letter_prefix_asks_for_more(index: SearchIndex) -> None:
    result = index.search("s*")
    assert result.total == 0 and result.message and "at least 2 letters" in result.message


def test_negated_prefix(index: SearchIndex) -> None:
    assert ids(index.search("class -essay*")) == ["working-class"]


def test_date_filters_combine_with_or(index: SearchIndex) -> None:
    assert ids(index.search("year:2019 OR year:2020")) == ["class-work", "running-club", "working-class"]
    assert ids(index.search("date:2018..2018 OR date:2020-01")) == ["class-work", "socialism"]


def test_keystrokes_of_one_word_read_each_shown_article_once(index: SearchIndex,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.search import engine

    reads: list[str] = []
    read = engine.textstore.read

    def counted(folder: Path, docnum: int, article_id: str) -> str | None:
        reads.append(article_id)
        return read(folder, docnum, article_id)

    monkeypatch.setattr(engine.textstore, "read", counted)
    snippets = [index.search(typed).hits[0].snippet for typed in ("cla*", "clas*", "class*")]
    assert len(set(snippets)) == 1 and "<mark>" in snippets[0]
    assert sorted(reads) == sorted(set(reads)) and "class-work" in reads
    monkeypatch.setattr(engine, "PLAIN_TEXTS_KEPT", 1)  # bounded: older texts are dropped
    index._plain_texts.clear()
    reads.clear()
    index.search("class")
    index.search("class")
    assert len(set(reads)) == 2 and len(reads) == 4
