"""WordPress exports: every import rule, on real files written by tests/…/wxr_builder.py
and on the hand-written example export in tests/fixtures/wxr/."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.archive import Archive, open_archive
from reader.core.errors import SourceError
from reader.core.importers.wordpress import Attachment, Media, post_markdown
from reader.core.importers.wxr import WxrChannel, read_wxr
from reader.core.importing import WxrOptions, WxrReport, import_wxr
from tests.unit.core.importers.wxr_builder import EXAMPLE, item, write

UPLOADS = "https://students.example.org/wp-content/uploads/2019/03"


def run(source: Path, folder: Path, **options: object) -> WxrReport:
    return import_wxr(folder, source, pathsmod.resolve(), WxrOptions(**options))  # type: ignore[arg-type]


def body(archive: Archive, article_id: str) -> str:
    return archive.article(article_id).body.strip()


@pytest.fixture
def example(tmp_path: Path) -> Archive:
    report = run(EXAMPLE, tmp_path / "site")
    assert report.indexed
    return open_archive(tmp_path / "site")


# -- the file format ------------------------------------------------------------------------------
@pytest.mark.parametrize(("version", "scheme"), [("1.0", "http"), ("1.1", "https"), ("1.2", "http"),
                                                 ("1.2", "https")])
def test_every_version_and_both_namespace_schemes(tmp_path: Path, version: str, scheme: str) -> None:
    source = write(tmp_path / "export.xml", item(1, "Hello there.", excerpt="Short."), version=version,
                   scheme=scheme)
    channel = WxrChannel()
    items = list(read_wxr(source, channel))
    assert channel.version == version and channel.authors == {"ann": "Ann Author"}
    assert [(i.post_id, i.content, i.excerpt, i.creator) for i in items] == [
        (1, "Hello there.", "Short.", "ann")]
    report = run(source, tmp_path / "out")
    assert report.imported == ["post-1"]


def test_a_plain_rss_feed_is_refused(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                    "<item><title>a</title></item></channel></rss>", encoding="utf-8")
    with pytest.raises(SourceError, match="not a WordPress export"):
        run(feed, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_malformed_xml_names_line_and_column_and_writes_nothing(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    broken_line = next(n for n, line in enumerate(lines) if "<wp:post_id>11<" in line)
    lines[broken_line] = lines[broken_line].replace("<wp:post_id>11</wp:post_id>", "<wp:post_id>11</wp:post>")
    source = tmp_path / "broken.xml"
    source.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match=rf"line {broken_line + 1}, column \d+: mismatched tag"):
        run(source, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "rr-data") == ["broken.xml"]


def test_a_truncated_export_leaves_an_existing_archive_untouched(tmp_path: Path) -> None:
    run(EXAMPLE, tmp_path / "site")
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(EXAMPLE.read_bytes()[: len(EXAMPLE.read_bytes()) // 2])
    with pytest.raises(SourceError, match="line"):
        run(truncated, tmp_path / "site")
    after = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]>'
                    '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&a9;</title>'
                    "</item></channel></rss>", encoding="utf-8")
    with pytest.raises(SourceError, match="line 1"):
        run(bomb, tmp_path / "out")


# -- which items become articles --------------------------------------------------------------
def test_only_published_posts_by_default(tmp_path: Path, example: Archive) -> None:
    assert sorted(m.id for m in example.articles()) == ["hasnt-socialism-been-tried", "reading-list",
                                                        "why-we-organise"]
    report = run(EXAMPLE, tmp_path / "again")
    assert dict(report.skipped) == {"attachment": 1, "draft": 1, "pending": 1, "private": 1, "future": 1,
                                    "trash": 1, "password-protected": 1, "page": 1, "nav_menu_item": 1}
    everything = "\n".join(body(example, m.id) for m in example.articles())
    for hidden in ("DRAFT-TEXT", "PENDING-TEXT", "PRIVATE-TEXT", "FUTURE-TEXT", "TRASH-TEXT",
                   "PROTECTED-TEXT", "COMMENT-TEXT", "We are a student federation"):
        assert hidden not in everything


def test_pages_and_protected_posts_on_request(tmp_path: Path) -> None:
    report = run(EXAMPLE, tmp_path / "all", include_pages=True, include_protected=True)
    assert sorted(report.imported) == ["about", "hasnt-socialism-been-tried", "minutes", "reading-list",
                                       "why-we-organise"]
    assert "page" not in report.skipped and "password-protected" not in report.skipped


def test_metadata(example: Archive) -> None:
    post = example.meta("hasnt-socialism-been-tried")
    assert post.title == "Q&A: Hasn’t socialism been tried?"  # entities decoded, <em> dropped
    assert post.authors == ("Ann Organiser",)  # wp:author display name, not the login
    assert post.date == "2019-03-06T04:30:00Z"  # post_date_gmt, not the local post_date
    assert post.day == "2019-03-06"
    assert post.categories == ("Économie",) and post.tags == ("社会主义", "Ärger")
    assert post.source_url == "https://students.example.org/2019/03/05/hasnt-socialism-been-tried/"
    assert post.source_id == "https://students.example.org/?p=10"
    assert post.summary == "Why the USSR was not socialism."
    other = example.meta("why-we-organise")
    assert other.authors == ("guest",)  # no wp:author entry: dc:creator as it is
    assert other.date == "2020-05-01T12:00:00"  # GMT date missing ("0000-…"): the local one
    assert example.info.title == "Student Federation Archives" and example.info.language == "en-GB"


def test_non_ascii_slug_and_missing_slug(tmp_path: Path) -> None:
    source = write(tmp_path / "e.xml", item(1, name="%c3%a9conomie-et-soci%c3%a9t%c3%a9"),
                   item(2, title="Ünïcode title", name=""), item(3, title="Post 3", name="post-1"))
    report = run(source, tmp_path / "out")
    assert report.imported == ["economie-et-societe", "unicode-title", "post-1"]


def test_title_markup_and_double_encoded_entities(tmp_path: Path) -> None:
    source = write(tmp_path / "e.xml", item(1, title="Tom &amp;amp; Jerry <strong>live</strong> &#8211; now"))
    run(source, tmp_path / "out")
    assert open_archive(tmp_path / "out").meta("post-1").title == "Tom & Jerry live – now"


# -- content ----------------------------------------------------------------------------------------
def test_classic_content_follows_wpautop(example: Archive) -> None:
    text = body(example, "hasnt-socialism-been-tried")
    assert text.startswith("It is often said that socialism has been tried.  \nThe claim rests")
    assert "> The emancipation of the working classes" in text
    assert "- common ownership of the means of production\n- democratic planning" in text


def test_block_content_keeps_the_blocks_html_and_drops_the_comments(example: Archive) -> None:
    text = body(example, "reading-list")
    assert "wp:" not in text and "<!--" not in text
    assert text.startswith("Start with these **three** books.\n\n## The books\n\n- The Communist Manifesto")
    assert "> Philosophers have only interpreted the world" in text
    assert f"[Image: Members reading]({UPLOADS}/march.jpg)" in text
    assert "<figcaption>\n\nOur reading group\n\n</figcaption>" in text and "\n---\n" in text
    assert "<https://www.youtube.com/watch?v=abc123>" in text  # the embed block's URL, as a link
    assert "alert" not in text and "javascript" not in text


def test_shortcodes_become_markdown_or_vanish(example: Archive) -> None:
    text = body(example, "hasnt-socialism-been-tried")
    assert f"[Image: A march in 1917]({UPLOADS}/march.jpg)" in text
    assert "<figcaption>\n\nWorkers marching, 1917\n\n</figcaption>" in text  # [caption]
    assert f'<div class="gallery">\n\n<figure>\n\n[Image: A gallery image]({UPLOADS}/march.jpg)' in text
    assert "<https://vimeo.com/76979871>" in text  # [embed]
    assert "[Audio: talk.mp3](https://students.example.org/wp-content/uploads/2019/03/talk.mp3)" in text
    assert "[Video: clip.mp4](https://students.example.org/wp-content/uploads/2019/03/clip.mp4)" in text
    assert "A footnote follows[^1] and boxed words and and [sic] stay." in text
    assert text.endswith("[^1]: Marx, *Rules of the International*, 1864.")
    for raw in ("[caption", "[gallery", "[embed", "[audio", "[video", "[su_box", "[jetpack", "[/",
                "[footnote"):
        assert raw not in text


def test_more_and_nextpage_are_removed_and_bare_urls_become_links(example: Archive) -> None:
    text = body(example, "hasnt-socialism-been-tried")
    assert "more" not in text.lower().replace("more than", "")
    assert "nextpage" not in text and "\n\nLast page." in text
    assert "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>" in text


def test_gallery_without_ids_uses_the_posts_attachments() -> None:
    media = Media({7: Attachment("https://s.example/wp-content/uploads/a.png", "A", parent=3, menu_order=2),
                   8: Attachment("https://s.example/wp-content/uploads/b.png", "B", parent=3, menu_order=1),
                   9: Attachment("https://s.example/wp-content/uploads/c.png", "C", parent=4)})
    assert post_markdown("[gallery]", 3, media) == (
        '<div class="gallery">\n\n'
        "<figure>\n\n[Image: B](https://s.example/wp-content/uploads/b.png)\n\n</figure>\n\n"
        "<figure>\n\n[Image: A](https://s.example/wp-content/uploads/a.png)\n\n</figure>\n\n</div>")
    assert post_markdown('[gallery ids="99"]', 3, media) == ""


def test_media_folder_turns_images_into_assets(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads" / "2019" / "03"
    uploads.mkdir(parents=True)
    (uploads / "march.jpg").write_bytes(b"\xff\xd8jpeg")
    run(EXAMPLE, tmp_path / "site", media=tmp_path / "uploads")
    archive = open_archive(tmp_path / "site")
    # the resized "march-300x200.jpg" is not in the copy: the original is used
    text = body(archive, "hasnt-socialism-been-tried")
    assert "![A march in 1917](assets/uploads/2019/03/march.jpg)" in text
    copied = tmp_path / "site" / "assets" / "uploads" / "2019" / "03" / "march.jpg"
    assert copied.read_bytes() == b"\xff\xd8jpeg"
    # a file that is not in the copy stays a link to the site
    assert "[Audio: talk.mp3](https://students.example.org/" in body(archive, "hasnt-socialism-been-tried")


def test_media_paths_cannot_escape_the_uploads_copy(tmp_path: Path) -> None:
    (tmp_path / "uploads").mkdir()
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    media = Media({}, tmp_path / "uploads", tmp_path / "assets")
    text = post_markdown('<img src="https://s.example/wp-content/uploads/../secret.jpg">', 1, media)
    assert "assets" not in text and not (tmp_path / "assets").exists()


def test_hostile_content_is_defused(tmp_path: Path) -> None:
    hostile = ('<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p>'
               '<iframe src="file:///etc/passwd"></iframe><style>p{}</style>'
               '<object data="https://evil.example/x.swf"></object>')
    source = write(tmp_path / "e.xml", item(1, hostile))
    run(source, tmp_path / "out")
    text = body(open_archive(tmp_path / "out"), "post-1")
    assert text == "Hi there\n\n<https://evil.example/x.swf>"
