"""The background helper: results arrive on the GUI thread, stale ones are dropped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reader.core.search import QueryError, SearchIndex
from reader.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, bool]] = []
    gui = QThread.currentThread()
    runner.run("x", lambda: threading.get_ident(),
               lambda ident: seen.append((ident, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0][0] != threading.get_ident() and seen[0][1]


def test_only_the_latest_request_of_a_channel_is_delivered(qtbot: QtBot) -> None:
    runner = TaskRunner()
    delivered: list[str] = []

    def slow(value: str, delay: float):
        def op() -> str:
            time.sleep(delay)
            return value
        return op

    runner.run("search", slow("so", 0.2), delivered.append)
    runner.run("search", slow("soc", 0.0), delivered.append)
    runner.run("other", slow("elsewhere", 0.0), delivered.append)
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: len(delivered) == 2)
    qtbot.wait(50)
    assert delivered == ["soc", "elsewhere"]


def test_failures_go_to_on_failure(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def boom() -> None:
        raise QueryError("bad query")

    runner.run("search", boom, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "bad query"


def test_stale_search_results_are_dropped_with_a_real_index(qtbot: QtBot, make_archive,
                                                            data_dir: Path) -> None:
    from reader.core import paths as pathsmod

    root = make_archive({f"a{i}": f"+++\ntitle = \"A{i}\"\n+++\n\nsocialism society social {i}\n"
                         for i in range(20)})
    index = SearchIndex.open(root, pathsmod.Paths.under(data_dir))
    runner = TaskRunner()
    shown: list[str] = []
    for partial in ("s", "so", "soc", "soci", "socia"):
        runner.run("search", lambda q=partial: index.search(q + "*"), lambda r: shown.append(r.query))
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(50)
    assert shown == ["socia*"]
    index.close()
