"""Plain data classes for archives and articles.

Metadata fields that are unknown stay ``None`` or empty: we never invent an
author or a date (see docs/archive-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The archive format this version writes: 2 is markdown-it's dialect (docs/archive-format.md);
#: an ``archive.toml`` without a ``format`` key is format 1 (Python-Markdown "extra").
FORMAT = 2

#: Front-matter keys an article may carry, in the order we write them.
ARTICLE_FIELDS = ("title", "authors", "date", "tags", "categories", "source_url", "source_id", "summary")


@dataclass(frozen=True)
class ArchiveInfo:
    """The contents of ``archive.toml``."""

    id: str
    title: str
    description: str = ""
    language: str = ""
    version: str = ""
    format: int = FORMAT  # of the articles' Markdown; archives read from disk say theirs


@dataclass(frozen=True)
class ArticleMeta:
    """What the library pane and ``list --json`` need, without the body."""

    id: str
    title: str
    authors: tuple[str, ...] = ()
    date: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    source_url: str | None = None
    summary: str | None = None
    source_id: str | None = None

    @property
    def day(self) -> str:
        """The date without its time (imported posts carry full timestamps)."""
        return (self.date or "")[:10]

    def to_json(self) -> dict[str, object]:
        """The ``list --json`` contract: keep these keys."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "tags": list(self.tags),
            "categories": list(self.categories),
        }


@dataclass(frozen=True)
class Article:
    """An article's metadata and its Markdown body."""

    meta: ArticleMeta
    body: str
    format: int = FORMAT  # the archive format (Markdown dialect) the body is written in

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class ArchiveProblem:
    """A file that could not be read; the rest of the archive still opens."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class ImportedArticle:
    """What an importer extracts from one source, before it gets an id."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    source_url: str | None = None
    summary: str | None = None
    slug: str | None = None
    source_id: str | None = None
