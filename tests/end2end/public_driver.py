"""Runs the real app in public mode and uses it like a patron; test_public_mode.py starts it.

    python public_driver.py MODE REPORT.json

The policy comes from ``READING_ROOM_POLICY``.  MODE:

- ``end``: read, highlight, note, change a setting, press End session, then quit;
- ``idle``: the same activity, then let a fake clock run out the idle timeout;
- ``wait``: the same activity, print ``READY`` and keep running (the test kills it);
- ``cycle``: in the app's own event loop, End session twice (answering the real dialog),
  the idle timeout once, then Ctrl+Q: each session's window, notes and files are reported.

The report (written outside the watched folders) lists the first session's
folder and its files, and what exists of them after the session ended.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

import reader.ui.public
from reader.app import Started, serve, start
from reader.cli import build_parser
from reader.ui.mainwindow import MainWindow


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def files_under(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*"))


def use_it(window: MainWindow) -> None:
    """What a patron leaves behind: history, a highlight, a note, a changed setting."""
    article_id = window.library_pane.model.first_article_id()
    window.open_article(article_id)
    view = window.article_view
    text = view.toPlainText()
    start_at = text.rindex("socialism")  # the body, not the title in the header
    cursor = view.textCursor()
    cursor.setPosition(start_at)
    cursor.setPosition(start_at + len("socialism"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert window.notes.highlight_selection("green") is not None
    second = text.rindex("capitalism")
    cursor.setPosition(second)
    cursor.setPosition(second + len("capitalism"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    note = window.notes.highlight_selection("blue")
    assert note is not None
    window.notes_store.update(dataclasses.replace(note, note="a private thought"))
    window.set_theme_setting("dark")
    window.state.mark_read(window.archive.info.id, article_id)
    QApplication.processEvents()


def crash(kind: type[BaseException], exc: BaseException, tb: object) -> None:
    """An error fails the test at once (the app's own hook would open a modal dialog)."""
    traceback.print_exception(kind, exc, tb)  # type: ignore[arg-type]
    os._exit(3)


def main() -> int:
    mode, report_path = sys.argv[1], Path(sys.argv[2])
    args = build_parser().parse_args([])
    app, window, public = start(args)
    sys.excepthook = crash
    reader.ui.public.install_excepthook = lambda _log: None  # type: ignore[assignment]
    assert public is not None, "the policy did not turn public mode on"
    clock = FakeClock()
    public.clock = clock
    if public.idle is not None:
        public.idle.clock = clock
        public.idle.last_input = clock()
    window.show()
    QApplication.processEvents()
    use_it(window)
    first = public.session.root
    report: dict[str, object] = {"session": str(first), "files": files_under(first),
                                 "banner": window.session_banner.label.text()}
    if mode == "cycle":
        return cycle(Started(app, window, public), clock, report, report_path)
    if mode == "wait":  # the app's own event loop, signal handlers and exit path
        QTimer.singleShot(0, lambda: print("READY", flush=True))
        return serve(Started(app, window, public))
    if mode == "end":
        assert public.end_session(ask=False)
    elif mode == "idle":
        idle = public.idle
        clock.now += public.policy.idle_seconds + 1
        idle.tick()
        report["countdown"] = window.session_banner.label.text()
        clock.now += 30
        idle.tick()
        idle.poke()  # any input cancels the countdown
        report["after_input"] = window.session_banner.label.text()
        clock.now += public.policy.idle_seconds + 61
        idle.tick()
        assert public.ended == 1, "the idle timeout did not end the session"
    report["left_after_end"] = [f for f in report["files"] if Path(f).exists()]  # type: ignore[union-attr]
    report["new_session"] = str(public.session.root)
    report["fresh_window_notes"] = len(public.window.notes_store.all(public.window.archive.info.id))
    report["fresh_window_theme"] = public.window.settings.get("theme")
    public.shutdown()
    report["new_session_left"] = Path(report["new_session"]).exists()  # type: ignore[arg-type]
    report_path.write_text(json.dumps(report), encoding="utf-8")
    return 0


def answer(button: str, seen: list[dict[str, object]]) -> None:
    """Click ``button`` in the modal question once it is up (the real dialog, in its own loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        default = box.defaultButton()
        seen.append({"title": box.windowTitle(), "buttons": sorted(buttons),
                     "default": default.text().replace("&", "") if default else None})
        buttons[button].click()

    QTimer.singleShot(0, click)


def cycle(started: Started, clock: FakeClock, report: dict[str, object], report_path: Path) -> int:
    """Three patrons in one process, then quitting; nothing is driven outside the event loop."""
    public = started.public
    assert public is not None
    sessions: list[dict[str, object]] = []
    dialogs: list[dict[str, object]] = []
    previous = {"files": report["files"], "asked_at": 0.0, "window": int(started.window.winId())}
    steps = ["end", "end", "idle", "quit"]

    def describe(window: MainWindow) -> None:
        """A new patron's window: record it, leave notes in it, then take the next step."""
        QApplication.processEvents()
        sessions.append({
            "ready_after": time.monotonic() - float(previous["asked_at"]),  # type: ignore[arg-type]
            "visible": window.isVisible(), "window_id": int(window.winId()),
            "previous_window_id": previous["window"], "title": window.windowTitle(),
            "notes": window.notes_panel.model.rowCount(),
            "stored_notes": len(window.notes_store.all(window.archive.info.id)),
            "left_from_previous": [f for f in previous["files"] if Path(f).exists()],  # type: ignore[union-attr]
        })
        use_it(window)
        previous.update(files=files_under(public.session.root), window=int(window.winId()))
        next_step()

    def next_step() -> None:
        step = steps.pop(0)
        window = public.window
        assert isinstance(window, MainWindow)
        previous["asked_at"] = time.monotonic()
        if step == "end":
            answer("End session", dialogs)
            window.session_banner.end_button.click()  # type: ignore[union-attr]
        elif step == "idle":
            clock.now += public.policy.idle_seconds + 61
            public.idle.tick()  # type: ignore[union-attr]
        else:
            answer("Quit", dialogs)
            QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    public.session_started.connect(lambda w: QTimer.singleShot(0, lambda: describe(w)))
    QTimer.singleShot(0, next_step)
    code = serve(started)
    report |= {"sessions": sessions, "dialogs": dialogs, "code": code, "last_files": previous["files"]}
    report_path.write_text(json.dumps(report), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
