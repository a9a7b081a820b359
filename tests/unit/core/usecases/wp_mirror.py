# ruff: noqa: E501  (saved HTML, kept as a server sends it)
"""A realistic ``wget --mirror --convert-links`` copy of a small WordPress site, written by us.

Three articles (two posts and a page) among the copies a mirror really holds:
home and its pagination, category, tag, author and date archives, feeds,
an attachment page, ``?replytocom=`` and ``index.html?p=`` copies, an AMP copy,
and the uploads folder with the image one post shows.
"""

from __future__ import annotations

from pathlib import Path

HOST = "blog.example.org"
SITE = f"https://{HOST}"
#: The image bytes (a 1×1 PNG): what assets/ must receive.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)
ARTICLES = {"first-post", "second-post", "about"}

HEAD = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8">
<title>{title} &#8211; Allotment Notes</title>
<link rel="canonical" href="{canonical}">
<meta property="og:type" content="{og_type}"><meta property="og:site_name" content="Allotment Notes">
<link rel="alternate" type="application/rss+xml" href="{site}/feed/">
<script>window._wpemojiSettings = {{}};</script></head>"""

CHROME_TOP = """<body class="{classes}"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="{root}index.html">Allotment Notes</a></p>
<nav id="site-navigation" class="main-navigation"><ul><li><a href="{root}index.html">Home</a></li>
<li><a href="{root}about/index.html">About</a></li><li><a href="{root}category/harvest/index.html">Harvest</a></li></ul>
</nav></header><div id="content" class="site-content"><main id="main" class="site-main">"""

CHROME_BOTTOM = """</main><aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">Recent Posts</h2><ul><li><a href="{root}2024/04/second-post/index.html">Seed swap</a></li>
</ul></section><section class="widget widget_categories"><h2>Categories</h2><ul><li>Harvest</li></ul></section>
</aside></div><footer id="colophon" class="site-footer"><p>Proudly powered by WordPress</p></footer></body></html>"""

FIRST = """<article id="post-11" class="post-11 post type-post status-publish hentry category-harvest tag-beans">
<header class="entry-header"><h1 class="entry-title">Beans at last</h1><div class="entry-meta">Posted on
<time class="entry-date published" datetime="2024-03-09T10:00:00+00:00">9 March 2024</time> by
<span class="author vcard"><a class="url fn n" href="{root}author/mo/index.html">Mo Green</a></span></div></header>
<div class="entry-content"><p>The runner beans finally climbed the canes this week, after a cold start that
had every plot holder worried about the whole season.</p>
<figure class="wp-block-image"><img src="{root}wp-content/uploads/2024/03/beans.png" alt="Beans on canes">
<figcaption>The canes on plot 12</figcaption></figure>
<p>We will share the surplus at the <a href="{root}2024/04/second-post/index.html">seed swap</a>, and the
committee's rules are on the <a href="{root}about/index.html#rules">about page</a>. A photo from the
county show is <img src="https://cdn.example.net/show.jpg" alt="at the show"> not in the mirror.</p>
<p>Read the <a href="https://www.rhs.example/beans">growing guide</a> or the
<a href="{root}category/harvest/index.html">harvest archive</a>.</p></div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="{root}category/harvest/index.html"
rel="category tag">Harvest</a></span> <span class="tags-links">Tagged <a href="{root}tag/beans/index.html"
rel="tag">beans</a></span></footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">One thought on &ldquo;Beans at last&rdquo;</h2>
<ol class="comment-list"><li class="comment"><p>Lovely! <a href="index.html?replytocom=5">Reply</a></p></li></ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></div>"""

SECOND = """<article id="post-12" class="post-12 post type-post status-publish hentry category-harvest">
<header class="entry-header"><h1 class="entry-title">Seed swap</h1><div class="entry-meta">
<time class="entry-date published" datetime="2024-04-02T09:00:00+00:00">2 April 2024</time></div></header>
<div class="entry-content"><p>Bring your spare seed to the hut on Saturday morning; last year forty people
came and nobody went home without something new to sow.</p>
<p>As the <a href="{site}/2024/03/first-post/">beans post</a> promised, there will be runner beans.</p>
</div></article>"""

ABOUT = """<article id="post-2" class="post-2 page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">About</h1></header><div class="entry-content">
<p>Allotment Notes is written by the plot holders of the Mill Lane site, a council allotment of sixty plots.</p>
<h2 id="rules">Rules</h2><p>Keep paths clear, water before nine, and never take what you did not grow.</p></div>
</article>"""


def _listing(root: str, title: str, count: int = 2) -> str:
    cards = "".join(f"""<article class="post-{n} post type-post"><h2 class="entry-title">
