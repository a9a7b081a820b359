"""The speech engine interface the window drives, and finding one on this computer.

An engine speaks one chunk of text at a time and says when it is done; the
window keeps the place, so pause is "stop, and start this sentence again on
resume", which every engine can do.  ``done`` may be called from another
thread: the window posts it back to its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from reader.core.errors import ReaderError
from reader.core.i18n import N_, _

log = logging.getLogger("reader.speech")

#: Speed in percent of the engine's normal speed; the window steps it by RATE_STEP.
RATE_MIN, RATE_DEFAULT, RATE_MAX, RATE_STEP = 50, 100, 300, 10
NO_ENGINE = N_("Read aloud needs a speech engine: install espeak-ng or speech-dispatcher.")

#: Called once when a chunk was spoken to its end: None, or why it could not be spoken.
Done = Callable[[str | None], None]


class SpeechUnavailable(ReaderError):
    """This computer has no speech engine we can use."""

    def __init__(self, message: str = NO_ENGINE) -> None:
        super().__init__(_(message))


@dataclass(frozen=True)
class Voice:
    id: str  # what the engine is given to choose it
    name: str  # what the reader is shown
    language: str = ""  # BCP 47-ish code, e.g. "en-us", to match an archive's language
    priority: int = 5  # lower first when several voices speak a language (espeak-ng's "Pty")


class Utterance(Protocol):
    def stop(self) -> None:
        """Silence it now; its ``done`` is then never called."""


class SpeechEngine(Protocol):
    name: str

    def voices(self) -> list[Voice]:
        """The voices to choose from (may run the engine once; the window asks lazily)."""

    def speak(self, text: str, *, rate: int, voice: str, done: Done) -> Utterance:
        """Start speaking ``text`` at ``rate`` percent with ``voice`` ("" the engine's default)."""


def clamp_rate(rate: int) -> int:
    return max(RATE_MIN, min(RATE_MAX, int(rate)))


def voice_for(voices: list[Voice], wanted: str, language: str) -> str:
    """The reader's voice if the engine has it, else one for the archive's ``language``, else ""."""
    ids = {voice.id for voice in voices}
    if wanted in ids:
        return wanted
    language = language.lower().replace("_", "-")
    if not language:
        return ""
    exact = [v.id for v in voices if language in (v.language.lower(), v.id.lower())]
    primary = language.split("-")[0]
    near = sorted((v for v in voices if v.language.lower().split("-")[0] == primary),
                  key=lambda v: (v.priority, v.id not in (primary, f"{primary}-{primary}")))
    near = [v.id for v in near]
    return (exact + near + [""])[0]
