"""Opening archives, and the list of recently opened ones the window offers."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from reader.core.archive import Archive
from reader.core.fsutil import atomic_write_text
from reader.core.i18n import _, ngettext
from reader.core.resources import bundled_archive
from reader.core.usecases.changes import Changes, Outcome
from reader.core.usecases.context import AppContext

log = logging.getLogger("reader.usecases")

RECENT_FILE = "recent-archives.json"
RECENT_MAX = 10


def open_archive(ctx: AppContext, location: Path | None = None) -> Outcome[Archive]:
    """Open ``location`` (None: the default archive) and remember it among the recent ones."""
    archive = ctx.open_archive(location)  # the policy's refusal is raised here
    if location is not None:
        RecentArchives(ctx.paths.data).add(archive.location, archive.info.title)
    count = len(archive.articles())
    message = ngettext("Opened {title} ({count} article)", "Opened {title} ({count} articles)", count).format(
        title=archive.info.title, count=count)
    if archive.problems:
        message += _("; {count} file(s) could not be read").format(count=len(archive.problems))
    return Outcome(message + ".", archive, Changes(archive=True, index=True, notes=True,
                                                   reading_lists=True))


def change_refusal(archive: Archive) -> str | None:
    """Why articles cannot be added to ``archive`` here (None: they can)."""
    if archive.read_only or not archive.location.is_dir():
        return _("A zipped archive cannot be changed: make a new archive from its pages instead.")
    if archive.location.resolve() == bundled_archive().resolve():
        return _("The archive that comes with Reading Room cannot be changed: make a new archive instead.")
    if not os.access(archive.location, os.W_OK):
        return (_("{title} cannot be changed: you may not write in {location}.")
               .format(title=archive.info.title, location=archive.location))
    return None


@dataclass(frozen=True)
class RecentArchive:
    path: Path
    title: str

    @property
    def exists(self) -> bool:
        return self.path.exists()


class RecentArchives:
    """Recently opened archives, newest first, kept in the data dir (a damaged file is an empty list)."""

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / RECENT_FILE

    def entries(self) -> list[RecentArchive]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", self.file, exc)
            return []
        found = []
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                found.append(RecentArchive(Path(item["path"]), str(item.get("title") or "")))
        return found[:RECENT_MAX]

    def add(self, path: Path, title: str) -> None:
        path = path.expanduser().absolute()
        if path == bundled_archive():
            return
        kept = [e for e in self.entries() if e.path != path]
        self._save([RecentArchive(path, title), *kept][:RECENT_MAX])

    def remove(self, path: Path) -> None:
        self._save([e for e in self.entries() if e.path != path])

    def _save(self, entries: list[RecentArchive]) -> None:
        try:
            data = [{"path": str(e.path), "title": e.title} for e in entries]
            atomic_write_text(self.file, json.dumps(data, ensure_ascii=False, indent=1), private=True)
        except OSError as exc:
            log.warning("could not remember recent archives in %s: %s", self.file, exc)
