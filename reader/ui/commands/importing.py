"""File → New archive from… / Add to this archive…: the import use case run in the background.

The import runs on the one background helper (:mod:`reader.ui.tasks`);
progress crosses to the GUI thread by a signal, and Cancel sets a flag that
the next progress report turns into :class:`Cancelled`, which the use case
answers by leaving the archive as it was.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from reader.core.usecases import AppContext, Outcome
from reader.core.usecases.importing import Cancelled, ImportReport, ImportRequest, import_into
from reader.ui.tasks import TaskRunner

CHANNEL = "import"


class ImportJob(QObject):
    """One import: ``progress(phase, done, total)`` while it runs, then ``done`` or ``failed``."""

    progress = Signal(str, int, int)
    done = Signal(object)  # the Outcome[ImportReport]
    cancelled = Signal()
    failed = Signal(object)  # the exception

    def __init__(self, ctx: AppContext, request: ImportRequest, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.request, self.runner = ctx, request, runner
        self._cancel = threading.Event()
        self.running = False

    def start(self) -> None:
        ctx, request, cancel, relay = self.ctx, self.request, self._cancel, self.progress

        def report(phase: str, done: int, total: int) -> None:  # runs on the worker thread
            if cancel.is_set():
                raise Cancelled
            relay.emit(phase, done, total)

        def work() -> Outcome[ImportReport]:
            outcome = import_into(ctx, request, progress=report)
            if cancel.is_set():  # too late to stop: the import is complete, say so
                cancel.clear()
            return outcome

        self.running = True
        self.runner.run(CHANNEL, work, self._on_done, self._on_failed)

    def cancel(self) -> None:
        self._cancel.set()

    def _on_done(self, outcome: Outcome[ImportReport]) -> None:
        self.running = False
        self.done.emit(outcome)

    def _on_failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)


