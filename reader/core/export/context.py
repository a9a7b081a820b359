"""What an exporter knows about the archive, as plain data.

Exporters are pure functions of (annotations, context): the archive is read
once by :func:`reader.core.export.export`, so tests can build a context by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.annotations import Annotation
from reader.core.archive import Archive, ArticleMeta

URN_PREFIX = "urn:reading-room:"


@dataclass(frozen=True)
class ExportContext:
    """The archive's id and title, and the metadata of the annotated articles."""

    archive_id: str
    archive_title: str
    articles: dict[str, ArticleMeta] = field(default_factory=dict)

    @classmethod
    def of(cls, archive: Archive) -> ExportContext:
        return cls(archive.info.id, archive.info.title, {m.id: m for m in archive.articles()})

    def title(self, article_id: str) -> str:
        meta = self.articles.get(article_id)
        return meta.title if meta else article_id

    def source(self, article_id: str) -> str:
        """The article's web address when known, else a URN naming archive and article."""
        meta = self.articles.get(article_id)
        if meta and meta.source_url:
            return meta.source_url
        return article_urn(self.archive_id, article_id)


def article_urn(archive_id: str, article_id: str) -> str:
    return f"{URN_PREFIX}{archive_id}:{article_id}"


def by_article(annotations: list[Annotation]) -> list[tuple[str, list[Annotation]]]:
    """Group in first-seen order, keeping each group's order (reading order from the store)."""
    groups: dict[str, list[Annotation]] = {}
    for note in annotations:
        groups.setdefault(note.article, []).append(note)
    return list(groups.items())
