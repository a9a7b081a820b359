"""The article with its notes inline: marks on the canonical spans, numbered notes, nothing remote."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import Annotation, Annotations, AnnotationStore, Selector
from reader.core.annotations.text import article_plain_text
from reader.core.archive import open_archive
from reader.core.export.annotated import Placed, annotated_html
from reader.core.resources import bundled_archive

SEED = "hasnt-socialism-been-tried-and-failed"
BODY = ("+++\ntitle = \"Bread & roses\"\nsource_url = \"https://example.org/bread\"\n+++\n\n"
        "Bread *and* roses, too.\n\nA second   paragraph with [a link](https://example.org/x).\n\n"
        "![a loaf](https://example.org/loaf.png)\n")


def marked(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", page, re.S)]


def test_marks_cover_the_same_words_as_the_canonical_span(tmp_path: Path, make_archive) -> None:
    archive = open_archive(make_archive({"bread": BODY}))
    article = archive.article("bread")
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        notes = Annotations(store, archive)
        notes.add_quote("bread", "and roses, too. A second", note="*across* blocks", color="green")
        page = store.add(Annotation.new(archive.info.id, "bread", Selector.page(), note="whole"))
        placed = [Placed(n, m.start if m else None, m.end if m else None)
                  for n, m in notes.for_article("bread")]
    out = annotated_html(article, placed, archive_title="Test").decode()
    assert re.sub(r"\s+", " ", "".join(marked(out))) == "and roses, too. A second"
    assert '<mark class="green"' in out and '<a href="#note-1">1</a>' in out and 'id="note-1"' in out
    assert "<em>across</em>" in out and page.note in out and "Notes on the whole article" in out
    assert "loaf.png" not in out and "[image: a loaf]" in out  # nothing fetched from the network
    assert "https://example.org/bread" in out and "Bread &amp; roses" in out
    assert "<script" not in out and "default-src 'none'" in out


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_span_is_marked_exactly(tmp_path_factory, data) -> None:
    archive = open_archive(bundled_archive())
    article = archive.article(SEED)
    text = article_plain_text(article)
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 1, min(len(text), start + 300)))
    selector = Selector(text[start:end], "", "", start, end)
    note = Annotation.new(archive.info.id, SEED, selector)
    out = annotated_html(article, [Placed(note, start, end)]).decode()
    assert re.sub(r"\s", "", html.unescape("".join(marked(out)))) == re.sub(r"\s", "", text[start:end])
    assert out.count('href="#note-1"') == 1


def test_bookmarks_are_flags_at_their_place_and_page_notes_come_first(tmp_path: Path, make_archive) -> None:
    archive = open_archive(make_archive({"bread": BODY}))
    article = archive.article("bread")
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        notes = Annotations(store, archive)
        notes.add_quote("bread", "Bread and roses", note="a note", color="pink")
        mark = notes.bookmark_quote("bread", "A second", "Second <part>")
        store.add(Annotation.new(archive.info.id, "bread", Selector.page(), note="whole", color="blue"))
        placed = [Placed(n, m.start if m else None, m.end if m else None)
                  for n, m in notes.for_article("bread")]
    out = annotated_html(article, placed).decode()
    flag = '<span class="bookmark" id="bookmark-1"'
    assert out.index(flag) < out.index("A second") < out.index("<h2>Bookmarks</h2>")
    assert "&#9873; Second &lt;part&gt;</span> A second" in out  # the flag sits right before its words
    assert '<a href="#bookmark-1">Second &lt;part&gt;</a>' in out and mark.note not in out
    assert out.count('href="#note-') == 1 and "1 note" not in out and "2 notes · 1 bookmark" in out
    assert out.index("Notes on the whole article") < out.index("<main>")
    assert "background-color: #cfe3ff" in out  # the page note in its colour


def test_the_bundled_article_with_notes_loads_nothing_from_the_network(tmp_path: Path) -> None:
    """What scripts/screenshots_annotated.py opens in Chromium with the network off."""
    archive = open_archive(bundled_archive())
    with AnnotationStore(tmp_path / "n.sqlite") as store:
        notes = Annotations(store, archive)
        notes.add_quote(SEED, "In 1917,", note="see [the wiki](https://example.org/1917)", color="blue")
        notes.bookmark_quote(SEED, "Einstein famously remarked", "Start")
        store.add(Annotation.new(archive.info.id, SEED, Selector.page(), note="![x](https://example.org/x.png)"))
        placed = [Placed(n, m.start if m else None, m.end if m else None) for n, m in notes.for_article(SEED)]
    out = annotated_html(archive.article(SEED), placed).decode()
    loaded = re.findall(r"""\b(?:src|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)""", out, re.I)
    assert all(url.startswith("data:") for url in loaded), loaded
    assert not re.search(r"<(?:link|script|iframe|object|embed|base)\b|url\(|@import", out, re.I)
    assert "default-src 'none'" in out  # and a browser would refuse anything else anyway
