"""Read aloud, headless: the text cut into spoken chunks and the speech engines behind one interface.

The window (reader/ui/article/read_aloud.py) drives an engine one sentence at a
time, so pause, stop and the moving mark need nothing from the engine but
"speak this" and "it is done".
"""

from reader.core.speech.backends import EspeakNg, SpdSay, find_engine
from reader.core.speech.engine import (
    NO_ENGINE,
    RATE_DEFAULT,
    RATE_MAX,
    RATE_MIN,
    SpeechEngine,
    SpeechUnavailable,
    Utterance,
    Voice,
)
from reader.core.speech.text import sentence_spans

__all__ = [
    "NO_ENGINE",
    "RATE_DEFAULT",
    "RATE_MAX",
    "RATE_MIN",
    "EspeakNg",
    "SpdSay",
    "SpeechEngine",
    "SpeechUnavailable",
    "Utterance",
    "Voice",
    "find_engine",
    "sentence_spans",
]
