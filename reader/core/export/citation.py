"""A quote with its citation, as a reader pastes it into an essay or a message."""

from __future__ import annotations

from reader.core.archive import ArticleMeta


def cite(quote: str, meta: ArticleMeta) -> str:
    """“quote” — Authors, Title (day), source; unknown parts are left out, never invented."""
    parts = [", ".join(meta.authors)] if meta.authors else []
    parts.append(meta.title + (f" ({meta.day})" if meta.date else ""))
    if meta.source_url:
        parts.append(meta.source_url)
    return f"“{' '.join(quote.split())}” — " + ", ".join(parts)
