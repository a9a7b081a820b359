"""Source HTML → archive Markdown → rendered HTML keeps each construct's structure."""

from __future__ import annotations

import itertools
import re

from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import render
from reader.core.importers.html import from_html


def roundtrip(fragment: str) -> BeautifulSoup:
    body = from_html(f"<html><body><article>{fragment}</article></body></html>").body
    return BeautifulSoup(render.markdown_to_html(body), "html.parser")


def depth(tag: Tag) -> int:
    return len([p for p in tag.parents if p.name in ("ul", "ol")])


def test_nested_mixed_lists_keep_four_levels_and_numbering() -> None:
    out = roundtrip("<ol><li>one<ul><li>a<ol start='3'><li>deep<ul><li>deepest</li></ul></li></ol></li></ul>"
                    "</li><li>two</li><li>three</li></ol>")
    deepest = out.find("li", string="deepest")
    assert deepest is not None and depth(deepest) == 4
    assert [p.name for p in deepest.parents if p.name in ("ul", "ol")] == ["ul", "ol", "ul", "ol"]
    assert out.find("ol", start="3") is not None
    top = out.find("ol")
    assert len(top.find_all("li", recursive=False)) == 3  # "two" is not numbered on as part of another list


def test_inline_semantics_survive() -> None:
    out = roundtrip("<p>H<sub>2</sub>O, E = MC<sup>2</sup>, <del>gone</del> <s>old</s> <mark>hi</mark> "
                    "<kbd>Ctrl</kbd> <q>said</q> <cite>Book</cite> <abbr title='HyperText'>HTML</abbr></p>")
    assert out.find("sub").text == "2" and out.find("sup").text == "2"
    assert [s.text for s in out.find_all("s")] == ["gone", "old"]
    for name, text in (("mark", "hi"), ("kbd", "Ctrl"), ("q", "said"), ("cite", "Book")):
        assert out.find(name).text == text
    assert out.find("abbr")["title"] == "HyperText"
    assert "~~" not in out.text


def test_tables_keep_header_and_alignment() -> None:
    out = roundtrip("<table><thead><tr><th align='right'>n</th><th style='text-align:center'>name|x</th>"
                    "</tr></thead><tbody><tr><td>1</td><td>a</td></tr></tbody></table>")
    assert [th.get("align") for th in out.find_all("th")] == ["right", "center"]
    assert out.find_all("th")[1].text == "name|x" and out.find("td").text == "1"


def test_definition_lists_quotes_code_and_headings() -> None:
    out = roundtrip("<h2 id='part-one'>Part one</h2><dl><dt>Term</dt><dd>Meaning</dd></dl>"
                    "<blockquote><p>Quoted.</p><cite>Someone</cite></blockquote><pre>a  b\n  c</pre>")
    assert out.find("h2")["id"] == "part-one"
    assert out.find("dt").text == "Term" and out.find("dd").text == "Meaning"
    assert out.find("blockquote").find("cite").text == "Someone"
    assert out.find("pre").text == "a  b\n  c\n"


def test_figures_and_galleries_keep_each_caption_under_its_image() -> None:
    items = "".join(f"<dl><dt><img src='assets/{n}.png' alt='{n}'></dt><dd>Cap {n}</dd></dl>" for n in "bcd")
    out = roundtrip("<figure class='alignright'><img src='assets/a.png' alt='A'>"
                    f"<figcaption>Cap A</figcaption></figure><div class='gallery'>{items}</div>")
    figures = out.find_all("figure")
    assert [f.find("img")["alt"] for f in figures] == ["A", "b", "c", "d"]
    assert [f.find("figcaption").text.strip() for f in figures] == ["Cap A", "Cap b", "Cap c", "Cap d"]
    assert figures[0]["class"] == ["alignright"]
    assert out.find("div", class_="gallery") is not None


def test_footnotes_tasks_and_sub_sup_syntax_in_hand_written_markdown() -> None:
    out = BeautifulSoup(render.markdown_to_html("H~2~O x^2^ ~~no~~[^1]\n\n- [ ] a\n- [x] b\n\n[^1]: Note."),
                        "html.parser")
    assert out.find("sub").text == "2" and out.find("sup").text == "2" and out.find("s").text == "no"
    assert [li.text.strip() for li in out.find("ul").find_all("li")] == ["☐ a", "☑ b"]
    assert out.find("li", id="fn:1") is not None


# -- property: random trees of nested lists and paragraphs ---------------------------------------
WORDS = st.text(st.sampled_from(list("abcxyz*_[]`~^<>&#!|:-1. ")), min_size=1, max_size=12).filter(
    lambda s: any(c.isalpha() for c in s))


@st.composite
def list_tree(draw: st.DrawFn, level: int = 0) -> tuple[str, list[tuple[str, int]]]:
    """(HTML of a list, [(item word, depth)]) up to 4 levels deep."""
    tag = draw(st.sampled_from(["ul", "ol"]))
    items, expected = [], []
    for _ in range(draw(st.integers(1, 3))):
        word = "@@"  # numbered in document order by the test, so every item's word is unique
        text = draw(WORDS)
        child = ""
        expected.append((word, level + 1))
        if level < 3 and draw(st.booleans()):
            child, nested = draw(list_tree(level + 1))
            expected += nested
        items.append(f"<li>{word} {_escape(text)}{child}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>", expected


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=150, deadline=None)
@given(list_tree(), st.lists(WORDS, min_size=1, max_size=3))
def test_html_markdown_html_keeps_text_and_list_nesting(tree: tuple[str, list[tuple[str, int]]],
                                                        paragraphs: list[str]) -> None:
    html, levels = tree
    numbers = itertools.count()
    html = re.sub("@@", lambda _m: f"w{next(numbers)}x", html)
    expected = [(f"w{n}x", level) for n, (_, level) in enumerate(levels)]
    source = "".join(f"<p>p{n} {_escape(p)}</p>" for n, p in enumerate(paragraphs)) + html
    out = roundtrip(source)
    for word, level in expected:
        item = next(t for t in out.find_all(string=lambda s, w=word: w in s))
        li = item.find_parent("li")
        assert li is not None and depth(li) == level, (word, level)
    source_text = BeautifulSoup(source, "html.parser").get_text(" ")
    assert " ".join(out.get_text(" ").split()) == " ".join(source_text.split())