<a href="{root}2024/03/first-post/index.html">Beans at last</a></h2><div class="entry-summary"><p>The runner
beans finally climbed the canes this week&hellip;</p></div></article>""" for n in range(count))
    return f"<header class='page-header'><h1 class='page-title'>{title}</h1></header>{cards}" \
        f"<nav class='navigation pagination'><a class='page-numbers' href='{root}page/2/index.html'>2</a></nav>"


def page(relative: str, body: str, *, title: str, canonical: str, classes: str, og_type: str = "article") -> str:
    root = "../" * relative.count("/")
    return (HEAD.format(title=title, canonical=canonical, og_type=og_type, site=SITE)
            + CHROME_TOP.format(classes=classes, root=root) + body.format(root=root, site=SITE)
            + CHROME_BOTTOM.format(root=root))


def build(folder: Path) -> Path:
    """Write the mirror under ``folder/blog.example.org`` and return ``folder``."""
    site = folder / HOST
    first = f"{SITE}/2024/03/first-post/"
    files: dict[str, str] = {
        "index.html": page("index.html", _listing("", "Latest"), title="Allotment Notes", canonical=f"{SITE}/",
                           classes="home blog hfeed", og_type="website"),
        "page/2/index.html": page("page/2/index.html", _listing("../../", "Page 2"), title="Page 2",
                                  canonical=f"{SITE}/page/2/", classes="home blog paged paged-2",
                                  og_type="website"),
        "2024/03/first-post/index.html": page("2024/03/first-post/index.html", FIRST, title="Beans at last",
                                              canonical=first, classes="post-template-default single "
                                              "single-post postid-11 single-format-standard"),
        "2024/03/first-post/index.html?replytocom=5": page(
            "2024/03/first-post/x", FIRST, title="Beans at last", canonical=first,
            classes="post-template-default single single-post postid-11"),
        "2024/03/first-post/amp/index.html": page(
            "2024/03/first-post/amp/index.html", FIRST, title="Beans at last", canonical=first,
            classes="amp single"),
        "index.html?p=11": page("index.html", FIRST, title="Beans at last", canonical=first,
                                classes="single single-post postid-11"),
        "2024/04/second-post/index.html": page("2024/04/second-post/index.html", SECOND, title="Seed swap",
                                               canonical=f"{SITE}/2024/04/second-post/",
                                               classes="post-template-default single single-post postid-12"),
        "about/index.html": page("about/index.html", ABOUT, title="About", canonical=f"{SITE}/about/",
                                 classes="page-template-default page page-id-2"),
        "category/harvest/index.html": page("category/harvest/index.html", _listing("../../", "Harvest"),
                                            title="Harvest", canonical=f"{SITE}/category/harvest/",
                                            classes="archive category category-harvest", og_type="website"),
        "tag/beans/index.html": page("tag/beans/index.html", _listing("../../", "beans", 1), title="beans",
                                     canonical=f"{SITE}/tag/beans/", classes="archive tag tag-beans"),
        "author/mo/index.html": page("author/mo/index.html", _listing("../../", "Mo Green"), title="Mo Green",
                                     canonical=f"{SITE}/author/mo/", classes="archive author author-mo"),
        "2024/03/index.html": page("2024/03/index.html", _listing("../../", "March 2024", 1),
                                   title="March 2024", canonical=f"{SITE}/2024/03/", classes="archive date"),
        "2024/03/first-post/beans/index.html": page(
            "2024/03/first-post/beans/index.html", "<p>beans.png</p>", title="beans",
            canonical=f"{SITE}/2024/03/first-post/beans/", classes="attachment single attachmentid-13"),
        "search/beans/index.html": page("search/beans/index.html", _listing("../../", "Search"),
                                        title="Search", canonical=f"{SITE}/search/beans/",
                                        classes="search search-results"),
        "feed/index.html": f'<?xml version="1.0"?><rss version="2.0"><channel><title>Allotment Notes</title>'
                           f"<item><title>Beans at last</title><link>{first}</link></item></channel></rss>",
        "2024/03/first-post/feed/index.html": '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
    }
    for relative, text in files.items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    uploads = site / "wp-content" / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    (uploads / "beans.png").write_bytes(PIXEL)
    (site / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    return folder


#: What the report must count (11 files that are not articles, each for its reason).
SKIPPED = {"home page": 2, "category page": 1, "tag page": 1, "author page": 1, "date archive": 1,
           "attachment page": 1, "search results": 1, "feed": 2, "comment reply copy": 1, "query copy": 1,
           "duplicate copy": 1}
