"""The notes file: every annotation, in SQLite under the user data dir.

Notes are the reader's own work, so the store is stricter than the reading
state: WAL with ``synchronous=FULL`` (a commit survives power loss, not only a
crash), and every call commits before it returns, so anything the UI has
confirmed is on disk.  The schema version lives in ``PRAGMA user_version``;
:data:`MIGRATIONS` upgrades step by step (v2 adds the history of replaced
notes, v3 the sources of notes kept for other archives), and a file from a
newer version is refused rather than downgraded.  Notes are searched with FTS5
when this SQLite has it, else with LIKE.
"""

from __future__ import annotations

import json
import sqlite3
import string
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from reader.core.annotations.model import AnchorState, Annotation, Selector, utc_now
from reader.core.errors import ReaderError

STORE_FILE = "annotations.sqlite"
_COLUMNS = ("id, archive, article, exact, prefix, suffix, pos_start, pos_end, created, modified, "
            "creator, color, style, note, tags, anchored")


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

def _v2(db: sqlite3.Connection) -> None:
    """Older versions of notes, so an import or edit that replaces one never loses words."""
    db.execute("""CREATE TABLE annotation_history (
        hseq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        archive TEXT NOT NULL, article TEXT NOT NULL,
        exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL,
        pos_start INTEGER NOT NULL, pos_end INTEGER NOT NULL,
        created TEXT NOT NULL, modified TEXT NOT NULL, creator TEXT NOT NULL,
        color TEXT NOT NULL, style TEXT NOT NULL, note TEXT NOT NULL,
        tags TEXT NOT NULL, anchored TEXT NOT NULL,
        UNIQUE (id, modified))              -- one version per timestamp: re-imports add nothing""")


def _v3(db: sqlite3.Connection) -> None:
    """Imported notes for no article of the archive they came into: their target, to match later."""
    db.execute("CREATE TABLE elsewhere (id TEXT PRIMARY KEY, source TEXT NOT NULL, "
               "record_json TEXT NOT NULL)")


#: MIGRATIONS[i] takes a store from version i to i + 1, inside one transaction.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


def fts5_available(db: sqlite3.Connection) -> bool:
    return any(row[0] == "ENABLE_FTS5" for row in db.execute("PRAGMA compile_options"))


