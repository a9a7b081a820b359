"""The open archive's search index, opened (and built or updated) in the background.

Owned by the window: it starts when an archive is opened, is closed before
another one is, and a build still running when the window closes or the
archive changes is stopped at its next progress report.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from reader.core.archive import Archive
from reader.core.i18n import _
from reader.core.search import SearchIndex
from reader.core.search.indexer import Cancelled
from reader.core.usecases import AppContext
from reader.core.usecases.search import open_index
from reader.ui.tasks import TaskRunner

log = logging.getLogger("reader.ui")
CHANNEL = "index"


class IndexKeeper(QObject):
    progress = Signal(int, int)  # (done, total) while building
    ready = Signal(object)  # the SearchIndex
    failed = Signal(object)  # the exception

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.index: SearchIndex | None = None
        self._stop = threading.Event()

    def start(self, archive: Archive) -> None:
        """Open ``archive``'s index in the background (an earlier one is closed first)."""
        self.close()
        self._stop = stop = threading.Event()
        ctx, relay = self.ctx, self.progress

        def report(done: int, total: int) -> None:  # runs on the worker thread
            if stop.is_set():
                raise Cancelled
            relay.emit(done, total)

        self.runner.run(CHANNEL, lambda: open_index(ctx, archive, report), self._on_ready, self._on_failed)

    def close(self) -> None:
        """Stop a build under way, wait for the worker, close the index."""
        self._stop.set()
        self.runner.cancel(CHANNEL)
        self.runner.cancel("search")
        self.runner.wait()
        if self.index is not None:
            self.index.close()
            self.index = None

    def _on_ready(self, index: SearchIndex) -> None:
        self.index = index
        self.ready.emit(index)

    def _on_failed(self, exc: Exception) -> None:
        if not isinstance(exc, Cancelled):
            log.error("search index unavailable", exc_info=exc)
            self.failed.emit(exc)


class IndexProgress(QProgressBar):
    """The status bar's "Indexing n/m" bar, shown only while an index is being built."""

    def __init__(self, keeper: IndexKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Search index progress"))
        self.setMaximumWidth(220)
        self.setFormat(_("Indexing %v/%m"))
        self.hide()
        keeper.progress.connect(self._on_progress)
        keeper.ready.connect(lambda _index: self.hide())
        keeper.failed.connect(lambda _exc: self.hide())

    def _on_progress(self, done: int, total: int) -> None:
        self.setMaximum(total)
        self.setValue(done)
        self.setVisible(done < total)
