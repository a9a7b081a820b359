"""Regression suite from the second security sweep: hostile WordPress exports.

Each case is one export and one expected outcome, within a time bound: the
good post is imported, and a bad post is either converted or skipped with its
reason; a bad file is refused with one sentence.  Nothing freezes the import.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.errors import SourceError
from reader.core.importers.nesting import MAX_NESTING, TOO_DEEP, nesting_depth
from reader.core.importers.wordpress import Media, post_markdown
from reader.core.importing import WxrOptions, import_wxr
from tests.unit.core.importers.wxr_builder import item, wxr

GOOD = item(1, "<p>A good post about gardens.</p>", name="good")

# (case, content of the bad post, it is imported (True) or skipped as TOO_DEEP (False), seconds)
POSTS: list[tuple[str, str, bool, float]] = [
    ("600-nested-divs", "<div>" * 600 + "deep" + "</div>" * 600, False, 5),
    ("4000-nested-divs", "<div>" * 4000 + "deep" + "</div>" * 4000, False, 5),
    ("300-unclosed-li", "<ul>" + "<li>item " * 300 + "</ul>", False, 5),
    ("150-nested-divs", "<div>" * 150 + "deep" + "</div>" * 150, True, 5),
    ("10000-open-caption", "[caption " * 10_000, True, 5),
    ("10000-unclosed-enclosing", '[box x="1"]' * 10_000 + "text", True, 5),
    ("5000-openers-one-closer", '[box x="1"]' * 5_000 + "[/box]" + '[box x="1"]' * 5_000, True, 5),
    ("5000-block-delimiters", "<!-- wp:group -->" * 5_000 + "<p>x</p>" + "<!-- /wp:group -->" * 5_000,
     True, 5),
    ("1000-nested-captions", "[caption]" * 1000 + '<img src="https://x.example/a.png">' + "[/caption]" * 1000,
     True, 5),
]


@pytest.mark.parametrize(("case", "content", "imported", "seconds"), POSTS, ids=[c[0] for c in POSTS])
def test_a_bad_post_is_converted_or_skipped_and_the_rest_imported(
        tmp_path: Path, case: str, content: str, imported: bool, seconds: float) -> None:
    source = tmp_path / "export.xml"
    source.write_text(wxr(GOOD, item(2, content, name="bad")), encoding="utf-8")
    started = time.perf_counter()
    report = import_wxr(tmp_path / "arch", source, pathsmod.resolve(), WxrOptions())
    assert time.perf_counter() - started < seconds
    with open_archive(tmp_path / "arch") as archive:
        ids = {meta.id for meta in archive.articles()}
    assert ids == ({"good", "bad"} if imported else {"good"})
    assert dict(report.skipped) == ({} if imported else {TOO_DEEP: 1})


# (case, content, seconds to convert) — the conversion step alone (the whole import also indexes
# the Markdown, whose time is bounded with rendering: reader/core/render.py and search/analysis.py).
CONVERSIONS: list[tuple[str, str, float]] = [
    ("100000-brackets", "[" * 100_000, 5),
    ("10000-open-caption", "[caption " * 10_000, 1),
    ("10000-open-shortcodes", "[a " * 10_000, 1),
]


@pytest.mark.parametrize(("case", "content", "seconds"), CONVERSIONS, ids=[c[0] for c in CONVERSIONS])
def test_conversion_is_bounded(case: str, content: str, seconds: float) -> None:
    started = time.perf_counter()
    post_markdown(content, 1, Media())
    assert time.perf_counter() - started < seconds


def test_conversion_itself_refuses_deep_html_with_a_sentence() -> None:
    """Anything calling the converter directly gets a SourceError, never a RecursionError."""
    with pytest.raises(SourceError, match="nested too deeply"):
        post_markdown("<div>" * 600 + "x" + "</div>" * 600, 7, Media())


@pytest.mark.parametrize(("html", "depth"), [
    ("<p>a</p><p>b</p>", 1),
    ("<div><p>a<br>b<img src=x></p></div>", 3),
    ("<p>a<p>b<p>c", 3),  # html.parser nests unclosed tags
    ("<div><span>x</div></span><div>y</div>", 2),
    ("<div/>" * 50, 1),
    ("<div>" * (MAX_NESTING + 50), MAX_NESTING + 1),  # counting stops past the limit
])
def test_nesting_depth_follows_html_parser(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rss><channel><title>&h;</title></channel></rss>
"""

# (case, bytes of the export, words the one-line message has)
FILES: list[tuple[str, bytes, str]] = [
    ("unknown-encoding", wxr(GOOD).replace('encoding="UTF-8"', 'encoding="x-no-such"').encode(),
     "text encoding"),
    ("multi-byte-encoding", wxr(GOOD).replace('encoding="UTF-8"', 'encoding="Shift_JIS"').encode(),
     "text encoding"),
    ("entity-bomb", ENTITY_BOMB.encode(), "not a WordPress export"),
    ("entity-bomb-in-wxr", ENTITY_BOMB.replace("<rss>", '<rss xmlns:wp="http://wordpress.org/export/1.2/">')
     .encode(), "XML"),
    ("not-xml", b"\x00\xff garbage", "not a WordPress export"),
]


@pytest.mark.parametrize(("case", "data", "words"), FILES, ids=[c[0] for c in FILES])
def test_a_bad_export_is_refused_in_one_sentence(tmp_path: Path, case: str, data: bytes, words: str) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(SourceError, match=words) as caught:
        import_wxr(tmp_path / "arch", source, pathsmod.resolve(), WxrOptions())
    assert time.perf_counter() - started < 2
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "arch").exists()


def _tree_depth(html_text: str) -> int:
    def depth(tag: Tag) -> int:
        return 1 + max((depth(child) for child in tag.children if isinstance(child, Tag)), default=0)
    soup = BeautifulSoup(html_text, "html.parser")
    return max((depth(child) for child in soup.children if isinstance(child, Tag)), default=0)


@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<br>", "<img src=x>",
                                 "<div/>", "<LI>", "</li>", "text", "</b>"]), max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_nesting_depth_is_the_depth_html_parser_builds(html_text: str) -> None:
    assert nesting_depth(html_text) == _tree_depth(html_text)
