"""Sorting the pages of a saved site, and resolving their links, without writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.importers.site import local_address, normal_url, page_files, read_page, resolve


def sort(tmp_path: Path, relative: str, html: str) -> str | None:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return read_page(tmp_path, path, html).skip


@pytest.mark.parametrize(("relative", "html", "reason"), [
    ("a/page/3/index.html", "<body><p>x</p></body>", "listing page"),
    ("a/category/x/index.html", "<body><p>x</p></body>", "category page"),
    ("a/2023/05/index.html", "<body><p>x</p></body>", "date archive"),
    ("a/feed/index.html", "<?xml version='1.0'?>\n<!-- c --><rss></rss>", "feed"),
    ("a/post/index.html?replytocom=3", "<body class='single'><p>x</p></body>", "comment reply copy"),
    ("a/x.html", "<head><meta property='og:type' content='website'></head><body>"
                 "<article>1</article><article>2</article><article>3</article></body>", "listing page"),
    ("a/news/story.html", "<head><script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>"
                          "</head><body><p>x</p></body>", None),
    ("a/tag/post.html", "<body class='single single-post'><p>A post under a tag-like path.</p></body>", None),
    ("a/empty.html", "<body> </body>", "empty page"),
])
def test_pages_are_sorted_by_what_they_say_then_their_address(
        tmp_path: Path, relative: str, html: str, reason: str | None) -> None:
    assert sort(tmp_path, relative, html) == reason


def test_page_files_finds_query_copies_last(tmp_path: Path) -> None:
    for name in ("b.html", "a.htm", "index.html?p=2", "style.css", ".hidden.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in page_files(tmp_path)] == ["a.htm", "b.html", "index.html?p=2"]


def test_addresses_compare_without_scheme_www_index_or_slash() -> None:
    assert normal_url("https://www.Example.org/a/index.html#c") == normal_url("http://example.org/a/")
    assert local_address("example.org/a/index.html") == "example.org/a"


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*"./ab%?#:", "..", "//", "index.html", "http:", "secret.html"]),
                max_size=12).map("".join))
def test_a_link_never_resolves_outside_the_mirror(tmp_path: Path, href: str) -> None:
    (tmp_path / "site" / "a").mkdir(parents=True, exist_ok=True)
    (tmp_path / "secret.html").write_text("x", encoding="utf-8")
    page = read_page(tmp_path / "site", tmp_path / "site" / "a" / "p.html", "<p>x</p>")
    _, target = resolve(page, href, tmp_path / "site")
    assert target is None or target.resolve().is_relative_to((tmp_path / "site").resolve())
