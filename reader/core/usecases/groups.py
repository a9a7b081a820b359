"""Study groups without a server: a shared folder where each member's notes are one file.

Any tool that copies files (a USB stick, a network share, Syncthing,
Nextcloud) makes the folder shared; Reading Room only ever writes its own
member's file there, atomically, under a stable member id, and reads the
others' files as layers (:mod:`reader.core.export.groupmerge` has the merge
rule).  A folder that is offline or read-only is a status, not a failure: the
merge of what could be read is kept, and the own file is written at the next
sync.  The CLI (``notes group ...``) and the window call these functions; the
window runs :func:`sync` when the folder changes and at start.
"""

from __future__ import annotations

import logging
import os
import stat
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.annotations.model import utc_now
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export.context import ExportContext
from reader.core.export.groupfile import SUFFIX, Member, MemberFile, member_document, read_member
from reader.core.export.groupmerge import reconcile
from reader.core.export.importer import MAX_BYTES, NotesFileError
from reader.core.fsutil import atomic_write_bytes
from reader.core.i18n import _
from reader.core.usecases import rules
from reader.core.usecases.changes import NOTHING, Changes, Outcome
from reader.core.usecases.context import AppContext

log = logging.getLogger("reader.groups")

KEYS = ("folder", "name", "member", "archive", "synced", "problem")


@dataclass(frozen=True)
class MemberInfo:
    id: str
    name: str
    notes: int
    left: str = ""
    you: bool = False


@dataclass(frozen=True)
class GroupStatus:
    """The group joined (if any) as the notes file remembers it, and the last sync's result."""

    folder: str = ""
    name: str = ""
    member: str = ""
    archive: str = ""
    synced: str = ""  # when the own file was last written
    problem: str = ""  # why the last sync could not write or read (retried at the next)

    @property
    def joined(self) -> bool:
        return bool(self.folder)

    def line(self) -> str:
        if not self.joined:
            return _("Not in a group.")
        line = _("In the group folder {folder} as {name!r}").format(folder=self.folder, name=self.name)
        line += (_("; last written {synced}")
                .format(synced=self.synced)) if self.synced else _("; not written yet")
        return line + (f"; {self.problem}" if self.problem else "")


@dataclass(frozen=True)
class SyncReport:
    status: GroupStatus
    added: int = 0
    updated: int = 0
    deleted: int = 0
    written: bool = False
    members: tuple[MemberInfo, ...] = ()
    unreadable: tuple[str, ...] = field(default=())  # other members' files skipped, with why

    def summary(self) -> str:
        line = _("{added} added, {updated} updated, {deleted} deleted from the group").format(
            added=self.added, updated=self.updated, deleted=self.deleted)
        others = [m for m in self.members if not m.you]
        if others:
            line += " (" + ", ".join(m.name + (_(" (left)") if m.left else "") for m in others) + ")"
        if self.written:
            line += _("; your notes were written to the folder")
        if self.status.problem:
            line += f"; {self.status.problem}"
        return line


def group_status(store: AnnotationStore) -> GroupStatus:
    state = store.group_state()
    return GroupStatus(**{key: state.get(key, "") for key in KEYS})


def join(ctx: AppContext, archive: Archive, store: AnnotationStore, folder: Path,
         name: str) -> Outcome[SyncReport]:
    """Join (or rejoin) the group whose folder is ``folder`` as ``name``, then sync."""
    rules.check_groups(ctx.policy, folder)
    if not name.strip():
        raise ReaderError(_("Give your name in the group (--name)."))
    folder = folder.expanduser().absolute()
    if not folder.is_dir():
        raise ReaderError(_("The group folder {folder} does not exist (create it, or plug in the "
                            "drive).").format(folder=folder))
    current = group_status(store)
    member = current.member if current.folder == str(folder) and current.member else str(uuid.uuid4())
    store.set_group_state({"folder": str(folder), "name": name.strip(), "member": member,
                           "archive": archive.info.id, "synced": None, "problem": None})
    log.info("joined group folder %s as %s (%s)", folder, name, member)
    return sync(ctx, archive, store)


