"""A saved WordPress mirror imports to exactly its posts and pages, linked and illustrated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.render import article_html
from reader.core.search.indexer import Cancelled
from reader.core.usecases import AppContext
from reader.core.usecases.importing import ImportRequest, import_into

from . import wp_mirror


@pytest.fixture
def ctx(tmp_path: Path) -> AppContext:
    return AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_mirror_imports_to_exactly_its_articles(ctx: AppContext, tmp_path: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")
    phases: list[str] = []
    outcome = import_into(ctx, ImportRequest(tmp_path / "arch", (mirror,)),
                          progress=lambda phase, done, total: phases.append(phase))
    report = outcome.value
    assert set(report.added) == wp_mirror.ARTICLES
    assert dict(report.skipped) == wp_mirror.SKIPPED
    assert "11 skipped" not in outcome.message and "skipped" in outcome.message
    assert {"Reading", "Converting"} <= set(phases)
    with open_archive(tmp_path / "arch") as archive:
        articles = {meta.id: meta for meta in archive.articles()}
        assert set(articles) == wp_mirror.ARTICLES
        first = archive.article("first-post")
    meta = articles["first-post"]
    assert (meta.title, meta.authors) == ("Beans at last", ("Mo Green",))
    assert meta.date == "2024-03-09T10:00:00+00:00"
    assert meta.source_url == f"{wp_mirror.SITE}/2024/03/first-post/"
    assert (meta.categories, meta.tags) == (("Harvest",), ("beans",))
    for chrome in ("Skip to content", "Recent Posts", "Proudly", "Leave a Reply", "Lovely", "Posted in"):
        assert chrome not in first.body, chrome


def test_links_between_articles_become_archive_links(ctx: AppContext, tmp_path: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")
    import_into(ctx, ImportRequest(tmp_path / "arch", (mirror,)))
    with open_archive(tmp_path / "arch") as archive:
        first, second = archive.article("first-post").body, archive.article("second-post").body
    assert "[seed swap](second-post.md)" in first
    assert "[about page](about.md#rules)" in first
    assert "[beans post](first-post.md)" in second
    assert "[growing guide](https://www.rhs.example/beans)" in first  # elsewhere: stays external
    assert f"[harvest archive](https://{wp_mirror.HOST}/category/harvest)" in first  # a listing: the web
    assert not re.search(r"\]\((?!https?://|[\w-]+\.md|assets/)", first)  # no link into the mirror's files


def test_images_shown_are_copied_others_become_links(ctx: AppContext, tmp_path: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")
    import_into(ctx, ImportRequest(tmp_path / "arch", (mirror,)))
    asset = f"assets/site/{wp_mirror.HOST}/wp-content/uploads/2024/03/beans.png"
    assert (tmp_path / "arch" / asset).read_bytes() == wp_mirror.PIXEL
    with open_archive(tmp_path / "arch") as archive:
        article = archive.article("first-post")
        html = article_html(article)
    assert f"![Beans on canes]({asset})" in article.body
    assert "[at the show](https://cdn.example.net/show.jpg)" in article.body
    assert "beans.png" in html and "<img" in html


def test_reimport_changes_nothing(ctx: AppContext, tmp_path: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")
    request = ImportRequest(tmp_path / "arch", (mirror,))
    import_into(ctx, request)
    before = snapshot(tmp_path / "arch")
    report = import_into(ctx, request).value
    assert (report.added, report.updated, report.unchanged) == ([], [], 3)
    assert snapshot(tmp_path / "arch") == before


def test_cancelled_import_leaves_the_archive_as_it_was(ctx: AppContext, tmp_path: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")

    def cancel(phase: str, done: int, total: int) -> None:
        if phase == "Converting" and done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        import_into(ctx, ImportRequest(tmp_path / "arch", (mirror,)), progress=cancel)
    assert not (tmp_path / "arch").exists()


def test_an_unreadable_page_is_skipped_with_its_reason(ctx: AppContext, tmp_path: Path) -> None:
    mirror = wp_mirror.build(tmp_path / "mirror")
    (mirror / wp_mirror.HOST / "broken.html").write_bytes(b"\x00\x01\x02" * 100)
    report = import_into(ctx, ImportRequest(tmp_path / "arch", (mirror,))).value
    assert report.skipped["unreadable file"] == 1 and set(report.added) == wp_mirror.ARTICLES