class AnnotationStore:
    """All annotations of one user, for every archive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        try:
            self._refuse_newer()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._migrate()
            self.fts = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'annotations_fts'").fetchone() is not None
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise ReaderError(f"cannot open the notes file {path}: {exc}") from exc
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def in_dir(cls, data_dir: Path) -> AnnotationStore:
        return cls(data_dir / STORE_FILE)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _refuse_newer(self) -> int:
        version = self.version
        if version > SCHEMA_VERSION:
            raise ReaderError(
                f"the notes file {self.path} is from a newer Reading Room (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION}); it was left untouched")
        return version

    def _migrate(self) -> None:
        if self.version == SCHEMA_VERSION:
            return
        with self._transaction():
            version = self._refuse_newer()  # again under the write lock: one opener migrates
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self._db)
                self._db.execute(f"PRAGMA user_version = {step + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several writes (e.g. an import): all of them are committed, or none.

        Inside, use only single-statement writes (:meth:`add`, :meth:`put`,
        :meth:`set_anchor`); :meth:`update` and :meth:`delete` open their own.
        """
        with self._transaction():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- changes (each one statement or one transaction: committed on return) --

    def add(self, annotation: Annotation) -> Annotation:
        try:
            self._db.execute(f"INSERT INTO annotations ({_COLUMNS}) VALUES ({', '.join('?' * 16)})",
                             _row(annotation))
        except sqlite3.IntegrityError as exc:
            raise ReaderError(f"a note with id {annotation.id} already exists") from exc
        return annotation

    def update(self, annotation: Annotation) -> Annotation:
        """Store the user's edit (note, colour, tags, ...); ``modified`` becomes now."""
        changed = replace(annotation, modified=max(utc_now(), annotation.created))
        names = _COLUMNS.split(", ")[3:]  # never id, archive, article
        values = _row(changed)[3:]
        with self._transaction():
            self.keep_history(self._require(annotation.id))
            self._db.execute(f"UPDATE annotations SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                             (*values, annotation.id))
        return changed

    def delete(self, annotation_id: str) -> Annotation:
        """Remove and return the record, so the caller can offer undo via :meth:`restore`."""
        with self._transaction():
            gone = self._require(annotation_id)
            self._db.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return gone

    def restore(self, annotation: Annotation) -> Annotation:
        """Undo of :meth:`delete`: put the record back exactly as it was."""
        return self.add(annotation)

    def put(self, annotation: Annotation) -> Annotation:
        """Insert or overwrite by id, exactly as given (``modified`` kept): for imports."""
        names = _COLUMNS.split(", ")
        self._db.execute(
            f"INSERT INTO annotations ({_COLUMNS}) VALUES ({', '.join('?' * 16)}) ON CONFLICT(id) DO "
            f"UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in names[1:])}", _row(annotation))
        return annotation

    def keep_history(self, annotation: Annotation) -> None:
        """Remember a version that is being replaced (or was offered and is older); one statement."""
        self._db.execute(f"INSERT OR IGNORE INTO annotation_history ({_COLUMNS}) "
                         f"VALUES ({', '.join('?' * 16)})", _row(annotation))

    def keep_elsewhere(self, annotation_id: str, source: str, record_json: str) -> None:
        """Remember the raw target of a note kept for another archive; one statement."""
        self._db.execute("INSERT OR REPLACE INTO elsewhere (id, source, record_json) VALUES (?, ?, ?)",
                         (annotation_id, source, record_json))

    def set_anchor(self, annotation_id: str, start: int, end: int, state: AnchorState) -> None:
        """Remember where the quote was last found (not a user edit: ``modified`` stays)."""
        self._db.execute("UPDATE annotations SET pos_start = ?, pos_end = ?, anchored = ? WHERE id = ?",
                         (start, end, state, annotation_id))

    # -- queries --

    def get(self, annotation_id: str) -> Annotation | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM annotations WHERE id = ?",
                               (annotation_id,)).fetchone()
        return _annotation(row) if row else None

    def history(self, annotation_id: str) -> list[Annotation]:
        """Earlier versions of one note, oldest first (the current one is :meth:`get`)."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM annotation_history WHERE id = ? "
                                "ORDER BY modified, hseq", (annotation_id,))
        return [_annotation(row) for row in rows]

    def for_article(self, archive: str, article: str) -> list[Annotation]:
        """In reading order (by position), then by age."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM annotations WHERE archive = ? AND article = ? "
            "ORDER BY pos_start, pos_end, created, seq", (archive, article))
        return [_annotation(row) for row in rows]

    def all(self, archive: str | None = None) -> list[Annotation]:
        where, params = ("WHERE archive = ?", (archive,)) if archive is not None else ("", ())
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM annotations {where} "
                                "ORDER BY archive, article, pos_start, pos_end, created, seq", params)
        return [_annotation(row) for row in rows]

    def elsewhere(self) -> list[Annotation]:
        """Notes imported for articles of no archive they were imported into (see :meth:`keep_elsewhere`)."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM annotations WHERE id IN (SELECT id FROM elsewhere) "
                                "ORDER BY archive, article, created, seq")
        return [_annotation(row) for row in rows]

    def search_notes(self, text: str, archive: str | None = None) -> list[Annotation]:
        """Annotations whose note or quote has every word of ``text`` (the last as a prefix)."""
        words = [w.strip(string.punctuation) for w in text.split()]
        words = [w for w in words if any(c.isalnum() for c in w)]
        if not words:
            return []
        scope, params = (" AND a.archive = ?", [archive]) if archive is not None else ("", [])
        if self.fts:
            query = " ".join('"' + w.replace('"', '""') + '"' for w in words) + "*"
            sql = (f"SELECT {', '.join('a.' + c for c in _COLUMNS.split(', '))} FROM annotations_fts f "
                   f"JOIN annotations a ON a.seq = f.rowid WHERE annotations_fts MATCH ?{scope} "
                   "ORDER BY f.rank")
            rows = self._db.execute(sql, [query, *params])
        else:
            like = " AND ".join("(a.note LIKE ? ESCAPE '\\' OR a.exact LIKE ? ESCAPE '\\')" for _ in words)
            patterns = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                        for w in words]
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM annotations a WHERE {like}{scope} ORDER BY a.modified DESC",
                [p for p in patterns for _ in (0, 1)] + params)
        return [_annotation(row) for row in rows]

    def _require(self, annotation_id: str) -> Annotation:
        found = self.get(annotation_id)
        if found is None:
            raise ReaderError(f"no note with id {annotation_id!r}")
        return found


def _row(a: Annotation) -> tuple[object, ...]:
    s = a.selector
    return (a.id, a.archive, a.article, s.exact, s.prefix, s.suffix, s.start, s.end, a.created,
            a.modified, a.creator, a.color, a.style, a.note, json.dumps(list(a.tags), ensure_ascii=False),
            a.anchored)


def _annotation(row: tuple[Any, ...]) -> Annotation:
    (id_, archive, article, exact, prefix, suffix, start, end, created, modified, creator, color,
     style, note, tags, anchored) = row
    return Annotation(
        id=id_, archive=archive, article=article,
        selector=Selector(exact=exact, prefix=prefix, suffix=suffix, start=start, end=end),
        created=created, modified=modified, creator=creator, color=color, style=style, note=note,
        tags=tuple(json.loads(tags)), anchored=anchored)
