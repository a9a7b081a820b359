"""Archives: a folder (or the same folder zipped) of Markdown articles."""

from reader.core.archive.model import (
    ArchiveInfo,
    ArchiveProblem,
    Article,
    ArticleMeta,
    ImportedArticle,
)
from reader.core.archive.store import Archive, open_archive

__all__ = [
    "Archive",
    "ArchiveInfo",
    "ArchiveProblem",
    "Article",
    "ArticleMeta",
    "ImportedArticle",
    "open_archive",
]