def leave(ctx: AppContext, archive: Archive, store: AnnotationStore) -> Outcome[GroupStatus]:
    """Leave the group: the own file stays in the folder, marked as left; all notes stay here."""
    status = _joined(store, archive)
    member = Member(status.member, status.name, left=utc_now())
    problem = ""
    try:
        _write_own(Path(status.folder), member, archive, store)
    except ReaderError as exc:
        problem = _("; your file in the folder could not be marked as left ({exc})").format(exc=exc)
    store.set_group_state({key: None for key in KEYS})
    return Outcome(_("Left the group folder {folder}; every note stays here{problem}.")
                   .format(folder=status.folder, problem=problem),
                   GroupStatus(), NOTHING)


def sync(ctx: AppContext, archive: Archive, store: AnnotationStore) -> Outcome[SyncReport]:
    """Merge the others' files, then write ours; an unreachable folder is a status, retried next time."""
    status = _joined(store, archive)
    rules.check_groups(ctx.policy, Path(status.folder))
    folder = Path(status.folder)
    if not folder.is_dir():
        return _finish(store, status, _("the group folder {folder} cannot be reached (offline?); your notes "
                                        "will be written at the next sync").format(folder=folder))
    files, unreadable = _read_others(folder, status.member)
    counts = reconcile(store, archive, files)
    own = Member(status.member, status.name)
    members = [MemberInfo(f.member.id, f.member.name, len(f.records), f.member.left) for f in files]
    members.append(MemberInfo(own.id, own.name, len(store.all(archive.info.id)), you=True))
    problem, written = "", False
    try:
        written = _write_own(folder, own, archive, store)
    except ReaderError as exc:
        problem = _("{exc}; your notes will be written at the next sync").format(exc=exc)
    report = _finish(store, status, problem, written).value
    ordered = tuple(sorted(members, key=lambda m: (not m.you, m.name.casefold())))
    report = SyncReport(report.status, counts["added"], counts["updated"], counts["deleted"], written,
                        ordered, tuple(unreadable))
    changed = bool(counts["added"] or counts["updated"] or counts["deleted"])
    return Outcome(report.summary(), report, Changes(notes=True) if changed else NOTHING)


def _joined(store: AnnotationStore, archive: Archive) -> GroupStatus:
    status = group_status(store)
    if not status.joined:
        raise ReaderError(_("Not in a group: join one first (notes group join FOLDER --name NAME)."))
    if status.archive != archive.info.id:
        raise ReaderError(_("The group shares notes on the archive {archive!r}, not {id!r}: open "
                            "that archive (--archive).").format(archive=status.archive, id=archive.info.id))
    return status


def _finish(store: AnnotationStore, status: GroupStatus, problem: str,
            written: bool = False) -> Outcome[SyncReport]:
    values: dict[str, str | None] = {"problem": problem or None}
    if written:
        values["synced"] = utc_now()
    store.set_group_state(values)
    report = SyncReport(group_status(store))
    return Outcome(report.summary(), report)


def _read_others(folder: Path, me: str) -> tuple[list[MemberFile], list[str]]:
    """Every other member's file that can be read now; the rest named with why (retried next time)."""
    files: list[MemberFile] = []
    unreadable: list[str] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.stem == me or path.name.startswith("."):
            continue
        try:
            if path.stat().st_size > MAX_BYTES:
                raise NotesFileError(_("it is larger than {value} MB")
                                     .format(value=MAX_BYTES // (1024 * 1024)))
            member = read_member(path.read_bytes())
        except (OSError, NotesFileError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            unreadable.append(f"{path.name}: {why}")
            log.warning("group file %s skipped: %s", path, why)
            continue
        if member.member.id != path.stem:
            unreadable.append(_("{name}: it names another member ({id})")
                              .format(name=path.name, id=member.member.id))
            continue
        files.append(member)
    return files, unreadable


def _write_own(folder: Path, member: Member, archive: Archive, store: AnnotationStore) -> bool:
    """Write the own file atomically (never a half-written file); False when it was already up to date."""
    archive_id = archive.info.id
    data = member_document(member, store.all(archive_id), store.tombstones(archive_id),
                           ExportContext.of(archive), store.archive_history(archive_id))
    path = folder / f"{member.id}{SUFFIX}"
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        if not folder.is_dir():
            raise FileNotFoundError(2, _("the folder cannot be reached"))
        if not stat.S_IMODE(folder.stat().st_mode) & 0o222 or not os.access(folder, os.W_OK):
            raise PermissionError(13, _("the folder is read-only"))  # respected even by an admin account
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ReaderError(_("cannot write to the group folder {folder}: {value}")
                          .format(folder=folder, value=exc.strerror or exc)) from None
    return True
