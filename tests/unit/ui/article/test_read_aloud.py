"""Article → Read aloud with an injected engine: the loop, pause/resume/stop, speed, voice, the mark."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.settings import Settings
from reader.core.speech import NO_ENGINE, SpeechUnavailable, Voice
from reader.core.speech.engine import Done
from reader.core.usecases import AppContext
from reader.core.usecases.rules import LOCKED_SETTING
from reader.ui.article import read_aloud as module
from reader.ui.article.read_aloud import IDLE, PAUSED, SPEAKING, ReadAloud
from reader.ui.article.view import ArticleView
from reader.ui.mainwindow import MainWindow
from tests.unit.ui.article.conftest import make_article

THREE = "The owl flies at night. It hunts mice!\n\nIt sleeps by day. Then it wakes."


@dataclass
class Spoken:
    text: str
    rate: int
    voice: str
    done: Done
    stopped: bool = False

    def stop(self) -> None:
        self.stopped = True


@dataclass
class FakeEngine:
    """Speaks nothing; a test ends each chunk with ``finish`` (from another thread, as real engines do)."""

    name: str = "fake"
    spoken: list[Spoken] = field(default_factory=list)

    def voices(self) -> list[Voice]:
        return [Voice("en-us", "English (America)", "en-us"), Voice("fr-fr", "French (France)", "fr-fr")]

    def speak(self, text: str, *, rate: int, voice: str, done: Done) -> Spoken:
        self.spoken.append(Spoken(text, rate, voice, done))
        return self.spoken[-1]

    def finish(self, error: str | None = None, which: int = -1) -> None:
        thread = threading.Thread(target=self.spoken[which].done, args=(error,))
        thread.start()
        thread.join()


Reading = tuple[ReadAloud, ArticleView, FakeEngine]


@pytest.fixture
def reading(make_view: Callable[..., ArticleView], tmp_path: Path) -> Reading:
    engine = FakeEngine()
    view = make_view()
    view.show_article(make_article(body=THREE, title="Owls"))
    reader = ReadAloud(view, Settings(tmp_path / "settings.json"), engine=lambda: engine)
    return reader, view, engine


def marked(view: ArticleView) -> str:
    (start, stop), = view.marks("speech")
    return view.toPlainText()[start:stop]


def test_start_pause_resume_and_stop(qtbot: QtBot, reading: Reading) -> None:
    reader, view, engine = reading
    reader.toggle()  # the caret is at the top: the title is the first sentence
    assert reader.state == SPEAKING and [s.text for s in engine.spoken] == ["Owls"]
    engine.finish()
    qtbot.waitUntil(lambda: len(engine.spoken) == 2)
    assert marked(view) == engine.spoken[1].text == "The owl flies at night."
    reader.toggle()  # pause: silenced, the mark stays
    assert reader.state == PAUSED and engine.spoken[1].stopped and marked(view) == "The owl flies at night."
    engine.finish(which=1)  # a paused sentence that ends anyway is ignored
    qtbot.wait(20)
    assert len(engine.spoken) == 2 and reader.state == PAUSED
    reader.toggle()  # resume: the same sentence again
    assert reader.state == SPEAKING and engine.spoken[2].text == "The owl flies at night."
    reader.actions["read_aloud_stop"].trigger()
    assert reader.state == IDLE and engine.spoken[2].stopped and view.marks("speech") == []
    assert not reader.actions["read_aloud_stop"].isEnabled()


def test_reading_to_the_end_and_an_engine_error(qtbot: QtBot,
                                                reading: Reading) -> None:
    reader, view, engine = reading
    messages: list[str] = []
    reader.message.connect(messages.append)
    reader.start()
    for number in range(5):
        engine.finish()
        qtbot.waitUntil(lambda n=number: len(engine.spoken) == n + 2 or reader.state == IDLE)
    assert [s.text for s in engine.spoken] == ["Owls", "The owl flies at night.", "It hunts mice!",
                                               "It sleeps by day.", "Then it wakes."]
    assert reader.state == IDLE and messages == [module.TEXT["finished"]]
    reader.start()
    engine.finish("The speech engine could not play sound")
    qtbot.waitUntil(lambda: reader.state == IDLE)
    assert messages[-1] == "The speech engine could not play sound" and view.marks("speech") == []


def test_a_selection_reads_only_its_sentences_and_the_caret_starts_at_its_sentence(
        qtbot: QtBot, reading: Reading) -> None:
    reader, view, engine = reading
    text = view.toPlainText()
    cursor = view.textCursor()
    cursor.setPosition(text.index("mice"))
    cursor.setPosition(text.index("by day"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    reader.start()
    engine.finish()
    qtbot.waitUntil(lambda: len(engine.spoken) == 2)
    engine.finish()
    qtbot.waitUntil(lambda: reader.state == IDLE)
    assert [s.text for s in engine.spoken] == ["mice!", "It sleeps"]
    cursor.setPosition(text.index("sleeps"))
    view.setTextCursor(cursor)
    reader.start()
    assert engine.spoken[-1].text == "It sleeps by day."


def test_speed_and_voice_are_remembered_and_used_for_the_next_sentence(
        qtbot: QtBot, reading: Reading, tmp_path: Path) -> None:
    reader, _view, engine = reading
    reader.start()
    reader.actions["read_aloud_faster"].trigger()
    reader.actions["read_aloud_faster"].trigger()
    menu = QMenu()
    reader.fill_menu(menu)
    voices = next(a.menu() for a in menu.actions() if a.menu() is not None)
    reader._language = lambda: "fr"  # the archive's language: its voices first
    reader.fill_voices(voices)
    assert [a.text() for a in voices.actions()] == [module.TEXT["default_voice"], "", "French (France)", "",
                                                    "English (America)"]
    voices.actions()[2].trigger()
    engine.finish()
    qtbot.waitUntil(lambda: len(engine.spoken) == 2)
    assert (engine.spoken[0].rate, engine.spoken[1].rate, engine.spoken[1].voice) == (100, 120, "fr-fr")
    saved = Settings(tmp_path / "settings.json")
    assert (saved.get("window.read_aloud_rate"), saved.get("window.read_aloud_voice")) == (120, "fr-fr")
    for _ in range(30):
        reader.actions["read_aloud_slower"].trigger()
    assert reader.rate() == 50 and not reader.actions["read_aloud_slower"].isEnabled()


def test_changing_the_article_escape_and_closing_the_window_stop_reading(
        qtbot: QtBot, reading: Reading) -> None:
    reader, view, engine = reading
    reader.start()
    view.show_article(make_article("beta", body="Another text.", title="Beta"))
    assert reader.state == IDLE and engine.spoken[0].stopped and view.marks("speech") == []
    engine.finish(which=0)  # the old article's sentence ending later must not start anything
    qtbot.wait(20)
    assert len(engine.spoken) == 1
    reader.start()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert reader.state == IDLE and engine.spoken[1].stopped
    reader.start()
    view.set_archive(None)  # another archive: the text is gone
    assert reader.state == IDLE and engine.spoken[2].stopped
    view.show_article(make_article(body=THREE))
    reader.start()
    view.window().close()  # the window closes: the voice must not go on
    assert reader.state == IDLE and engine.spoken[3].stopped


def test_no_engine_greys_the_commands_out_saying_what_to_install(
        make_view: Callable[..., ArticleView], tmp_path: Path) -> None:
    def missing() -> FakeEngine:
        raise SpeechUnavailable()

    reader = ReadAloud(make_view(), Settings(tmp_path / "settings.json"), engine=missing)
    messages: list[str] = []
    reader.message.connect(messages.append)
    assert all(not a.isEnabled() and a.toolTip() == NO_ENGINE for a in reader.actions.values())
    reader.start()
    assert messages == [NO_ENGINE] and reader.state == IDLE


def test_the_window_reads_the_bundled_article_with_a_moving_mark(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = FakeEngine()
    monkeypatch.setattr(module, "find_engine", lambda: engine)
    ctx = AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure())
    window = MainWindow(ctx, open_archive(bundled_archive()))
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view, bar = window.article_view, window.findChild(module.QObject, "read_aloud_bar")
    assert window.actions_by_name["read_aloud"].text() == "&Read aloud"
    view.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.read_aloud.state == SPEAKING and bar.isVisible()
    starts, scrolls = [], []
    while window.read_aloud.state == SPEAKING:
        starts.append(view.marks("speech")[0][0])
        scrolls.append(view.verticalScrollBar().value())
        assert view.toPlainText()[slice(*view.marks("speech")[0])] == engine.spoken[-1].text
        if len(starts) == 20:
            assert "sentence 20 of 33" in bar.label.text()
        engine.finish()
        count = len(starts)
        qtbot.waitUntil(lambda n=count: len(engine.spoken) == n + 1 or window.read_aloud.state == IDLE)
    assert len(starts) == 33 and starts == sorted(set(starts))  # each sentence once, in order
    assert scrolls[-1] > scrolls[0]  # the view followed the mark
    assert not bar.isVisible() and window.statusBar().currentMessage() == module.TEXT["finished"]
    window.read_aloud.start()
    window.read_aloud.actions["read_aloud"].trigger()
    assert "Paused" in bar.label.text()
    window.read_aloud.actions["read_aloud_stop"].trigger()
    assert not bar.isVisible() and view.marks("speech") == []


def test_a_policy_locked_speed_and_voice_cannot_be_changed(make_view: Callable[..., ArticleView],
                                                           tmp_path: Path) -> None:
    engine = FakeEngine()
    settings = Settings(tmp_path / "settings.json", policy={"window.read_aloud_rate": 80,
                                                            "window.read_aloud_voice": "en-us"})
    reader = ReadAloud(make_view(), settings, engine=lambda: engine)
    slower, faster = reader.actions["read_aloud_slower"], reader.actions["read_aloud_faster"]
    assert not slower.isEnabled() and not faster.isEnabled() and faster.toolTip() == LOCKED_SETTING
    reader.change_rate(3)
    menu = QMenu()
    reader.fill_voices(menu)
    assert reader.rate() == 80 and not any(a.isEnabled() for a in menu.actions() if not a.isSeparator())
    reader.view.show_article(make_article(body=THREE))
    reader.start()
    assert (engine.spoken[0].rate, engine.spoken[0].voice) == (80, "en-us")
