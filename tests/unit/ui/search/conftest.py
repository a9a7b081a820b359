"""A real archive, a real Whoosh index and a shown SearchPanel, all under tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.search import SearchIndex
from reader.ui.search import SearchPanel
from reader.ui.tasks import TaskRunner
from tests.unit.core.search.conftest import ARTICLES, article_text


@pytest.fixture
def index(make_archive, data_dir: Path) -> Iterator[SearchIndex]:
    root = make_archive({slug: article_text(*fields) for slug, fields in ARTICLES.items()})
    with SearchIndex.open(root, pathsmod.Paths.under(data_dir).ensure()) as opened:
        yield opened


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.wait(5000)  # nothing may still use the index when it closes


@pytest.fixture
def make_panel(qtbot: QtBot, runner: TaskRunner, index: SearchIndex):
    """Panels over any index; at teardown, before ``index`` closes, nothing of theirs is left to run."""
    made: list[SearchPanel] = []

    def make(provider: Callable[[], SearchIndex | None], **options: int) -> SearchPanel:
        widget = SearchPanel(provider, runner, **options)
        qtbot.addWidget(widget)
        widget.resize(420, 720)
        widget.show()
        qtbot.waitExposed(widget)
        made.append(widget)
        return widget

    yield make
    for widget in made:
        widget.reset()  # a pending count of exact totals is dropped with the query
    runner.wait(5000)


@pytest.fixture
def panel(make_panel, index: SearchIndex) -> SearchPanel:
    return make_panel(lambda: index)


def search(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    """Type ``text`` as a user would and wait for its results, exact totals and facets included."""
    with qtbot.waitSignal(panel.result_shown, timeout=5000):
        panel.field.clear()
        qtbot.keyClicks(panel.field, text)
    qtbot.waitUntil(lambda: not panel.counting, timeout=5000)
