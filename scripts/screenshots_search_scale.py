#!/usr/bin/env python3
"""Time the search panel of the real window on a large archive, keystroke by keystroke, and shoot it.

    python scripts/screenshots_search_scale.py --archive DIR --data-dir DIR [--query "workers uni"]
        [--out docs/screenshots] [--size 1366x768]

``--archive`` is a generated archive (``benchmarks/search_bench.py --articles 100000 --workdir W``
leaves one in ``W/archive-n100000-s1``) and ``--data-dir`` the app data its index was built with
(``W/app-data``: the index is only opened where it is trusted, else it is rebuilt).  The query is
typed one key at a time into the search field; after each key the script waits for the rows and
records, per keystroke, the milliseconds from the debounce firing to the result arriving from the
worker, and from the result to the result list's next paint.  One JSON object goes to stdout;
``search-<N>k.png`` is the window after the last keystroke (look at it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import open_window, settle, shoot  # noqa: E402


class _Clock:
    """Times the panel's own signals: the debounce timer, the result shown, the list painted."""

    def __init__(self, panel: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.fired = self.shown = self.painted = 0.0
        self.loop: Any = None
        panel._timer.timeout.connect(self._fire)
        panel.result_shown.connect(self._show)
        clock = self

        class PaintWatch(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint and clock.shown and not clock.painted:
                    clock.painted = time.perf_counter()
                    if clock.loop is not None:
                        clock.loop.quit()
                return False

        self._watch = PaintWatch()
        panel.results.viewport().installEventFilter(self._watch)

    def _fire(self) -> None:
        self.fired, self.shown, self.painted = time.perf_counter(), 0.0, 0.0

    def _show(self, _result: object) -> None:
        self.shown = time.perf_counter()

    def wait_painted(self, timeout_ms: int) -> None:
        """Run the event loop until the list paints the new result (no polling: polling adds its
        own sleep to what is measured)."""
        from PySide6.QtCore import QEventLoop, QTimer

        if self.painted:
            return
        self.loop = QEventLoop()
        QTimer.singleShot(timeout_ms, self.loop.quit)
        self.loop.exec()
        self.loop = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--query", default="workers uni")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    started = time.perf_counter()
    app, window = open_window(args.archive, args.data_dir, args.size, timeout=900)
    opened_ms = (time.perf_counter() - started) * 1000
    panel = window.search_panel
    clock = _Clock(panel)
    window.focus_search()
    steps = []
    for typed in range(1, len(args.query) + 1):
        clock.fired = clock.shown = clock.painted = 0.0
        QTest.keyClick(panel.field, args.query[typed - 1], Qt.KeyboardModifier.NoModifier)
        if not panel.field.text().strip() or panel.field.text().endswith(" "):
            continue
        clock.wait_painted(30_000)
        if not clock.painted:
            raise SystemExit(f"no results painted after typing {panel.field.text()!r}")
        steps.append({"typed": panel.field.text(), "rows": panel.model.rowCount(),
                      "debounce_to_result_ms": round((clock.shown - clock.fired) * 1000, 1),
                      "result_to_paint_ms": round((clock.painted - clock.shown) * 1000, 1)})
    settle(app, lambda: not panel.counting, timeout=10)
    settle(app)
    count = panel.count_label.text()
    target = args.out / f"search-{round(len(window.index_keeper.index.docinfo) / 1000)}k.png"
    shoot(window, target)
    window.close()
    waits = [step["debounce_to_result_ms"] for step in steps]
    paints = [step["result_to_paint_ms"] for step in steps]
    print(json.dumps({"archive": str(args.archive), "open_ms": round(opened_ms), "count_label": count,
                      "debounce_to_result_ms": {"median": statistics.median(waits), "max": max(waits)},
                      "result_to_paint_ms": {"median": statistics.median(paints), "max": max(paints)},
                      "steps": steps}, indent=2, ensure_ascii=False), file=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
