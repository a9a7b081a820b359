"""What a search returns: plain data, cheap to hand across threads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: str | None
    authors: tuple[str, ...]
    score: float
    snippet: str  # HTML: escaped text with the hit terms in <mark>

    def to_json(self) -> dict[str, object]:
        """The ``search --json`` hit contract: keep these keys."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "authors": list(self.authors),
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    total_is_estimate: bool = False
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    partial: bool = False  # the time limit cut the search short
    message: str | None = None  # a note for the user (e.g. a term list was capped)
    #: Indexed word forms (stems) to mark in an opened article; not part of the JSON contract.
    terms: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The ``search --json`` contract: keep these keys."""
        return {
            "query": self.query,
            "total": self.total,
            "total_is_estimate": self.total_is_estimate,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {name: [[value, count] for value, count in counts]
                       for name, counts in self.facets.items()},
            "suggestion": self.suggestion,
            "partial": self.partial,
            "message": self.message,
        }
