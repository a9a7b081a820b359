"""Offline full-text search over an archive (Whoosh, engineered for typing speed)."""

from reader.core.search.engine import SearchIndex
from reader.core.search.indexer import Progress
from reader.core.search.query import QueryError
from reader.core.search.results import Hit, SearchResult

__all__ = ["Hit", "Progress", "QueryError", "SearchIndex", "SearchResult"]
