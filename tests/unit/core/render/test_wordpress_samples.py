"""The sample posts of tests/fixtures/wxr/render-samples.xml, through the real WordPress import, keep
their structure when rendered: list depth and numbering, inline semantics, figures and captions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from reader.core import paths as pathsmod
from reader.core import render
from reader.core.archive import Archive, open_archive
from reader.core.importing import WxrOptions, import_wxr

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "wxr"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    work = tmp_path_factory.mktemp("samples")
    import_wxr(work / "site", FIXTURES / "render-samples.xml", pathsmod.Paths.under(work / "data"),
               WxrOptions(media=FIXTURES / "render-uploads"))
    with open_archive(work / "site") as archive:
        yield archive


def page(archive: Archive, article_id: str) -> BeautifulSoup:
    return BeautifulSoup(render.article_html(archive.article(article_id)), "html.parser")


def list_path(item: Tag) -> list[str]:
    return [p.name for p in item.parents if p.name in ("ul", "ol")][::-1]


def test_formatting_post(samples: Archive) -> None:
    out = page(samples, "html-tags-and-formatting")
    assert out.find("h2", id="headings") is not None and out.find("h4").text == "Fourth level"
    assert [s.text for s in out.find_all("s")] == ["struck out (del)", "struck out (s)"]
    assert out.find("sub").text == "2" and out.find("sup").text == "2"
    assert {t.name for t in out.find_all(["ins", "u", "mark", "kbd", "q", "cite", "abbr", "code", "dl"])} == {
        "ins", "u", "mark", "kbd", "q", "cite", "abbr", "code", "dl"}
    assert out.find("blockquote").find("cite").text == "Karl Marx, Theses on Feuerbach"
    assert [th.get("align") for th in out.find_all("th")] == ["left", "center", "right"]
    assert out.find("li", id="fn:1").text.startswith("The footnote's own text.")
    assert "~~" not in out.text and "strike out text" not in out.text


def test_nested_and_mixed_lists_post(samples: Archive) -> None:
    out = page(samples, "nested-and-mixed-lists")
    top = out.find("ol")
    assert [li.contents[0].strip() for li in top.find_all("li", recursive=False)] == [
        "List item one", "List item two", "List item three"]  # not numbered on into the nested list
    third = [li for li in top.find_all("li") if li.find_parent("ol").find_parent("ol") is not None]
    assert max(len(list_path(li)) for li in third) == 3
    four = out.find(string="Level four").find_parent("li")
    assert list_path(four) == ["ul", "ul", "ul", "ul"]
    numbered = out.find(string="numbered again").find_parent("li")
    assert list_path(numbered) == ["ol", "ul", "ol"]
    assert out.find("ol", start="5") is not None


def test_image_alignment_post(samples: Archive) -> None:
    out = page(samples, "image-alignment")
    figure = out.find("figure")
    assert figure["class"] == ["aligncenter"]
    assert figure.find("img")["src"] == "assets/uploads/2024/05/harbour.png"
    assert figure.find("figcaption").text.strip() == "The harbour at dawn"
    images = {img["alt"]: img for img in out.find_all("img")}
    assert images["A lamp"]["class"] == ["alignleft"] and images["Hills"]["class"] == ["alignright"]
    assert "Image:" not in out.text  # the uploads are in the archive: images, not links


def test_gallery_post(samples: Archive) -> None:
    out = page(samples, "gallery")
    figures = out.find("div", class_="gallery").find_all("figure")
    assert [(f.find("img")["alt"], f.find("figcaption").text.strip()) for f in figures] == [
        ("Red", "Caption 1: red"), ("Green", "Caption 2: green"),
        ("Blue", "Caption 3: blue"), ("Grey", "Caption 4: grey")]


def test_code_post(samples: Archive) -> None:
    out = page(samples, "code")
    blocks = out.find_all("pre")
    assert blocks[0].text.startswith("def greet(name: str) -> str:\n    \"\"\"Say hello.\"\"\"")
    assert "x" * 300 in blocks[1].text
    assert out.find("code").text == 'print("hello")'
    assert "python" in samples.article("code").body  # the fence keeps its language


def test_reimport_without_media_keeps_the_archived_images(tmp_path: Path) -> None:
    paths = pathsmod.Paths.under(tmp_path / "data")
    site = tmp_path / "site"
    import_wxr(site, FIXTURES / "render-samples.xml", paths, WxrOptions(media=FIXTURES / "render-uploads"))
    shutil.copyfile(FIXTURES / "render-samples.xml", tmp_path / "changed.xml")
    changed = (tmp_path / "changed.xml").read_text(encoding="utf-8").replace("The harbour at dawn", "At dawn")
    (tmp_path / "changed.xml").write_text(changed, encoding="utf-8")
    report = import_wxr(site, tmp_path / "changed.xml", paths)  # no --media this time
    assert report.updated
    with open_archive(site) as archive:
        out = page(archive, "image-alignment")
    assert out.find("figcaption").text.strip() == "At dawn"
    assert out.find("figure").find("img")["src"] == "assets/uploads/2024/05/harbour.png"
    assert "Image:" not in out.text
