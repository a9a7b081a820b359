"""Startup probe for ``benchmarks/startup.py`` (enabled by READING_ROOM_STARTUP_PROBE=1).

Prints ``probe <event> <time.monotonic()>`` when the library pane is first
painted with articles in it and when the first article is painted, then this
process's peak RSS (``probe rss_mb N``), and quits the application.
Monotonic time is shared across processes, so the benchmark measures from just
before it spawned us.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "READING_ROOM_STARTUP_PROBE"


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


class StartupProbe(QObject):
    def __init__(self, targets: list[tuple[str, QWidget, Callable[[], bool]]]) -> None:
        super().__init__()
        self._pending = {name: (widget, ready) for name, widget, ready in targets}
        for _name, widget, _ready in targets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            for name, (widget, ready) in list(self._pending.items()):
                if widget is watched and ready():
                    print(f"probe {name} {time.monotonic():.6f}", flush=True)
                    del self._pending[name]
            if not self._pending:
                print(f"probe rss_mb {_peak_rss_mb():.1f}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
        return False



def _peak_rss_mb() -> float:
    import resource  # POSIX only; the probe is a Linux benchmark tool

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
