"""A small real archive and a real Whoosh index in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.search import SearchIndex

ARTICLES = {
    "running-club": ("Running for beginners", ["Ann Author"], "2019-03-04", ["sport", "health"], ["Life"],
                     "She was running every morning. Runners know the joy of a long run by the river."),
    "working-class": ("The working class", ["Bob Writer"], "2019-06-20", ["history"], ["Theory"],
                      "The working class took power in 1917. Workers councils ran the factories."),
    "class-work": (
        "Class work", ["Bob Writer"], "2020-01-10", ["school"], ["Life"],
        "In class we work on essays; work hard, class! The class working group met.",
    ),
    "socialism": ("Socialism explained", ["Ann Author", "José Müller"], "2018-11-30", ["history", "theory"],
                  ["Theory"], "Socialism is not capitalism. Socialist planning and social ownership."),
    "undated": (
        "An undated note", [], None, [], [], "Nothing about sport here, only gardening and tomatoes.",
    ),
}


def article_text(title: str, authors: list[str], date: str | None, tags: list[str],
                 categories: list[str], body: str) -> str:
    lines = ["+++", f'title = "{title}"', f"authors = {authors!r}".replace("'", '"')]
    if date:
        lines.append(f"date = {date}")
    lines += [f"tags = {tags!r}".replace("'", '"'), f"categories = {categories!r}".replace("'", '"'), "+++"]
    return "\n".join(lines) + f"\n\n{body}\n"


@pytest.fixture
def archive_dir(make_archive) -> Path:
    return make_archive({slug: article_text(*fields) for slug, fields in ARTICLES.items()})


@pytest.fixture
def paths(data_dir: Path) -> pathsmod.Paths:
    return pathsmod.Paths.under(data_dir).ensure()


@pytest.fixture
def index(archive_dir: Path, paths: pathsmod.Paths):
    with SearchIndex.open(archive_dir, paths) as opened:
        yield opened


def ids(result) -> list[str]:
    return sorted(hit.id for hit in result.hits)


def change_articles(archive_dir: Path) -> None:
    """One article changed, one added, one removed: what an update must follow."""
    articles = archive_dir / "articles"
    (articles / "undated.md").write_text(article_text("Note", [], None, [], [], "Now about cucumbers."))
    (articles / "new.md").write_text(article_text("New", ["Cy"], "2021-01-01", [], [], "Fresh radishes."))
    (articles / "socialism.md").unlink()
