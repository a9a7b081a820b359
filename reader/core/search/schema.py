"""The index schema and its version.

Only ``id`` is stored: titles, dates and facets come from ``docs.bin`` (``docstore.py``),
written beside the index (one row decoded per hit instead of a stored
field read), and snippets come from the article text itself.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, Schema

from reader.core.search.analysis import analyzer
from reader.core.search.fastindex import FastText

#: Bump when the schema, the analyzer or the side files change: old indexes are rebuilt.
SCHEMA_VERSION = 4

#: Query-syntax names (what users type) → index fields.
FIELD_ALIASES = {
    "author": "authors",
    "authors": "authors",
    "tag": "tags",
    "tags": "tags",
    "category": "categories",
    "categories": "categories",
    "title": "title",
    "body": "body",
}
TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 2.0


def build_schema() -> Schema:
    text = analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=FastText(analyzer=text, field_boost=TITLE_BOOST),
        body=FastText(analyzer=text),
        authors=KEYWORD(commas=True, lowercase=True, scorable=True),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True),
        categories=KEYWORD(commas=True, lowercase=True, scorable=True),
        date=ID(),
        year=ID(),
    )
