"""Progress bars on stderr for long commands; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time

from reader.core.i18n import _


class PhaseBar:
    """Progress of a multi-phase job: one line per phase, with an ETA."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self.phase = ""
        self._started = self._last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        now = time.monotonic()
        if phase != self.phase:
            self.finish()
            self.phase, self._started = phase, now
        elif done < total and now - self._last < 0.1:
            return
        self._last = now
        fraction = min(1.0, done / total)
        elapsed = now - self._started
        eta = (_("ETA {seconds:4.0f} s").format(seconds=elapsed / fraction * (1 - fraction))
               if 0.02 < fraction < 1 else " " * 10)
        filled = int(30 * fraction)
        shown = _(phase)
        sys.stderr.write(f"\r{shown:<10}[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}  {eta}")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.active and self.phase:
            sys.stderr.write("\n")
            sys.stderr.flush()
        self.phase = ""


class ProgressBar:
    """A one-line progress bar with a count."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.active = sys.stderr.isatty()
        self._last = -1.0

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = int(30 * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
