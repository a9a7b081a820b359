"""``frontmatter.body`` is ``split``'s body without parsing the fields, for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.archive import frontmatter, open_archive

pieces = st.sampled_from(["+++", "+++\r", "title = 'x'", "", "\r", "\ufeff", "body", "+++ not", "\t",
                          "a = 1"])
texts = (st.lists(pieces, max_size=12).map("\n".join) | st.lists(pieces, max_size=12).map("\r\n".join)
         | st.text())


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_body_is_the_split_body(text: str) -> None:
    try:
        expected = frontmatter.split(text)[1]
    except frontmatter.FrontMatterError as exc:
        if "never closed" not in str(exc):  # bad TOML: body() does not read the fields
            return
        with pytest.raises(frontmatter.FrontMatterError):
            frontmatter.body(text)
        return
    assert frontmatter.body(text) == expected


def test_article_body_reads_what_article_reads(make_archive) -> None:
    root = make_archive({"one": "+++\ntitle = \"One\"\n+++\n\nThe *first* body.\n",
                         "two": "\ufeff+++\r\ntitle = \"Two\"\r\n+++\r\n\r\nSecond.\r\n"})
    with open_archive(root) as archive:
        for meta in archive.articles():
            assert archive.article_body(meta.id) == archive.article(meta.id).body
