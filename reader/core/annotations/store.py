"""The notes file: every annotation, in SQLite under the user data dir.

Notes are the reader's own work, so the store is stricter than the reading
state: WAL with ``synchronous=FULL`` (a commit survives power loss, not only a
crash), and every call commits before it returns, so anything the UI has
confirmed is on disk.  The schema version lives in ``PRAGMA user_version``;
:data:`~reader.core.annotations.schema.MIGRATIONS` upgrades step by step, and
a file from a newer version is refused rather than downgraded.  Notes are searched with FTS5
when this SQLite has it, else with LIKE.

Failures are sentences: a full disk or a read-only notes file is a
:class:`ReaderError` and the transaction is rolled back (only if SQLite has not
already done so).  When the data dir cannot be written, the store opens
read-only, so the user can still list and export what they have; a damaged
row is skipped and named in :attr:`AnnotationStore.problems`, never hiding
the others.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import string
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path

from reader.core.annotations.model import AnchorState, Annotation, utc_now
from reader.core.annotations.rows import COLUMNS as _COLUMNS
from reader.core.annotations.rows import WIDTH as _WIDTH
from reader.core.annotations.rows import annotation_from_row as _annotation
from reader.core.annotations.rows import content_digest
from reader.core.annotations.rows import row_of as _row
from reader.core.annotations.schema import MIGRATIONS, SCHEMA_VERSION, stand_ins
from reader.core.errors import ReaderError
from reader.core.i18n import _

log = logging.getLogger("reader.annotations")

STORE_FILE = "annotations.sqlite"
_MARKS = ", ".join("?" * _WIDTH)


class AnnotationStore:
    """All annotations of one user, for every archive."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.problems: list[str] = []  # rows skipped because their stored data is damaged
        self.read_only = read_only or (path.exists() and not _writable(path))
        if not self.read_only:
            try:
                self._open_writable()
                return
            except _Unwritable as exc:
                if not path.is_file():
                    raise ReaderError(_("cannot create the notes file {path}: {exc}")
                                      .format(path=path, exc=exc)) from exc
                log.warning("notes file %s cannot be written (%s); opening it read-only", path, exc)
                self.read_only = True
        self._open_read_only()

    def _open_writable(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _Unwritable(exc.strerror or str(exc)) from exc
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        try:
            self._refuse_newer()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._migrate()
            self.fts = self._has_fts()
        except (sqlite3.OperationalError, ReaderError) as exc:
            self._db.close()
            if _unwritable(exc):
                raise _Unwritable(str(exc.__cause__ or exc)) from exc
            if isinstance(exc, ReaderError):
                raise
            raise ReaderError(_("cannot open the notes file {path}: {exc}")
                              .format(path=self.path, exc=exc)) from exc
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise ReaderError(_("cannot open the notes file {path}: {exc}")
                              .format(path=self.path, exc=exc)) from exc
        except BaseException:
            self._db.close()
            raise

    def _open_read_only(self) -> None:
        """``mode=ro`` first (sees a WAL not yet folded in); ``immutable`` when even that needs a write."""
        uri = self.path.absolute().as_uri()
        last: sqlite3.Error | None = None
        for options in ("mode=ro", "immutable=1"):
            self._db = sqlite3.connect(f"{uri}?{options}", uri=True, isolation_level=None,
                                       check_same_thread=False)
            try:
                stand_ins(self._db, self._refuse_newer())
                self._db.execute("SELECT count(*) FROM annotations").fetchone()
                self.fts = self._has_fts()
                return
            except sqlite3.Error as exc:
                last = exc
                self._db.close()
            except BaseException:
                self._db.close()
                raise
        raise ReaderError(_("cannot open the notes file {path}: {last}")
                          .format(path=self.path, last=last)) from last

    def _has_fts(self) -> bool:
        return self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'annotations_fts'").fetchone() is not None

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

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite's failures as sentences (disk full, read-only, busy)."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise ReaderError(self._sentence(exc)) from exc

    def _sentence(self, exc: sqlite3.Error) -> str:
        text = str(exc).lower()
        if "full" in text:
            return _("cannot save the notes: the disk is full (nothing was changed)")
        if "readonly" in text or "read-only" in text or self.read_only:
            return (_("cannot change the notes: the notes file {path} is read-only here (notes "
                      "can still be listed and exported)").format(path=self.path))
        if "locked" in text or "busy" in text:
            return _("the notes file is busy (another Reading Room is writing it); try again")
        return _("cannot use the notes file {path}: {exc}").format(path=self.path, exc=exc)

    def _refuse_newer(self) -> int:
        version = self.version
        if version > SCHEMA_VERSION:
            raise ReaderError(
                _("the notes file {path} is from a newer Reading Room (schema {version}, "
                  "this version reads up to {supported}); it was left untouched")
                .format(path=self.path, version=version, supported=SCHEMA_VERSION))
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
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise

    # -- changes (each one statement or one transaction: committed on return) --

    def add(self, annotation: Annotation) -> Annotation:
        try:
            with self._errors():
                self._db.execute(f"INSERT INTO annotations ({_COLUMNS}) VALUES ({_MARKS})",
                                 _row(annotation))
        except sqlite3.IntegrityError as exc:
            raise ReaderError(_("a note with id {id} already exists").format(id=annotation.id)) from exc
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

    def delete(self, annotation_id: str, when: str | None = None) -> Annotation:
        """Remove and return the record, so the caller can offer undo via :meth:`restore`.

        The last version goes to the history and a tombstone is left, so a group
        learns of the deletion instead of bringing the note back at the next merge.
        """
        with self._transaction():
            gone = self._require(annotation_id)
            self.keep_history(gone)
            self._db.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            self.bury(annotation_id, gone.archive, max(when or utc_now(), gone.modified))
        return gone

    def restore(self, annotation: Annotation) -> Annotation:
        """Undo of :meth:`delete`: put the record back exactly as it was."""
        with self._transaction():
            self._db.execute("DELETE FROM tombstones WHERE id = ?", (annotation.id,))
            self.add(annotation)
        return annotation

    def discard(self, annotation_id: str) -> None:
        """Remove a note inside :meth:`transaction` (the caller keeps its history); one statement."""
        self._write("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    def bury(self, annotation_id: str, archive: str, deleted: str) -> None:
        """Record that a note was deleted at ``deleted`` (the earliest deletion stays); one statement."""
        self._write("INSERT INTO tombstones (id, archive, deleted) VALUES (?, ?, ?) ON CONFLICT(id) "
                    "DO UPDATE SET deleted = min(deleted, excluded.deleted)",
                    (annotation_id, archive, deleted))

    def tombstones(self, archive: str) -> dict[str, str]:
        """Deleted note ids of one archive and when they were deleted."""
        with self._errors():
            rows = self._db.execute("SELECT id, deleted FROM tombstones WHERE archive = ?", (archive,))
            return dict(rows.fetchall())

    def deleted_at(self, annotation_id: str) -> str | None:
        with self._errors():
            row = self._db.execute("SELECT deleted FROM tombstones WHERE id = ?", (annotation_id,)).fetchone()
        return row[0] if row else None

    def group_state(self) -> dict[str, str]:
        with self._errors():
            return dict(self._db.execute("SELECT key, value FROM group_state").fetchall())

    def set_group_state(self, values: dict[str, str | None]) -> None:
        """Set (or with None remove) group keys, all in one transaction."""
        with self._transaction():
            for key, value in values.items():
                if value is None:
                    self._db.execute("DELETE FROM group_state WHERE key = ?", (key,))
                else:
                    self._db.execute("INSERT OR REPLACE INTO group_state (key, value) VALUES (?, ?)",
                                     (key, value))

    def put(self, annotation: Annotation) -> Annotation:
        """Insert or overwrite by id, exactly as given (``modified`` kept): for imports."""
        names = _COLUMNS.split(", ")
        self._write(
            f"INSERT INTO annotations ({_COLUMNS}) VALUES ({_MARKS}) ON CONFLICT(id) DO "
            f"UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in names[1:])}", _row(annotation))
        return annotation

    def _write(self, sql: str, params: Sequence[object]) -> None:
        with self._errors():
            self._db.execute(sql, params)

    def keep_history(self, annotation: Annotation) -> None:
        """Remember a version that is being replaced (or was offered and is older); one statement.

        A version already kept (same ``modified`` and content) adds nothing.
        """
        self._write(f"INSERT OR IGNORE INTO annotation_history ({_COLUMNS}, digest) "
                    f"VALUES ({_MARKS}, ?)", (*_row(annotation), content_digest(annotation)))

    def keep_elsewhere(self, annotation_id: str, source: str, record_json: str) -> None:
        """Remember the raw target of a note kept for another archive; one statement."""
        self._write("INSERT OR REPLACE INTO elsewhere (id, source, record_json) VALUES (?, ?, ?)",
                    (annotation_id, source, record_json))

    def set_anchor(self, annotation_id: str, start: int, end: int, state: AnchorState) -> None:
        """Remember where the quote was last found (not a user edit: ``modified`` stays)."""
        self._write("UPDATE annotations SET pos_start = ?, pos_end = ?, anchored = ? WHERE id = ?",
                    (start, end, state, annotation_id))

    # -- queries --

    def get(self, annotation_id: str) -> Annotation | None:
        found = self._select(f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,))
        return found[0] if found else None

    def history(self, annotation_id: str) -> list[Annotation]:
        """Earlier versions of one note, oldest first (the current one is :meth:`get`)."""
        return self._select(f"SELECT {_COLUMNS} FROM annotation_history WHERE id = ? "
                            "ORDER BY modified, digest, hseq", (annotation_id,))

    def archive_history(self, archive: str) -> list[Annotation]:
        """Every kept earlier version of the archive's notes (a group member shares them)."""
        return self._select(f"SELECT {_COLUMNS} FROM annotation_history WHERE archive = ? "
                            "ORDER BY id, modified, digest, hseq", (archive,))

    def for_article(self, archive: str, article: str) -> list[Annotation]:
        """In reading order (by position), then by age."""
        return self._select(
            f"SELECT {_COLUMNS} FROM annotations WHERE archive = ? AND article = ? "
            "ORDER BY pos_start, pos_end, created, seq", (archive, article))

    def all(self, archive: str | None = None) -> list[Annotation]:
        where, params = ("WHERE archive = ?", (archive,)) if archive is not None else ("", ())
        return self._select(f"SELECT {_COLUMNS} FROM annotations {where} "
                            "ORDER BY archive, article, pos_start, pos_end, created, seq", params)

    def elsewhere(self) -> list[Annotation]:
        """Notes imported for articles of no archive they were imported into (see :meth:`keep_elsewhere`)."""
        return self._select(f"SELECT {_COLUMNS} FROM annotations WHERE id IN (SELECT id FROM elsewhere) "
                            "ORDER BY archive, article, created, seq")

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
            return self._select(sql, [query, *params])
        else:
            like = " AND ".join("(a.note LIKE ? ESCAPE '\\' OR a.exact LIKE ? ESCAPE '\\')" for _ in words)
            patterns = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                        for w in words]
            return self._select(
                f"SELECT {_COLUMNS} FROM annotations a WHERE {like}{scope} ORDER BY a.modified DESC",
                [p for p in patterns for _ in (0, 1)] + params)

    def _select(self, sql: str, params: Sequence[object] = ()) -> list[Annotation]:
        """Rows as annotations; a damaged row is skipped and named in :attr:`problems`."""
        with self._errors():
            rows = self._db.execute(sql, params).fetchall()
        found = []
        for row in rows:
            try:
                found.append(_annotation(row))
            except (ValueError, TypeError, AttributeError) as exc:
                problem = (_("note {row!r} was skipped: its stored data is damaged ({exc})")
                          .format(row=row[0], exc=exc))
                if problem not in self.problems:
                    log.warning("%s", problem)
                    self.problems.append(problem)
        return found

    def _require(self, annotation_id: str) -> Annotation:
        found = self.get(annotation_id)
        if found is None:
            raise ReaderError(_("no note with id {annotation_id!r}").format(annotation_id=annotation_id))
        return found


class _Unwritable(Exception):
    """The notes file or its folder cannot be written (read-only, disk full): open it read-only."""


def _unwritable(exc: BaseException) -> bool:
    text = str(exc.__cause__ or exc).lower()
    return any(word in text for word in ("readonly", "read-only", "unable to open", "disk is full",
                                         "disk i/o", "database or disk is full"))


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
