"""Article → Read aloud: the article spoken sentence by sentence, with a mark that follows.

The engine (:mod:`reader.core.speech`) speaks one sentence and says when it is
done; this controller keeps the place, marks the sentence in the view (the
"speech" mark layer, underlined, so it never looks like a highlight or a search
term), scrolls to it and asks for the next.  Pause silences the sentence and
Resume says it again; every request carries a token and a "done" whose token
is stale (a stop, a pause, another article) is dropped.  Reading starts from
the selection (only it is read), else from the caret when it is on screen,
else from the top of what is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.core.i18n import N_, _
from reader.core.settings import Settings
from reader.core.speech import RATE_MAX, RATE_MIN, SpeechEngine, SpeechUnavailable, Utterance, find_engine
from reader.core.speech.engine import RATE_STEP, clamp_rate, voice_for
from reader.core.speech.text import sentence_at, sentence_spans
from reader.core.usecases.rules import LOCKED_SETTING
from reader.ui.article.view import ArticleView

log = logging.getLogger("reader.ui.speech")

#: Every string the reader sees, in one place (for translation).
TEXT = {
    "start": N_("&Read aloud"),
    "pause": N_("&Pause reading"),
    "resume": N_("&Resume reading"),
    "stop": N_("&Stop reading"),
    "slower": N_("Read slo&wer"),
    "faster": N_("Read &faster"),
    "voice": N_("&Voice"),
    "default_voice": N_("&Automatic (the archive's language)"),
    "no_voices": N_("The speech engine lists no voices"),
    "start_tip": N_("Read the article aloud from the caret or the selection (Ctrl+Shift+R)"),
    "speaking": N_("Reading aloud — sentence {number} of {total} · {rate} %"),
    "paused": N_("Paused — sentence {number} of {total} · {rate} %"),
    "finished": N_("Read aloud: finished."),
    "nothing": N_("Nothing to read aloud here."),
}

IDLE, SPEAKING, PAUSED = "idle", "speaking", "paused"
SHORTCUTS = {"start": ("Ctrl+Shift+R",), "stop": ("Ctrl+Shift+.",), "slower": ("Ctrl+Alt+-",),
             "faster": ("Ctrl+Alt+=", "Ctrl+Alt++")}


class ReadAloud(QObject):
    """Reads the article of ``view`` aloud with the engine ``engine()`` gives.

    The engine is looked for once, at once (a PATH lookup), so the menu can say why it is greyed
    out; its voices are listed only when first needed."""

    state_changed = Signal(str)  # IDLE, SPEAKING or PAUSED
    progress = Signal(int, int)  # sentence number (from 1), sentences in all
    message = Signal(str)  # for the status bar: why it cannot read, or that it finished
    _spoken = Signal(int, object)  # token, error (None when the sentence was spoken): from any thread

    def __init__(self, view: ArticleView, settings: Settings,
                 engine: Callable[[], SpeechEngine] | None = None,
                 language: Callable[[], str] = lambda: "") -> None:
        super().__init__(view)
        self.view, self.settings, self._language = view, settings, language
        self._find_engine = engine or (lambda: find_engine())  # looked up when called: tests replace it
        self._engine: SpeechEngine | None = None
        self.state = IDLE
        self._spans: list[tuple[int, int]] = []
        self._text = ""
        self._index = 0
        self._token = 0
        self._utterance: Utterance | None = None
        self.actions = self._make_actions()
        self.unavailable: str | None = None
        self._spoken.connect(self._on_spoken)
        view.article_changed.connect(lambda _id: self.stop())
        view.rendered.connect(self._on_rendered)
        view.installEventFilter(self)
        self.check_engine()
        self._sync()

    # -- the engine -----------------------------------------------------------------------

    def check_engine(self) -> SpeechEngine | None:
        """The engine, found once; none: every action greyed out, saying why."""
        if self._engine is None and self.unavailable is None:
            try:
                self._engine = self._find_engine()
            except SpeechUnavailable as exc:
                self.unavailable = str(exc)
                for action in self.actions.values():
                    action.setEnabled(False)
                    action.setToolTip(self.unavailable)
                    action.setStatusTip(self.unavailable)
        return self._engine

    def voice(self) -> str:
        """The voice to speak with: the reader's choice, else one for the archive's language."""
        engine = self.check_engine()
        wanted = self.settings.get("window.read_aloud_voice")
        if engine is None or (not wanted and not self._language()):
            return wanted
        return voice_for(engine.voices(), wanted, self._language())

    def rate(self) -> int:
        return clamp_rate(self.settings.get("window.read_aloud_rate"))

    # -- commands -------------------------------------------------------------------------

    def toggle(self) -> None:
        """Ctrl+Shift+R: start, pause or resume."""
        {IDLE: self.start, SPEAKING: self.pause, PAUSED: self.resume}[self.state]()

    def start(self) -> None:
        if self.check_engine() is None:
            self.message.emit(self.unavailable or "")
            return
        self.stop()
        self._text = self.view.toPlainText()
        cursor = self.view.textCursor()
        if cursor.hasSelection():
            self._spans = sentence_spans(self._text, cursor.selectionStart(), cursor.selectionEnd())
            self._index = 0
        else:
            self._spans = sentence_spans(self._text)
            self._index = sentence_at(self._spans, self._start_position())
        if self._index >= len(self._spans):
            self.message.emit(_(TEXT["nothing"]))
            return
        self._speak()

    def pause(self) -> None:
        if self.state == SPEAKING:
            self._silence()
            self._set_state(PAUSED)

    def resume(self) -> None:
        if self.state == PAUSED:
            self._speak()

    def stop(self) -> None:
        if self.state == IDLE:
            return
        self._silence()
        self._spans, self._text = [], ""
        self.view.set_marks("speech", [])
        self._set_state(IDLE)

    def change_rate(self, steps: int) -> None:
        """Slower or faster, remembered; the next sentence is read at the new speed."""
        rate = clamp_rate(self.rate() + steps * RATE_STEP)
        self.settings.offer("window.read_aloud_rate", rate)
        self._sync()

    def choose_voice(self, voice: str) -> None:
        self.settings.offer("window.read_aloud_voice", voice)

    def spoken_span(self) -> tuple[int, int] | None:
        """The sentence being read (or paused in), as positions in the view's text."""
        return self._spans[self._index] if self.state != IDLE else None

    # -- the reading loop -----------------------------------------------------------------

    def _start_position(self) -> int:
        """The caret when the reader can see it, else the top of the shown text."""
        rect = self.view.cursorRect()
        if rect.top() >= 0 and rect.bottom() <= self.view.viewport().height():
            return self.view.textCursor().position()
        return self.view.top_position()

    def _speak(self) -> None:
        engine = self.check_engine()
        assert engine is not None
        start, stop = self._spans[self._index]
        self._token += 1
        token = self._token
        self.view.set_marks("speech", [(start, stop)])
        self.view.reveal(start)
        self._set_state(SPEAKING)
        try:
            self._utterance = engine.speak(self._text[start:stop], rate=self.rate(), voice=self.voice(),
                                           done=lambda error: self._post(token, error))
        except SpeechUnavailable as exc:
            self.stop()
            self.message.emit(str(exc))

    def _post(self, token: int, error: str | None) -> None:
        """From the engine's thread: queued to ours; dropped if the window is gone meanwhile."""
        try:
            self._spoken.emit(token, error)
        except RuntimeError:  # this object's C++ side was deleted with its window
            log.debug("a sentence ended after its window closed")

    def _on_spoken(self, token: int, error: object) -> None:
        if token != self._token or self.state != SPEAKING:
            return  # a sentence that was stopped, paused or belongs to another reading
        self._utterance = None
        if error:
            self.stop()
            self.message.emit(str(error))
            return
        self._index += 1
        if self._index >= len(self._spans):
            self.stop()
            self.message.emit(_(TEXT["finished"]))
            return
        self._speak()

    def _on_rendered(self) -> None:
        """A re-render with other text (the archive changed, the article was re-read): stop."""
        if self.state != IDLE and self.view.toPlainText() != self._text:
            self.stop()

    def _silence(self) -> None:
        self._token += 1
        if self._utterance is not None:
            self._utterance.stop()
            self._utterance = None

    def _set_state(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        self._sync()
        if changed:
            self.state_changed.emit(state)

    def _sync(self) -> None:
        start = self.actions["read_aloud"]
        start.setText(_(TEXT[{IDLE: "start", SPEAKING: "pause", PAUSED: "resume"}[self.state]]))
        if self.unavailable is None:
            self.actions["read_aloud_stop"].setEnabled(self.state != IDLE)
            locked = self.settings.is_locked("window.read_aloud_rate")
            for name, room in (("read_aloud_slower", self.rate() > RATE_MIN),
                               ("read_aloud_faster", self.rate() < RATE_MAX)):
                self.actions[name].setEnabled(room and not locked)
                self.actions[name].setToolTip(_(LOCKED_SETTING) if locked else _(TEXT[name.split("_")[-1]])
                                              .replace("&", ""))
        if self.state != IDLE:
            self.progress.emit(self._index + 1, len(self._spans))

    def status_text(self) -> str:
        """What the read-aloud bar says now."""
        if self.state == IDLE:
            return ""
        key = "speaking" if self.state == SPEAKING else "paused"
        return _(TEXT[key]).format(number=self._index + 1, total=len(self._spans), rate=self.rate())

    # -- actions and keys -----------------------------------------------------------------

    def _make_actions(self) -> dict[str, QAction]:
        made = {}
        for name, key, slot in (("read_aloud", "start", self.toggle), ("read_aloud_stop", "stop", self.stop),
                                ("read_aloud_slower", "slower", lambda: self.change_rate(-1)),
                                ("read_aloud_faster", "faster", lambda: self.change_rate(1))):
            action = QAction(_(TEXT[key]), self.view)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in SHORTCUTS[key]])
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.view.addAction(action)
            made[name] = action
        made["read_aloud"].setStatusTip(_(TEXT["start_tip"]))
        made["read_aloud_stop"].setEnabled(False)
        return made

    def fill_menu(self, menu: QMenu) -> None:
        """Article → Read aloud: the commands, then the voices (listed when the menu first opens)."""
        if menu.isEmpty():
            for name in ("read_aloud", "read_aloud_stop", None, "read_aloud_slower", "read_aloud_faster"):
                menu.addAction(self.actions[name]) if name else menu.addSeparator()
            voices = menu.addMenu(_(TEXT["voice"]))
            voices.setObjectName("voice_menu")
            voices.setEnabled(self.unavailable is None)
            voices.aboutToShow.connect(lambda: self.fill_voices(voices))

    def fill_voices(self, menu: QMenu) -> None:
        """One checkable action per voice of the engine, the reader's choice checked; the voices for the
        archive's language come first (espeak-ng alone has over a hundred)."""
        menu.clear()
        engine = self.check_engine()
        voices = engine.voices() if engine else []
        primary = _primary(self._language())
        ours = [voice for voice in voices if primary and _primary(voice.language) == primary]
        others = [voice for voice in voices if voice not in ours]
        group = QActionGroup(menu)
        for choices in ([("", _(TEXT["default_voice"]))], [(v.id, v.name) for v in ours],
                        [(v.id, v.name) for v in others]):
            if choices and not menu.isEmpty():
                menu.addSeparator()
            for voice_id, name in choices:
                action = menu.addAction(name)
                action.setCheckable(True)
                action.setChecked(voice_id == self.settings.get("window.read_aloud_voice"))
                action.setEnabled(not self.settings.is_locked("window.read_aloud_voice"))
                action.setData(voice_id)
                action.triggered.connect(lambda _checked=False, v=voice_id: self.choose_voice(v))
                group.addAction(action)
        if not voices:
            menu.addAction(_(TEXT["no_voices"])).setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the article stops reading (before it closes the find bar or clears search marks);
        so does closing the window (a hide the program asked for; minimising is spontaneous and
        reading goes on)."""
        if watched is not self.view or self.state == IDLE:
            return False
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.stop()
        elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.stop()
            return True
        return False


def _primary(language: str) -> str:
    """"en" for "en-GB", "en_us" or "en"."""
    return language.lower().replace("_", "-").split("-")[0]
