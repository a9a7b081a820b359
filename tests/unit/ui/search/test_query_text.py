"""The query text helpers behind search-as-you-type and facet filters."""

from __future__ import annotations

import pytest

from reader.core.search import SearchResult
from reader.ui.search.facets import facet_filter
from reader.ui.search.model import as_you_type, count_text, has_token, remove_token


@pytest.mark.parametrize(("typed", "searched"), [
    ("soci", "soci*"),
    ("class soci", "class soci*"),
    ("soci ", "soci "),  # a trailing space means the exact word
    ("s", "s"),  # too short to complete
    ('"working cl', '"working cl'),  # inside a phrase
    ('"working class"', '"working class"'),
    ("soc*", "soc*"),
    ("tomatpes~", "tomatpes~"),
    ("class OR", "class OR"),
    ("class NOT ess", "class NOT ess"),
    ("class -ess", "class -ess"),
    ("tag:hist", "tag:hist"),
    ("year:2019", "year:2019"),
    ("(soc", "(soc*"),
    ("", ""),
])
def test_as_you_type(typed: str, searched: str) -> None:
    assert as_you_type(typed) == searched


def test_facet_filters_quote_values_with_spaces() -> None:
    assert facet_filter("author", "Ann Author") == 'author:"Ann Author"'
    assert facet_filter("tag", "history") == "tag:history"
    assert facet_filter("year", "2019") == "year:2019"
    assert facet_filter("tag", 'odd "quoted" tag') == 'tag:"odd quoted tag"'


def test_tokens_are_whole() -> None:
    assert has_token("class tag:history", "tag:history")
    assert not has_token("class tag:historyx", "tag:history")
    assert remove_token('soc* author:"Ann Author" year:2019', 'author:"Ann Author"') == "soc* year:2019"


def test_count_text() -> None:
    assert count_text(SearchResult(query="x", total=0)) == "No results"
    assert count_text(SearchResult(query="x", total=1)) == "1 result"
    assert count_text(SearchResult(query="x", total=12)) == "12 results"
    assert count_text(SearchResult(query="x", total=40, total_is_estimate=True)) == "about 40 results"
