"""Plain-text pages: the real seed page, escaping, and arbitrary text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.importers import extract
from reader.core.importers.text import escape_rules, escape_text, from_text, split_paragraphs
from reader.core.render import markdown_to_html

SEED_DIR = Path(__file__).resolve().parents[4] / "archive-sources" / "msf"
SEED_TEXT = SEED_DIR / "000_d7e3bcaffb67c633.txt"
CHROME = ("Share this article", "Leave a Reply", "Your email address", "Akismet",
          "Looking for the communists", "This will close in", "Avatar placeholder")  # fmt: skip


def seed_article_paragraphs() -> list[str]:
    """The article, cut from the raw file by hand-picked first and last sentences."""
    paragraphs = [p.strip() for p in SEED_TEXT.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("Einstein famously remarked"))
    last = next(
        i for i, p in enumerate(paragraphs) if p.endswith("the real failure of modern times: capitalism.")
    )
    return paragraphs[first : last + 1]


def test_seed_keeps_every_article_paragraph_verbatim() -> None:
    expected = seed_article_paragraphs()
    assert len(expected) == 15
    article = extract(SEED_TEXT)
    assert article.body.split("\n\n") == expected
    assert "“socialist”" in article.body and "workers’ democracy" in article.body and "\u00a0" in article.body


def test_seed_has_no_chrome_left() -> None:
    body = extract(SEED_TEXT).body
    for needle in CHROME:
        assert needle not in body


def test_seed_metadata_comes_from_the_sidecar_only() -> None:
    article = extract(SEED_TEXT)
    assert article.title == "Hasn't socialism been tried and failed?"
    assert article.source_url == "https://marxiststudent.com/hasnt-socialism-been-tried-and-failed/"
    assert article.slug == "hasnt-socialism-been-tried-and-failed"
    assert article.authors == [] and article.date is None and article.summary is None


def test_text_alone_has_no_metadata() -> None:
    article = from_text(SEED_TEXT.read_text(encoding="utf-8"))
    assert (article.title, article.authors, article.date, article.source_url) == (None, [], None, None)


def test_paragraph_splitting_tolerates_crlf_and_space_lines() -> None:
    assert split_paragraphs("\ufeffOne\r\nline.\r\n \t\r\n\r\nTwo.\n\u00a0\nThree.\x07") == [
        "One\nline.",
        "Two.",
        "Three.",
    ]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("In 1917. Then", "In 1917. Then"),
        ("a *b* _c_ snake_case", "a \\*b\\* \\_c\\_ snake_case"),
        ("[of socialism], because", "[of socialism], because"),
        ("[ ] box [x] done", "\\[ ] box \\[x] done"),
        ("H~2~O, x^2^ and ~~no~~", "H\\~2\\~O, x\\^2\\^ and \\~\\~no\\~\\~"),
        ("[a](http://x)", "\\[a](http://x)"),
        ("<b>x</b> &amp; AT&T", "&lt;b>x&lt;/b> &amp;amp; AT&amp;T"),
        ("line\n===", "line\n&#61;=="),
        ("`code` and back\\slash \\*", "\\`code\\` and back\\slash \\\\\\*"),
    ],
)
def test_minimal_escapes(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_curly_quotes_and_dashes_untouched() -> None:
    raw = "“Quoted” – dashed — ‘single’ … and workers’ democracy"
    assert escape_text(raw) == raw


def _rendered_text(paragraph: str) -> tuple[set[str], str]:
    html = markdown_to_html(escape_text(paragraph))
    soup = BeautifulSoup(html, "html.parser")
    return {tag.name for tag in soup.find_all(True)}, re.sub(r"\s+", " ", soup.get_text()).strip()


MARKUPISH = st.sampled_from(list("  \n\n1.)#-+*_=~^`[](){}<>&!:|\\@/'\"“”–…é中\u00a0\tabcXYZ09"))


@settings(max_examples=200, deadline=None)
@given(st.text(MARKUPISH, max_size=60))
def test_escaped_paragraphs_render_as_their_own_text(raw: str) -> None:
    for paragraph in split_paragraphs(raw):
        tags, text = _rendered_text(paragraph)
        assert tags <= {"p", "br"}
        assert text == re.sub(r"\s+", " ", paragraph).strip()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_text_importer_never_raises(raw: str) -> None:
    body = from_text(raw).body
    assert "\n\n\n" not in body


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.)\n\t\\*`{}_[]()&#<>+-=~:|!é")), max_size=40))
def test_the_fast_path_escapes_exactly_like_the_rules(text: str) -> None:
    assert escape_text(text) == escape_rules(text)
