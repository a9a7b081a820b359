"""HTML pages: a WordPress-like page with hostile bits, and metadata rules."""

from __future__ import annotations

from reader.core.importers.html import from_html

PAGE = """<!doctype html>
<html><head>
<title>Why we fight – Example Blog</title>
<meta property="og:title" content="Why we fight">
<meta name="author" content="Rosa Example">
<meta property="article:author" content="https://facebook.com/rosa">
<meta property="article:published_time" content="2021-03-04T10:00:00+00:00">
<link rel="canonical" href="https://example.org/why-we-fight/">
<script>alert("head")</script><style>body { color: red }</style>
</head>
<body class="single comments-open">
<a class="skip-link" href="#content">Skip to content</a>
<header id="masthead"><h1 class="site-title">Example Blog</h1><nav><a href="/">Home</a></nav></header>
<div id="content">
<article class="post-1 post tag-social category-related">
<header class="entry-header"><h1 class="entry-title">Why we fight</h1>
<div class="entry-meta">Posted on <time datetime="2021-03-04">March 4, 2021</time></div></header>
<div class="entry-content">
<p onclick="steal()">First paragraph with <em>emphasis</em> and a <a href="https://example.org/x">link</a>.</p>
<p>Share this article with anyone who still believes the bosses.</p>
<p>Shown literally: &lt;script&gt;alert(1)&lt;/script&gt;, 5 * 3 and snake_case.</p>
<h2>A section</h2>
<ul><li>one</li><li>two</li></ul>
<p><a href="javascript:alert(1)">bad link</a> <img src="data:image/png;base64,AAAA" alt="pixel">
<img src="https://example.org/a.png" alt="pic"></p>
<pre><code>code line

after blank</code></pre>
<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">
<script>document.write("inline")</script>
<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><a href="https://t.example">Twitter</a></div>
<p>Share this:</p>
<p>Last paragraph.</p>
</div>
<div id="jp-relatedposts"><h3>Related</h3><p>Other post</p></div>
</article>
<div id="comments" class="comments-area"><h2>2 thoughts on “Why we fight”</h2>
<article class="comment"><p>A comment longer than the post, a comment longer than the post, a comment longer
than the post, a comment longer than the post, a comment longer than the post.</p></article>
<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></div>
</div>
<aside class="widget-area"><section class="widget"><h2>Recent posts</h2></section></aside>
<footer><p>© 2021 Example</p></footer>
<div class="popup-overlay"><p>Looking for the communists?</p><p>We've moved!</p></div>
</body></html>"""


def test_wordpress_page_keeps_the_post_only() -> None:
    body = from_html(PAGE).body
    assert body.startswith("First paragraph with *emphasis* and a [link](https://example.org/x).")
    assert body.endswith("Last paragraph.")
    assert "Share this article with anyone who still believes the bosses." in body
    assert "## A section\n\n- one\n- two" in body
    assert "```\ncode line\n\nafter blank\n```" in body
    for chrome in ("Skip to content", "Example Blog", "Home", "Share this:", "Twitter", "Related",
                   "Other post", "thoughts on", "comment longer", "Leave a Reply", "Recent posts",
                   "© 2021", "communists", "moved", "Why we fight", "Posted on"):  # fmt: skip
        assert chrome not in body, chrome


def test_hostile_bits_do_not_survive_as_tags() -> None:
    body = from_html(PAGE).body
    lowered = body.lower()
    for needle in ("<script", "<iframe", "<object", "<embed", "<style", "onclick", "javascript:",
                   "data:image", "steal(", 'alert("head")', "document.write"):  # fmt: skip
        assert needle not in lowered, needle
    assert "&lt;script>alert(1)&lt;/script>" in body  # the page's own text, shown as text
    assert "bad link" in body and "![pic](https://example.org/a.png)" in body
    assert "5 \\* 3 and snake_case" in body


def test_metadata_from_the_page() -> None:
    article = from_html(PAGE)
    assert article.title == "Why we fight"
    assert article.authors == ["Rosa Example"]  # the article:author URL is not a name
    assert article.date == "2021-03-04T10:00:00+00:00"
    assert article.source_url == "https://example.org/why-we-fight/"


def test_title_from_h1_then_title_tag() -> None:
    page = "<head><title>Tab title</title></head><body><main><h1>Heading</h1><p>Text.</p></main></body>"
    article = from_html(page)
    assert article.title == "Heading" and article.body == "Text."
    article = from_html("<html><head><title>Tab title</title></head><body><p>Text.</p></body></html>")
    assert article.title == "Tab title" and article.body == "Text."


def test_missing_metadata_stays_missing() -> None:
    article = from_html("<p>Just text, no head.</p>")
    assert (article.title, article.authors, article.date, article.source_url) == (None, [], None, None)
    assert article.body == "Just text, no head."


def test_date_from_time_and_url_from_og() -> None:
    page = """<html><head><meta property="og:url" content="https://example.org/p"></head><body>
    <article><p>Posted on <time datetime="2020-05-01">1 May</time></p><p>Body text.</p></article>"""
    article = from_html(page)
    assert article.date == "2020-05-01" and article.source_url == "https://example.org/p"
    assert article.body == "Body text."


def test_plain_chrome_without_classes_is_stripped_too() -> None:
    page = """<body><div class="entry-content"><p>The post.</p><p>Share this:</p><p>Tweet</p>
    <h3>Leave a Reply</h3><p>Your email address will not be published.</p></div></body>"""
    assert from_html(page).body == "The post."


def test_chrome_classes_match_token_starts_only() -> None:
    page = """<body><article class="post tag-social category-related">
    <p>Kept.</p><div class="social-links">Gone</div><div id="sidebar">Gone</div>
    <section class="newsletter-signup">Gone</section><div class="cookie-banner">Gone</div>
    <div class="modal">Gone</div><ol class="commentlist">Gone</ol><div id="jp-relatedposts">Gone</div>
    <div class="entry-content-sharing">Kept too.</div><p class="shareholders">Kept three.</p></article>"""
    body = from_html(page).body
    assert "Gone" not in body
    assert "Kept." in body and "Kept too." in body and "Kept three." in body


def test_markdown_looking_text_is_escaped() -> None:
    body = from_html("<p># not a heading</p><p>1. not a list</p><p>a [b](c) d</p>").body
    assert body.split("\n\n") == ["\\# not a heading", "1\\. not a list", "a \\[b](c) d"]
