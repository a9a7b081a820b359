"""Library pane tests; :func:`metas` builds archives in memory (no files) of any size."""

from __future__ import annotations

from reader.core.archive.model import ArticleMeta


def metas(count: int, years: int = 2, every_author: int = 3) -> list[ArticleMeta]:
    """``count`` articles over ``years`` years (from 2021 down); one in ``every_author`` has two authors."""
    return [
        ArticleMeta(
            id=f"a{i:05d}",
            title=f"Article {i:05d}",
            authors=("Ann Author", "Bob Writer") if i % every_author == 0 else ("Ann Author",),
            date=f"{2021 - i % years}-01-{1 + i % 28:02d}",
            tags=("t",),
            summary=f"About {i}",
        )
        for i in range(count)
    ]


SMALL = [
    ArticleMeta("zola", "Germinal", ("Émile Zola",), "1885-03-02", ("novel",), summary="Miners strike."),
    ArticleMeta("marx", "The Capital", ("Karl Marx",), "1867-09-14", ("economics",)),
    ArticleMeta("anon", "A Pamphlet", (), None, ("economics", "novel")),
    ArticleMeta("both", "Letters", ("Karl Marx", "Émile Zola"), "1885-01-01"),
]
