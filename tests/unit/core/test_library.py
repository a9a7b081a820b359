"""Grouping, sorting and filter-as-you-type rules of the library, headless."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.archive.model import ArticleMeta
from reader.core.library import (
    ALL_KEY,
    Catalog,
    filter_articles,
    fold,
    group,
    matches,
    sort_articles,
    title_key,
)


def meta(id: str, title: str = "", authors: tuple[str, ...] = (), date: str | None = None,
         tags: tuple[str, ...] = (), categories: tuple[str, ...] = ()) -> ArticleMeta:
    return ArticleMeta(id=id, title=title or id.title(), authors=authors, date=date, tags=tags,
                       categories=categories)


ARTICLES = [
    meta("a", "The Zebra", ("Jane Doe", "Émile Zola"), "2021-05-01", ("war", "peace"), ("News",)),
    meta("b", "apple", ("jane doe",), "2019-01-02", ("war",)),
    meta("c", "Banana", (), "2021-01-01", (), ("Theory", "news")),
    meta("d", "an Aardvark", ("Karl", "Karl"), None, ("peace", "Peace")),
    meta("e", "Echo", ("Zed",), "not a date"),
]


def by_name(groups):
    return {g.name: list(g.article_ids) for g in groups}


def test_years_run_newest_first_and_unknown_last() -> None:
    groups = group(ARTICLES, "year")
    assert [g.name for g in groups] == ["2021", "2019", "Unknown year"]
    assert [g.key for g in groups] == ["year:2021", "year:2019", "year:"]
    assert by_name(groups)["2021"] == ["a", "c"]  # date descending inside the year
    assert by_name(groups)["Unknown year"] == ["d", "e"]


def test_authors_repeat_an_article_merge_spellings_and_sort_folded() -> None:
    groups = group(ARTICLES, "author", sort="title", descending=False)
    assert [g.name for g in groups] == ["Émile Zola", "Jane Doe", "Karl", "Zed", "No author"]
    named = by_name(groups)
    assert named["Jane Doe"] == ["b", "a"]  # "jane doe" merged, first spelling kept; apple < zebra
    assert named["Émile Zola"] == ["a"]
    assert named["Karl"] == ["d"]  # listed twice by one article, shown once
    assert named["No author"] == ["c"]
    assert groups[-1].key == "author:"


def test_tags_and_categories_have_their_own_missing_groups() -> None:
    tags = by_name(group(ARTICLES, "tag", sort="title", descending=False))
    assert tags == {"peace": ["d", "a"], "war": ["b", "a"], "No tag": ["c", "e"]}
    categories = by_name(group(ARTICLES, "category", sort="title", descending=False))
    assert categories == {"News": ["c", "a"], "Theory": ["c"], "Uncategorized": ["d", "b", "e"]}


def test_none_is_one_group_and_nothing_is_no_group() -> None:
    groups = group(ARTICLES, "none", sort="title", descending=False)
    assert len(groups) == 1 and groups[0].key == ALL_KEY
    assert list(groups[0].article_ids) == ["d", "b", "c", "e", "a"]
    assert group([], "none") == [] and group([], "year") == []


def test_title_key_ignores_case_accents_punctuation_and_leading_articles() -> None:
    assert title_key("The Capital") == "capital"
    assert title_key("  “A Tale”") == "tale”"
    assert title_key("An") == "an"  # a title that is only an article keeps it
    assert title_key("Élan") == title_key("elan")
    assert title_key("Theory") == "theory"
    assert fold("Straße ÉCOLE") == "strasse ecole"
    assert fold("Москва") == "москва"  # other scripts stay


def ids(metas: list[ArticleMeta]) -> list[str]:
    return [m.id for m in metas]


def test_sorts_put_missing_values_last_in_both_directions() -> None:
    assert ids(sort_articles(ARTICLES, "date", descending=True)) == ["a", "c", "b", "d", "e"]
    assert ids(sort_articles(ARTICLES, "date")) == ["b", "c", "a", "d", "e"]  # "not a date" is no date
    assert ids(sort_articles(ARTICLES, "title")) == ["d", "b", "c", "e", "a"]
    assert ids(sort_articles(ARTICLES, "title", descending=True)) == ["a", "e", "c", "b", "d"]
    assert ids(sort_articles(ARTICLES, "author")) == ["b", "a", "d", "e", "c"]
    assert ids(sort_articles(ARTICLES, "author", descending=True)) == ["e", "d", "b", "a", "c"]


def test_same_date_ties_keep_titles_ascending_even_when_descending() -> None:
    same_day = [meta(i, t, date="2020-01-01") for i, t in (("1", "Cherry"), ("2", "apple"), ("3", "Banana"))]
    titles = [m.title for m in sort_articles(same_day, "date", descending=True)]
    assert titles == ["apple", "Banana", "Cherry"]


def test_filter_folds_case_and_accents_and_needs_every_word() -> None:
    assert matches(ARTICLES[0], "emile")
    assert matches(ARTICLES[0], "ZEBRA zol")  # one word in the title, one in an author
    assert not matches(ARTICLES[0], "zebra marx")
    assert matches(meta("x", "Les Misérables"), "MISERABLES")
    assert matches(meta("x", "Les Miserables"), "misérables")
    assert matches(ARTICLES[0], "   ")
    assert [m.id for m in filter_articles(ARTICLES, "jane")] == ["a", "b"]
    assert len(filter_articles(ARTICLES, "")) == len(ARTICLES)


def test_catalog_groups_a_subset_and_picks_known_ids() -> None:
    catalog = Catalog(ARTICLES)
    subset = catalog.filter("jane")
    assert subset is not None and catalog.filter("") is None
    assert by_name(catalog.group("year", subset=subset)) == {"2021": ["a"], "2019": ["b"]}
    assert catalog.pick(["e", "gone", "a"]) == ["e", "a"]  # kept in the given order
    assert catalog.pick(["e", "gone", "a"], sort="date") == ["a", "e"]
    assert catalog.pick(["e", "a"], subset=subset) == ["a"]


def test_fifty_thousand_articles_group_with_every_article_placed() -> None:
    metas = [meta(f"a{i}", f"Title {i % 997}", (f"Author {i % 300}",) if i % 7 else (),
                  f"{1990 + i % 35}-01-01" if i % 11 else None, (f"t{i % 50}", f"t{i % 30}"))
             for i in range(50_000)]
    catalog = Catalog(metas)
    years = catalog.group("year")
    assert len(years) == 36 and years[-1].name == "Unknown year"
    assert sum(len(g.article_ids) for g in years) == 50_000
    authors = catalog.group("author", "title")
    assert len(authors) == 301 and len(authors[-1].article_ids) == len(range(0, 50_000, 7))
    assert len(catalog.group("none", "author")[0].article_ids) == 50_000
    assert sum(len(g.article_ids) for g in catalog.group("tag")) > 50_000  # two tags each, some equal


names = st.sampled_from(["Ann", "ann", "Bob", "Éva", "eva", " ", ""])
articles = st.lists(
    st.builds(lambda i, a, t, d: meta(f"id{i}", f"T{i}", tuple(a), d, tuple(t)),
              st.integers(0, 10_000), st.lists(names, max_size=3), st.lists(names, max_size=3),
              st.sampled_from([None, "2020-01-01", "2021", "x"])),
    max_size=20, unique_by=lambda m: m.id)


@settings(max_examples=60, deadline=None)
@given(articles, st.sampled_from(["year", "author", "tag"]), st.sampled_from(["date", "title", "author"]))
def test_every_article_is_in_each_of_its_groups_once(metas, by, sort) -> None:
    groups = group(metas, by, sort)
    placed: dict[str, list[str]] = {}  # article id -> keys of its groups
    for g in groups:
        assert len(set(g.article_ids)) == len(g.article_ids) > 0
        for article_id in g.article_ids:
            placed.setdefault(article_id, []).append(g.key)
    assert set(placed) == {m.id for m in metas}
    order = [m.id for m in sort_articles(metas, sort, True)]
    for g in groups:  # each group lists its articles in the overall sort order
        assert list(g.article_ids) == [i for i in order if i in set(g.article_ids)]
