"""Bodies that broke rendering (issue 14) show in the real view, and a failing layout never leaves
the previous article on screen under the new id."""

from __future__ import annotations

import pytest

from reader.ui.article import page
from reader.ui.article.view import ArticleView
from tests.unit.ui.article.conftest import make_article

BODIES = {
    "500 nested markdown divs": '<div markdown="1">\n' * 500 + "deep words" + "\n</div>" * 500,
    "300-level nested list": "".join("  " * i + "- item\n" for i in range(300)) + "\nafter words",
    "10 KB of [": "[" * 10_000 + "\n\nafter words",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_hostile_body_is_shown(make_view, body: str) -> None:
    view: ArticleView = make_view()
    view.show_article(make_article("before", body="The previous article."))
    view.show_article(make_article("hostile", body=body))
    assert view.article_id == "hostile"
    text = view.toPlainText()
    assert "The previous article." not in text
    assert "deep words" in text or "after words" in text


def test_a_layout_failure_shows_the_new_article_as_plain_text(make_view, monkeypatch, caplog) -> None:
    view: ArticleView = make_view()
    view.show_article(make_article("before", body="The previous article."))

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(page, "page_html", broken)
    with caplog.at_level("ERROR", logger="reader.ui.article"):
        view.show_article(make_article("next", title="Next", body="New *words* here."))
    text = view.toPlainText()
    assert view.article_id == "next" and "New *words* here." in text and "previous" not in text
    assert "cannot lay out next" in caplog.text
