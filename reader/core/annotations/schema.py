"""The notes file's schema, one migration per version (``PRAGMA user_version``).

v1 the annotations (with FTS5 when SQLite has it), v2 the history of replaced
notes, v3 the sources of notes kept for other archives, v4 kept foreign
selectors, tombstones (deletions that travel to a group) and the group joined,
v5 bookmarks (``kind``) and a history that tells apart two versions saved in
the same second (``digest`` of the content), so every group member keeps the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _v1(db: sqlite3.Connection) -> None:
    db.execute("""CREATE TABLE annotations (
        seq INTEGER PRIMARY KEY,            -- stable rowid for the FTS index
        id TEXT NOT NULL UNIQUE,
        archive TEXT NOT NULL, article TEXT NOT NULL,
        exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL,
        pos_start INTEGER NOT NULL, pos_end INTEGER NOT NULL,
        created TEXT NOT NULL, modified TEXT NOT NULL, creator TEXT NOT NULL,
        color TEXT NOT NULL, style TEXT NOT NULL, note TEXT NOT NULL,
        tags TEXT NOT NULL,                 -- JSON array of strings
        anchored TEXT NOT NULL)""")
    db.execute("CREATE INDEX annotations_by_article ON annotations (archive, article)")
    if fts5_available(db):
        db.execute("CREATE VIRTUAL TABLE annotations_fts USING fts5(note, exact, content='annotations', "
                   "content_rowid='seq', tokenize='unicode61 remove_diacritics 2')")
        db.execute(f"CREATE TRIGGER annotations_ai AFTER INSERT ON annotations BEGIN {_FTS_ADD} END")
        db.execute(f"CREATE TRIGGER annotations_ad AFTER DELETE ON annotations BEGIN {_FTS_DEL} END")
        db.execute("CREATE TRIGGER annotations_au AFTER UPDATE OF note, exact ON annotations "
                   f"BEGIN {_FTS_DEL} {_FTS_ADD} END")


_FTS_ADD = "INSERT INTO annotations_fts(rowid, note, exact) VALUES (new.seq, new.note, new.exact);"
_FTS_DEL = ("INSERT INTO annotations_fts(annotations_fts, rowid, note, exact) "
            "VALUES ('delete', old.seq, old.note, old.exact);")

#: The history's columns as v2 made them (never changed: later versions add columns after these).
_HISTORY_V2 = """
        hseq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        archive TEXT NOT NULL, article TEXT NOT NULL,
        exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL,
        pos_start INTEGER NOT NULL, pos_end INTEGER NOT NULL,
        created TEXT NOT NULL, modified TEXT NOT NULL, creator TEXT NOT NULL,
        color TEXT NOT NULL, style TEXT NOT NULL, note TEXT NOT NULL,
        tags TEXT NOT NULL, anchored TEXT NOT NULL"""


def _v2(db: sqlite3.Connection) -> None:
    """Older versions of notes, so an import or edit that replaces one never loses words."""
    db.execute(f"""CREATE TABLE annotation_history ({_HISTORY_V2},
        UNIQUE (id, modified))              -- one version per timestamp: re-imports add nothing""")


def _v3(db: sqlite3.Connection) -> None:
    """Imported notes for no article of the archive they came into: their target, to match later."""
    db.execute("CREATE TABLE elsewhere (id TEXT PRIMARY KEY, source TEXT NOT NULL, "
               "record_json TEXT NOT NULL)")


def _v4(db: sqlite3.Connection) -> None:
    """Kept foreign selectors, deletions that travel to a group (tombstones), and the group joined."""
    for table in ("annotations", "annotation_history"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN kept TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE TABLE tombstones (id TEXT PRIMARY KEY, archive TEXT NOT NULL, "
               "deleted TEXT NOT NULL)")
    db.execute("CREATE TABLE group_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


_HISTORY_COLUMNS = ("id, archive, article, exact, prefix, suffix, pos_start, pos_end, created, modified, "
                    "creator, color, style, note, tags, anchored, kept")


def _v5(db: sqlite3.Connection) -> None:
    """Bookmarks; history versions told apart by content, not only by their second."""
    db.execute("ALTER TABLE annotations ADD COLUMN kind TEXT NOT NULL DEFAULT 'highlight'")
    db.execute("ALTER TABLE annotation_history RENAME TO annotation_history_v4")
    db.execute(f"""CREATE TABLE annotation_history ({_HISTORY_V2}, kept TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'highlight',
        digest TEXT NOT NULL DEFAULT '',    -- of the content: '' for versions kept before v5
        UNIQUE (id, modified, digest))      -- one row per version: re-imports and re-syncs add nothing""")
    old = db.execute(f"SELECT hseq, {_HISTORY_COLUMNS} FROM annotation_history_v4").fetchall()
    db.executemany(f"INSERT OR IGNORE INTO annotation_history (hseq, {_HISTORY_COLUMNS}, digest) "
                   f"VALUES ({', '.join('?' * 19)})", [(*row, _digest(row[1:])) for row in old])
    db.execute("DROP TABLE annotation_history_v4")
    db.execute("CREATE INDEX annotation_history_by_archive ON annotation_history (archive)")


def _digest(row: tuple[object, ...]) -> str:
    """The content digest of a v4 history row ('' for a damaged one: the store skips it on reading)."""
    from reader.core.annotations.rows import annotation_from_row, content_digest

    try:
        return content_digest(annotation_from_row((*row, "highlight")))
    except (ValueError, TypeError, AttributeError):
        return ""


#: MIGRATIONS[i] takes a store from version i to i + 1, inside one transaction.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5]
SCHEMA_VERSION = len(MIGRATIONS)


def fts5_available(db: sqlite3.Connection) -> bool:
    return any(row[0] == "ENABLE_FTS5" for row in db.execute("PRAGMA compile_options"))


def stand_ins(db: sqlite3.Connection, version: int) -> None:
    """An older file that cannot be upgraded (read-only): what later versions added, as temporary stand-ins.

    Temporary objects shadow the file's own tables, so the store reads the old
    file with today's queries without writing a byte to it.
    """
    if not 1 <= version < 5:
        return
    kept = ", '' AS kept" if version < 4 else ""
    db.execute(f"CREATE TEMP VIEW annotations AS SELECT *{kept}, 'highlight' AS kind FROM main.annotations")
    if version >= 2:
        db.execute(f"CREATE TEMP VIEW annotation_history AS SELECT *{kept}, 'highlight' AS kind, "
                   "'' AS digest FROM main.annotation_history")
    if version < 4:
        db.execute("CREATE TEMP TABLE tombstones (id TEXT PRIMARY KEY, archive TEXT NOT NULL, "
                   "deleted TEXT NOT NULL)")
        db.execute("CREATE TEMP TABLE group_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
