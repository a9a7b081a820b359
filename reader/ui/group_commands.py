"""Notes → Join a group folder…, Sync now, Leave the group: the group use cases in the window.

Once joined, the folder is watched while the app runs (and synced at start):
a change by another member (a sync tool copying their file in) is merged a
moment later, after the copying settles.  A folder that is offline or
read-only is a status in the status bar, retried at the next change or sync.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from reader.core.i18n import _
from reader.core.usecases import AppContext, Outcome
from reader.core.usecases import groups as usecase
from reader.ui.commands.current import Current
from reader.ui.errors import show_error

SETTLE_MS = 1500  # a sync tool writes in bursts: merge once it is quiet

AskFolder = Callable[[QWidget, Path], "Path | None"]
AskName = Callable[[QWidget, str], "str | None"]


def ask_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, _("Join a group folder"), str(start))
    return Path(chosen) if chosen else None


def ask_name(parent: QWidget, default: str) -> str | None:
    name, ok = QInputDialog.getText(parent, _("Join a group folder"), _("Your name in the group:"),
                                    QLineEdit.EchoMode.Normal, default)
    return name if ok and name.strip() else None


class GroupCommands(QObject):
    outcome = Signal(object)  # an Outcome of join, sync or leave
    status_changed = Signal(str)  # the status bar's line

    def __init__(self, parent: QWidget, ctx: AppContext, current: Callable[[], Current], *,
                 ask_folder: AskFolder = ask_folder, ask_name: AskName = ask_name) -> None:
        super().__init__(parent)
        self.parent_widget, self.ctx, self.current = parent, ctx, current
        self.ask_folder, self.ask_name = ask_folder, ask_name
        self.watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.sync)
        self.watcher.directoryChanged.connect(lambda _path: self._settle.start())

    def status(self) -> usecase.GroupStatus:
        return usecase.group_status(self.current().store)

    def start(self) -> None:
        """At start: watch the joined folder and bring the notes up to date (not once the window closed)."""
        if self.parent_widget.isVisible() and self.status().joined:
            self._watch()
            self.sync()

    def join(self) -> Outcome | None:
        current = self.current()
        folder = self.ask_folder(self.parent_widget, Path.home())
        name = self.ask_name(self.parent_widget, self.ctx.creator) if folder else None
        if folder is None or name is None:
            return None
        return self._run(lambda: usecase.join(self.ctx, current.archive, current.store, folder, name))

    def sync(self) -> Outcome | None:
        if not self.status().joined:
            return None
        current = self.current()
        return self._run(lambda: usecase.sync(self.ctx, current.archive, current.store))

    def leave(self) -> Outcome | None:
        current = self.current()
        outcome = self._run(lambda: usecase.leave(self.ctx, current.archive, current.store))
        for folder in self.watcher.directories():
            self.watcher.removePath(folder)
        return outcome

    def _run(self, op: Callable[[], Outcome]) -> Outcome | None:
        try:
            outcome = op()
        except Exception as exc:  # a refusal or a bad folder is shown as written
            show_error(self.parent_widget, exc, self.ctx.paths.log_file)
            return None
        self._watch()
        self.outcome.emit(outcome)
        self.status_changed.emit(self.status().line())
        return outcome

    def _watch(self) -> None:
        folder = self.status().folder
        if folder and folder not in self.watcher.directories() and Path(folder).is_dir():
            self.watcher.addPath(folder)
