"""Our corpus of real page structures (tests/fixtures/html-corpus): text, metadata and speed.

Each page reproduces one failure class of issue 15 or a common CMS layout; the
benchmark (benchmarks/html_extraction_bench.py) scores the same pages against
trafilatura and readability-lxml.
"""

from __future__ import annotations

import re
import time
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from reader.core.importers import extract
from reader.core.importers.html import from_html

CORPUS = Path(__file__).resolve().parents[3] / "fixtures" / "html-corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
PAGES = sorted(CORPUS.glob("*.html"))


def f1(candidate: str, reference: str) -> float:
    got = Counter(re.findall(r"\w+", candidate.lower()))
    want = Counter(re.findall(r"\w+", reference.lower()))
    overlap = sum((got & want).values())
    return 2 * overlap / (sum(got.values()) + sum(want.values()))


def test_the_corpus_covers_every_failure_class() -> None:
    assert {page.stem for page in PAGES} >= {
        "blogger", "aspnet-form", "modal-enabled", "table-layout", "teaser-cards", "no-main",
        "inline-related", "news-byline", "wordpress", "drupal", "ghost", "medium-like", "forum-thread",
        "windows-1252",
        "iso-8859-1",
    }  # fmt: skip
    assert set(EXPECTED) == {page.stem for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_page_keeps_its_article(page: Path) -> None:
    article = extract(page)
    reference = page.with_suffix(".txt").read_text(encoding="utf-8")
    assert f1(article.body, reference) >= 0.8
    assert EXPECTED[page.stem]["title"] not in article.body.split("\n\n")[0]  # shown once, as the title
    for paragraph in reference.split("\n\n")[:1] + reference.split("\n\n")[-1:]:
        assert " ".join(paragraph.split()[:6]) in " ".join(article.body.split())


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_page_metadata_is_what_the_page_states(page: Path) -> None:
    article, expected = extract(page), EXPECTED[page.stem]
    assert article.title == expected["title"]
    assert article.authors == expected["authors"]
    assert article.date == (expected["date"] or None)


def test_one_page_imports_in_well_under_a_fifth_of_a_second() -> None:
    page = max(PAGES, key=lambda page: page.stat().st_size)
    started = time.process_time()
    for _ in range(5):
        extract(page)
    assert (time.process_time() - started) / 5 < 0.2


def test_failure_classes_by_name() -> None:
    blogger = extract(CORPUS / "blogger.html").body
    assert "chess club" in blogger and "Popular Posts" not in blogger and "Powered by Blogger" not in blogger
    assert "Mill Street" in extract(CORPUS / "aspnet-form.html").body
    assert "Sign up for our weekly newsletter" not in extract(CORPUS / "modal-enabled.html").body
    table = extract(CORPUS / "table-layout.html").body
    assert "|" not in table and "Best viewed" not in table and "Chocolate cake" not in table
    teaser = extract(CORPUS / "teaser-cards.html").body
    assert "nine day strike" in teaser and "Fishing fleet" not in teaser
    related = extract(CORPUS / "inline-related.html").body
    assert "Library cuts protest" not in related and related.endswith("a school or a doctor.")
    news = extract(CORPUS / "news-byline.html").body
    assert "Share on Facebook" not in news and "Industrial correspondent" not in news
    assert "Updated 14 June" not in news


def test_tags_categories_summary_and_address() -> None:
    article = extract(CORPUS / "wordpress.html")
    assert (article.tags, article.categories) == (["bread"], ["Baking"])
    assert article.source_url == "https://kitchen.example.org/slow-bread/"
    page = """<html><head><title>A post – Site</title>
    <meta property="og:description" content="The gist."><meta property="article:tag" content="history">
    </head><body><article><p>Text.</p></article></body></html>"""
    article = from_html(page)
    assert (article.title, article.summary, article.tags) == ("A post", "The gist.", ["history"])


def test_json_ld_graph_author_and_date() -> None:
    page = """<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
    {"@type": ["BlogPosting"], "headline": "Graph post", "datePublished": "2022-02-02",
     "author": [{"@type": "Person", "name": "Kim Li"}, {"name": "Ana Paz"}]}]}</script>
    <script type="application/ld+json">{broken</script></head><body><main><p>Text.</p></main></body></html>"""
    article = from_html(page)
    assert (article.title, article.date) == ("Graph post", "2022-02-02")
    assert article.authors == ["Kim Li", "Ana Paz"]


def test_byline_shapes_that_are_not_names_stay_unknown() -> None:
    page = """<body><article><p class="byline">By <a rel="author" href="/x">https://example.org/u</a></p>
    <p>A paragraph of the article, by no means a byline, says something about Rosa.</p></article></body>"""
    article = from_html(page)
    assert article.authors == [] and "by no means a byline" in article.body
