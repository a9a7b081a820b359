"""SQLite FTS5 over an archive: the yardstick for our own search.

FTS5 ships with Python's sqlite3 and is what a "just use SQLite" design would
get, so the benchmark answers the same logical queries with it: porter stemming,
diacritics folded, bm25 with the title weighted, top 10 with ``snippet()``.
Dates live in a plain indexed table, as a real app would keep them, so date
filters without text are an index range scan rather than a full scan.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.core.archive import open_archive

SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(
    id UNINDEXED, title, body, authors, tags, categories, date UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE meta (rowid INTEGER PRIMARY KEY, date TEXT);
CREATE INDEX meta_date ON meta (date);
"""
#: bm25 weights per column, in schema order (UNINDEXED columns count too).
BM25 = "bm25(docs, 0.0, 10.0, 1.0, 3.0, 3.0, 2.0, 0.0)"
SNIPPET = "snippet(docs, -1, '<mark>', '</mark>', '…', 24)"


def has_fts5() -> bool:
    """Python's sqlite3 is usually built with FTS5, but a distribution may leave it out."""
    with sqlite3.connect(":memory:") as conn:
        return any(row[0] == "ENABLE_FTS5" for row in conn.execute("PRAGMA compile_options"))


@dataclass(frozen=True)
class Fts5Hit:
    id: str
    title: str
    date: str | None
    snippet: str


class Fts5Index:
    """One SQLite file holding the full-text table and the date table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path)

    @classmethod
    def build(cls, archive_root: Path, path: Path,
              progress: Callable[[int, int], None] | None = None) -> Fts5Index:
        """Index every article from scratch (reading the archive is part of the cost, as for ours)."""
        path.unlink(missing_ok=True)
        index = cls(path)
        conn = index.conn
        conn.executescript(SCHEMA)
        with open_archive(archive_root) as archive:
            metas = archive.articles()

            def rows() -> Iterator[tuple[int, str, str, str, str, str, str, str | None]]:
                for rowid, meta in enumerate(metas, start=1):
                    body = archive.article(meta.id).body
                    if meta.summary:
                        body = meta.summary + "\n\n" + body
                    if progress and rowid % 1000 == 0:
                        progress(rowid, len(metas))
                    yield (rowid, meta.id, meta.title, body, "\n".join(meta.authors),
                           "\n".join(meta.tags), "\n".join(meta.categories), meta.date)

            with conn:
                conn.executemany("INSERT INTO docs (rowid, id, title, body, authors, tags, categories, date)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows())
                conn.execute("INSERT INTO meta (rowid, date) SELECT rowid, date FROM docs")
                conn.execute("INSERT INTO docs (docs) VALUES ('optimize')")
        conn.execute("VACUUM")
        return index

    def search(self, match: str | None, date_from: str | None = None, date_to: str | None = None,
               limit: int = 10) -> list[Fts5Hit]:
        """Top hits for an FTS5 MATCH expression, optionally within ``[date_from, date_to)``."""
        if match is None:  # a pure date filter: newest first, the opening of the body as snippet
            sql = ("SELECT d.id, d.title, d.date, substr(d.body, 1, 160) FROM meta m"
                   " JOIN docs d ON d.rowid = m.rowid WHERE m.date >= ? AND m.date < ?"
                   " ORDER BY m.date DESC LIMIT ?")
            rows = self.conn.execute(sql, (date_from, date_to, limit))
        elif date_from is not None:
            sql = (f"SELECT id, title, date, {SNIPPET} FROM docs WHERE docs MATCH ?"
                   f" AND date >= ? AND date < ? ORDER BY {BM25} LIMIT ?")
            rows = self.conn.execute(sql, (match, date_from, date_to, limit))
        else:
            sql = f"SELECT id, title, date, {SNIPPET} FROM docs WHERE docs MATCH ? ORDER BY {BM25} LIMIT ?"
            rows = self.conn.execute(sql, (match, limit))
        return [Fts5Hit(*row) for row in rows]

    def size_bytes(self) -> int:
        return self.path.stat().st_size

    def close(self) -> None:
        self.conn.close()


def quote(term: str) -> str:
    """An FTS5 string token: safe for any word, including ones FTS5 would read as operators."""
    return '"' + term.replace('"', '""') + '"'

