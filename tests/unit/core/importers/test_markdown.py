"""Markdown files: front matter, a leading ``# Title``, and the shared field mapping."""

from __future__ import annotations

import pytest

from reader.core.archive.model import ImportedArticle
from reader.core.errors import SourceError
from reader.core.importers.markdown import apply_fields, from_markdown

FRONT = """+++
title = "State and Revolution"
author = "V. I. Lenin"
date = 1917-08-01
tags = ["state", "theory"]
categories = "classics"
source_url = "https://example.org/sr"
summary = "On the state."
slug = "state-and-revolution"
site = "ignored"
+++

# State and Revolution

The question of the state.
"""


def test_front_matter_fields() -> None:
    article = from_markdown(FRONT)
    assert article == ImportedArticle(
        body="# State and Revolution\n\nThe question of the state.",
        title="State and Revolution",
        authors=["V. I. Lenin"],
        date="1917-08-01",
        tags=["state", "theory"],
        categories=["classics"],
        source_url="https://example.org/sr",
        summary="On the state.",
        slug="state-and-revolution",
    )


def test_leading_heading_becomes_title() -> None:
    article = from_markdown("\n# The *Title* #\n\nFirst paragraph.\n\n## Section\n")
    assert article.title == "The *Title*"
    assert article.body == "First paragraph.\n\n## Section"
    assert article.authors == [] and article.date is None


def test_front_matter_without_title_falls_back_to_heading() -> None:
    article = from_markdown('+++\nauthors = ["Ann", "Bo"]\n+++\n# Heading\n\nText.\n')
    assert (article.title, article.authors, article.body) == ("Heading", ["Ann", "Bo"], "Text.")


def test_no_title_anywhere() -> None:
    article = from_markdown("## Not level one\n\nText.")
    assert article.title is None and article.body == "## Not level one\n\nText."


@pytest.mark.parametrize(
    "text",
    ["+++\ntitle = \n+++\nBody", "+++\ntitle = 'never closed'\nBody", "+++\ntitle = 3\n+++\nx",
     "+++\nauthors = [1]\n+++\nx", "+++\ndate = 3\n+++\nx"],
)  # fmt: skip
def test_bad_front_matter_is_a_source_error(text: str) -> None:
    with pytest.raises(SourceError, match=r"^notes\.md: "):
        from_markdown(text, origin="notes.md")


def test_apply_fields_ignores_unknown_and_empty_values() -> None:
    base = ImportedArticle(body="b", title="Kept", authors=["A"])
    article = apply_fields(base, {"title": "  ", "authors": [], "language": "en", "date": ""}, "x")
    assert article == base
