"""Highlights and notes: model, SQLite store, anchoring to the article text."""

from reader.core.annotations.anchor import FUZZY_THRESHOLD, Match, anchor, make_selector
from reader.core.annotations.model import (
    ANCHOR_STATES,
    COLORS,
    KINDS,
    STYLES,
    AnchorState,
    Annotation,
    Color,
    Kind,
    Selector,
    Style,
)
from reader.core.annotations.service import (
    AmbiguousQuote,
    Annotations,
    QuoteNotFound,
    find_quote,
)
from reader.core.annotations.store import STORE_FILE, AnnotationStore

__all__ = [
    "ANCHOR_STATES",
    "COLORS",
    "FUZZY_THRESHOLD",
    "KINDS",
    "STORE_FILE",
    "STYLES",
    "AmbiguousQuote",
    "AnchorState",
    "Annotation",
    "AnnotationStore",
    "Annotations",
    "Color",
    "Kind",
    "Match",
    "QuoteNotFound",
    "Selector",
    "Style",
    "anchor",
    "find_quote",
    "make_selector",
]
