"""Reading state: what was read (and where), favourites, the last article.

SQLite in the user data dir (WAL, ``synchronous=NORMAL``), one row per
article per archive; every change is committed at once, so closing the app at
any moment keeps what the reader saw.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

STATE_FILE = "reading-state.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reads (
    archive TEXT NOT NULL, article TEXT NOT NULL,
    last_read REAL NOT NULL, scroll REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (archive, article));
CREATE TABLE IF NOT EXISTS favourites (
    archive TEXT NOT NULL, article TEXT NOT NULL, added REAL NOT NULL,
    PRIMARY KEY (archive, article));
CREATE TABLE IF NOT EXISTS last (
    archive TEXT PRIMARY KEY, article TEXT NOT NULL);
"""


class ReadingState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @classmethod
    def in_dir(cls, data_dir: Path) -> ReadingState:
        return cls(data_dir / STATE_FILE)

    def close(self) -> None:
        self._db.close()

    def mark_read(self, archive: str, article: str, scroll: float = 0.0) -> None:
        self._db.execute(
            "INSERT INTO reads VALUES (?, ?, ?, ?) ON CONFLICT(archive, article) DO UPDATE "
            "SET last_read = excluded.last_read, scroll = excluded.scroll",
            (archive, article, time.time(), scroll),
        )
        self._db.execute("INSERT OR REPLACE INTO last VALUES (?, ?)", (archive, article))

    def set_scroll(self, archive: str, article: str, scroll: float) -> None:
        self._db.execute("UPDATE reads SET scroll = ? WHERE archive = ? AND article = ?",
                         (scroll, archive, article))

    def scroll(self, archive: str, article: str) -> float:
        row = self._db.execute("SELECT scroll FROM reads WHERE archive = ? AND article = ?",
                               (archive, article)).fetchone()
        return float(row[0]) if row else 0.0

    def read_ids(self, archive: str) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT article FROM reads WHERE archive = ?", (archive,))}

    def recent(self, archive: str, limit: int = 20) -> list[str]:
        rows = self._db.execute(
            "SELECT article FROM reads WHERE archive = ? ORDER BY last_read DESC LIMIT ?", (archive, limit))
        return [r[0] for r in rows]

    def last_article(self, archive: str) -> str | None:
        row = self._db.execute("SELECT article FROM last WHERE archive = ?", (archive,)).fetchone()
        return row[0] if row else None

    def favourites(self, archive: str) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT article FROM favourites WHERE archive = ?",
                                               (archive,))}

    def toggle_favourite(self, archive: str, article: str) -> bool:
        """Returns whether the article is a favourite now."""
        removed = self._db.execute("DELETE FROM favourites WHERE archive = ? AND article = ?",
                                   (archive, article)).rowcount
        if removed:
            return False
        self._db.execute("INSERT INTO favourites VALUES (?, ?, ?)", (archive, article, time.time()))
        return True
