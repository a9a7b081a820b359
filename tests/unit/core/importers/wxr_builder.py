"""Tiny WXR documents for tests: one function call per rule under test."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "wxr"
EXAMPLE = FIXTURES / "example-1.2.xml"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(post_id: int, content: str = "Body text.", *, title: str = "", status: str = "publish",
         post_type: str = "post", name: str | None = None, password: str = "", creator: str = "ann",
         date_gmt: str = "2019-03-05 14:00:00", date: str = "2019-03-05 15:00:00", excerpt: str = "",
         categories: tuple[str, ...] = (), tags: tuple[str, ...] = (), extra: str = "") -> str:
    title = title or f"Post {post_id}"
    name = f"post-{post_id}" if name is None else name
    cats = "".join(f'<category domain="category" nicename="c">{cdata(c)}</category>' for c in categories)
    cats += "".join(f'<category domain="post_tag" nicename="t">{cdata(t)}</category>' for t in tags)
    return f"""
    <item>
      <title>{cdata(title)}</title>
      <link>https://site.example/{name or post_id}/</link>
      <dc:creator>{cdata(creator)}</dc:creator>
      <guid isPermaLink="false">https://site.example/?p={post_id}</guid>
      <content:encoded>{cdata(content)}</content:encoded>
      <excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
      <wp:post_id>{post_id}</wp:post_id>
      <wp:post_date>{cdata(date)}</wp:post_date>
      <wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>
      <wp:post_name>{cdata(name)}</wp:post_name>
      <wp:status>{cdata(status)}</wp:status>
      <wp:post_type>{cdata(post_type)}</wp:post_type>
      <wp:post_password>{cdata(password)}</wp:post_password>
      {cats}{extra}
    </item>"""


def wxr(*items: str, version: str = "1.2", scheme: str = "http", authors: dict[str, str] | None = None,
        title: str = "Test site") -> str:
    ns = f"{scheme}://wordpress.org/export/{version}/"
    people = "".join(
        f"<wp:author><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>"
        for login, name in (authors if authors is not None else {"ann": "Ann Author"}).items()
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="{ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">
<channel>
  <title>{title}</title>
  <link>https://site.example</link>
  <description>A test site</description>
  <language>en</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>https://site.example</wp:base_site_url>
  <wp:base_blog_url>https://site.example</wp:base_blog_url>
  {people}
  {"".join(items)}
</channel>
</rss>
"""


def write(path: Path, *items: str, **options: object) -> Path:
    path.write_text(wxr(*items, **options), encoding="utf-8")  # type: ignore[arg-type]
    return path
