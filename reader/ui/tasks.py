"""The one helper for background work: run a core call off the GUI thread.

Like Anki's ``QueryOp``: ``run(channel, op, on_success, on_failure)`` runs
``op()`` on a worker thread and calls back on the GUI thread.  Each channel
("search", "index", ...) keeps only its latest request: a result whose token
is no longer the latest is dropped, so a slow search for "so" never
overwrites the newer results for "soc".

``op`` must not touch widgets or Qt objects of the GUI thread.  Work runs on a
single worker thread, in order: core objects such as an open search index
are used by one thread at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("reader.ui.tasks")


class _Relay(QObject):
    finished = Signal(str, int, bool, object)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, channel: str, token: int, op: Callable[[], Any]) -> None:
        super().__init__()
        self._relay, self._channel, self._token, self._op = relay, channel, token, op

    def run(self) -> None:
        try:
            value, ok = self._op(), True
        except Exception as exc:  # handed to on_failure on the GUI thread
            value, ok = exc, False
        self._relay.finished.emit(self._channel, self._token, ok, value)


class TaskRunner(QObject):
    """Runs operations in the background; the latest request per channel wins."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._latest: dict[str, int] = {}
        self._callbacks: dict[tuple[str, int], tuple[Callable[[Any], None],
                                                     Callable[[Exception], None] | None]] = {}
        self._counter = 0

    def run(self, channel: str, op: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[Exception], None] | None = None) -> int:
        """Queue ``op``; returns its token. Earlier requests on ``channel`` become stale."""
        self._counter += 1
        token = self._counter
        self._latest[channel] = token
        self._callbacks[(channel, token)] = (on_success, on_failure)
        self._pool.start(_Job(self._relay, channel, token, op))
        return token

    def cancel(self, channel: str) -> None:
        """Drop whatever is pending on ``channel`` (it may still run, unseen)."""
        self._latest.pop(channel, None)

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued work is done (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def _deliver(self, channel: str, token: int, ok: bool, value: object) -> None:
        on_success, on_failure = self._callbacks.pop((channel, token), (None, None))
        if self._latest.get(channel) != token:
            log.debug("dropped stale result %s#%d", channel, token)
            return
        if ok and on_success is not None:
            on_success(value)
        elif not ok and on_failure is not None:
            assert isinstance(value, Exception)
            on_failure(value)
        elif not ok:
            log.error("background %s failed", channel, exc_info=value)  # type: ignore[arg-type]
