from __future__ import annotations

import re

from reader.core import render
from reader.core.archive import Article, ArticleMeta

HOSTILE = """# Title

<script>alert(1)</script>
<p onclick="steal()" style="background: url(http://evil/x.png)">Click</p>

[js](javascript:alert(1)) [file](file:///etc/passwd) [ok](https://example.org/)
<img src="file:///etc/passwd"> <img src="http://evil.example/track.png">
<iframe src="http://evil.example/"></iframe><object data="x.swf"></object>
<form action="http://evil/"><input name="q"></form>
<svg><script>alert(2)</script></svg>
<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>
"""


def test_hostile_markup_is_neutralised() -> None:
    out = render.markdown_to_html(HOSTILE)
    lowered = out.lower()
    for needle in ("<script", "<iframe", "<object", "<form", "<input", "<svg", "style=", "<p onclick"):
        assert needle not in lowered, needle
    attribute_values = " ".join(re.findall(r'=\s*"([^"]*)"', lowered))
    for needle in ("javascript:", "file:", "data:"):
        assert needle not in attribute_values, needle  # as text, such a link is only words
    assert not re.search(r"\son\w+\s*=", lowered)
    assert 'href="https://example.org/"' in out


def test_markdown_features_survive_sanitising() -> None:
    body = "Text[^1] and *em*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n[^1]: A note.\n"
    out = render.markdown_to_html(body)
    assert "<table>" in out and "<em>em</em>" in out and "<pre><code>" in out
    assert 'id="fn:1"' in out and 'href="#fn:1"' in out


def test_text_keeps_paragraphs_apart() -> None:
    meta = ArticleMeta(id="a", title="T", authors=("Ann",), date="2020-01-02")
    text = render.article_text(Article(meta=meta, body="One\nline.\n\nTwo.\n\n- item\n"))
    assert text == "T\n\nAnn · 2020-01-02\n\nOne line.\n\nTwo.\n\nitem\n"


def test_header_shows_only_known_fields() -> None:
    out = render.header_html(ArticleMeta(id="a", title="<b>T</b>"))
    assert "&lt;b&gt;T&lt;/b&gt;" in out and "<time" not in out and "Source" not in out
