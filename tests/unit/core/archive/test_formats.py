"""Archive format versions: format-1 archives open and render as before; writing upgrades them."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from reader.core import render
from reader.core.archive import open_archive
from reader.core.archive.formats import upgrade_body
from reader.core.archive.model import FORMAT, ArchiveInfo, ImportedArticle
from reader.core.archive.writer import ArchiveWriter
from reader.core.dialect import parse
from reader.core.errors import ArchiveError
from reader.core.resources import bundled_archive

V1_ARCHIVE = Path(__file__).resolve().parents[3] / "fixtures" / "archive-v1"


def _shape(html: str) -> tuple[list[str], str]:
    soup = BeautifulSoup(html, "html.parser")
    return [tag.name for tag in soup.find_all(True)], " ".join(soup.get_text(" ").split())


def test_the_v1_bundled_archive_renders_as_python_markdown_did() -> None:
    with open_archive(V1_ARCHIVE) as archive:
        assert archive.info.format == 1
        (meta,) = archive.articles()
        article = archive.article(meta.id)
    assert article.format == 1
    old = render.sanitize(markdown.markdown(article.body, extensions=["extra", "sane_lists"]))
    assert _shape(render.body_html(article)) == _shape(old)


def test_the_rebuilt_bundled_archive_is_format_2_with_the_same_text() -> None:
    with open_archive(bundled_archive()) as new, open_archive(V1_ARCHIVE) as old:
        assert new.info.format == FORMAT == 2
        (meta,) = new.articles()
        assert render.article_text(new.article(meta.id)) == render.article_text(old.article(meta.id))


V1_BODY = """A ~~tilde~~ and x^2 and `code ~~kept~~` and <span title="a~b">x</span>.

- [ ] not a task in format 1

```
~~fenced~~
```
"""


def test_format_1_has_no_strike_sub_sup_or_tasks_and_the_upgrade_keeps_that() -> None:
    v1_html = render.markdown_to_html(V1_BODY, 1)
    assert "<s>" not in v1_html and "<sup>" not in v1_html and "☐" not in v1_html
    upgraded = upgrade_body(V1_BODY, parse)
    assert _shape(render.markdown_to_html(upgraded, 2)) == _shape(v1_html)
    assert upgrade_body(upgraded, parse) == upgraded  # idempotent: an interrupted upgrade can run again
    assert "`code ~~kept~~`" in upgraded and "\n~~fenced~~\n" in upgraded


def test_writing_into_a_format_1_archive_upgrades_it_first(tmp_path: Path) -> None:
    root = tmp_path / "old"
    shutil.copytree(V1_ARCHIVE, root)
    (root / "articles" / "tildes.md").write_text(f'+++\ntitle = "T"\n+++\n\n{V1_BODY}', encoding="utf-8")
    with open_archive(root) as archive:
        before = render.body_html(archive.article("tildes"))
    writer = ArchiveWriter(root, ArchiveInfo(id="x", title="x"))
    writer.write(ImportedArticle(body="Now ~~struck~~.", title="New"), "new")
    with open_archive(root) as archive:
        assert archive.info.format == 2
        assert _shape(render.body_html(archive.article("tildes"))) == _shape(before)
        assert "<s>struck</s>" in render.body_html(archive.article("new"))


LEGACY = """## Health {#health}

<div markdown="1">
Inside *a div* with [a link](https://example.org/).
</div>

The WHO met the *WHO* about `WHO` and WHOM.

### Plain {: #plain .x }

*[WHO]: World Health Organisation
"""


def test_format_1_abbreviations_and_heading_attributes_render_as_python_markdown_did() -> None:
    old = BeautifulSoup(render.sanitize(markdown.markdown(LEGACY, extensions=["extra", "sane_lists"])),
                        "html.parser")
    new = BeautifulSoup(render.markdown_to_html(LEGACY, 1), "html.parser")
    assert [(a.text, a["title"]) for a in new.find_all("abbr")] == [
        (a.text, a["title"]) for a in old.find_all("abbr")] == [("WHO", "World Health Organisation")] * 2
    assert [h.get("id") for h in new.find_all(["h2", "h3"])] == ["health", "plain"]
    assert new.find("div").find("em").text == "a div" and new.find("div").find("a") is not None
    assert " ".join(new.get_text(" ").split()) == " ".join(old.get_text(" ").split())
    upgraded = upgrade_body(LEGACY, parse)
    assert upgrade_body(upgraded, parse) == upgraded and "*[WHO]" not in upgraded
    assert str(BeautifulSoup(render.markdown_to_html(upgraded), "html.parser")) == str(new)


@pytest.mark.parametrize("value", ['"2"', "0", "true", "1.5"])
def test_a_bad_format_value_is_one_clear_error(tmp_path: Path, value: str) -> None:
    (tmp_path / "archive.toml").write_text(f'id = "a"\ntitle = "A"\nformat = {value}\n', encoding="utf-8")
    with pytest.raises(ArchiveError, match="'format' must be a whole number"):
        open_archive(tmp_path)


def test_a_newer_format_opens_as_the_current_one(tmp_path: Path) -> None:
    (tmp_path / "archive.toml").write_text('id = "a"\ntitle = "A"\nformat = 9\n', encoding="utf-8")
    with open_archive(tmp_path) as archive:
        assert archive.info.format == FORMAT
