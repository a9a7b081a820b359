"""The search pane: search-as-you-type, marked snippets, facets, query help."""

from reader.ui.search.panel import SearchPanel

__all__ = ["SearchPanel"]
