"""Reading state: what was read (and where), favourites, the last article.

SQLite in the user data dir (WAL, ``synchronous=NORMAL``), one row per
article per archive; every change is committed at once, so closing the app at
any moment keeps what the reader saw.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

log = logging.getLogger("reader.state")

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
    """Our own cache of what was read: a damaged file is set aside and started afresh; a disk
    that is full or read-only only means the state is not kept, reading goes on."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._warned = False
        try:
            self._db = _open(path)
        except (OSError, sqlite3.OperationalError) as exc:  # read-only folder, full disk
            log.warning("reading state %s cannot be written (%s); keeping it in memory", path, exc)
            self._db = _open(Path(":memory:"))
        except sqlite3.DatabaseError as exc:  # not a database, malformed
            aside = path.with_name(path.name + ".damaged")
            log.warning("reading state %s is damaged (%s); moved to %s and started afresh", path, exc, aside)
            try:
                path.replace(aside)
                for suffix in ("-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
                self._db = _open(path)
            except (OSError, sqlite3.Error):
                self._db = _open(Path(":memory:"))

    @classmethod
    def in_dir(cls, data_dir: Path) -> ReadingState:
        return cls(data_dir / STATE_FILE)

    def close(self) -> None:
        self._db.close()

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        """Rows changed; 0 when the change cannot be kept (logged once: reading goes on)."""
        try:
            return self._db.execute(sql, params).rowcount
        except sqlite3.Error as exc:
            if not self._warned:
                log.warning("cannot save the reading state in %s: %s", self.path, exc)
                self._warned = True
            return 0

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            log.warning("cannot read the reading state in %s: %s", self.path, exc)
            return []

    def mark_read(self, archive: str, article: str, scroll: float = 0.0) -> None:
        self._write(
            "INSERT INTO reads VALUES (?, ?, ?, ?) ON CONFLICT(archive, article) DO UPDATE "
            "SET last_read = excluded.last_read, scroll = excluded.scroll",
            (archive, article, time.time(), scroll),
        )
        self._write("INSERT OR REPLACE INTO last VALUES (?, ?)", (archive, article))

    def set_scroll(self, archive: str, article: str, scroll: float) -> None:
        self._write("UPDATE reads SET scroll = ? WHERE archive = ? AND article = ?",
                    (scroll, archive, article))

    def scroll(self, archive: str, article: str) -> float:
        rows = self._rows("SELECT scroll FROM reads WHERE archive = ? AND article = ?", (archive, article))
        return float(rows[0][0]) if rows else 0.0  # type: ignore[arg-type]

    def read_ids(self, archive: str) -> set[str]:
        return {str(r[0]) for r in self._rows("SELECT article FROM reads WHERE archive = ?", (archive,))}

    def recent(self, archive: str, limit: int = 20) -> list[str]:
        rows = self._rows("SELECT article FROM reads WHERE archive = ? ORDER BY last_read DESC LIMIT ?",
                          (archive, limit))
        return [str(r[0]) for r in rows]

    def last_article(self, archive: str) -> str | None:
        rows = self._rows("SELECT article FROM last WHERE archive = ?", (archive,))
        return str(rows[0][0]) if rows else None

    def favourites(self, archive: str) -> set[str]:
        return {str(r[0]) for r in self._rows("SELECT article FROM favourites WHERE archive = ?", (archive,))}

    def toggle_favourite(self, archive: str, article: str) -> bool:
        """Returns whether the article is a favourite now."""
        if self._write("DELETE FROM favourites WHERE archive = ? AND article = ?", (archive, article)):
            return False
        return bool(self._write("INSERT INTO favourites VALUES (?, ?, ?)", (archive, article, time.time())))


def _open(path: Path) -> sqlite3.Connection:
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("SELECT count(*) FROM reads").fetchone()
    except BaseException:
        db.close()
        raise
    return db
