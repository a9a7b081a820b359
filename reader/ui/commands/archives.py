"""File → Open archive… and Open recent, on the archives use case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.archive import Archive
from reader.core.archive.store import ARCHIVE_FILE
from reader.core.i18n import N_, _
from reader.core.usecases import AppContext, Outcome
from reader.core.usecases import archives as usecase
from reader.ui.dialogs.files import FileChooser
from reader.ui.errors import show_error

ARCHIVE_FILES = N_("Reading Room archives ({archive_file} *.zip);;All files (*)")
ARCHIVE_PATTERNS = ("*.zip", f"*/{ARCHIVE_FILE}")


def choose_archive(parent: QWidget, files: FileChooser) -> Path | None:
    """An archive to open: a ``.zip``, or a folder picked through its ``archive.toml``."""
    filters = _(ARCHIVE_FILES).format(archive_file=ARCHIVE_FILE)
    path = files.open(parent, _("Open archive"), filters, ARCHIVE_PATTERNS)
    if path is None:
        return None
    return path.parent if path.name == ARCHIVE_FILE else path


def open_archive(parent: QWidget, ctx: AppContext, location: Path) -> Outcome[Archive] | None:
    """Open ``location``; None when it cannot be (the reason was shown)."""
    try:
        return usecase.open_archive(ctx, location)
    except Exception as exc:  # the one UI error path
        show_error(parent, exc, ctx.paths.log_file)
        return None


def offer_removal(parent: QWidget, ctx: AppContext, entry: usecase.RecentArchive) -> bool:
    """A recent archive that is gone: offer to take it off the list; True if removed."""
    answer = QMessageBox.question(
        parent, _("Archive not found"),
        _("{value} is no longer at {path}.\n\nRemove it from the recent archives?")
        .format(value=entry.title or entry.path.name, path=entry.path),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    usecase.RecentArchives(ctx.paths.data).remove(entry.path)
    return True
