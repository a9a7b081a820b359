"""The speech programs as engines: finding one, their arguments and voices, a process's life, a real WAV."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.speech import NO_ENGINE, EspeakNg, SpdSay, SpeechUnavailable, find_engine
from reader.core.speech.backends import ProcessUtterance, _failure, parse_espeak_voices, parse_spd_voices
from reader.core.speech.engine import Voice, voice_for
from reader.core.speech.text import sentence_spans

ESPEAK_VOICES = """Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  af              --/M      Afrikaans          gmw/af
 2  en-gb           --/M      English_(Great_Britain) gmw/en           (en 2)
 5  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  fr-fr           --/M      French_(France)    roa/fr               (fr 5)
"""
SPD_VOICES = """         NAME                     LANGUAGE              VARIANT
           Afrikaans              af                    none
    English (America)             en-US                 none
"""


def test_find_engine_prefers_espeak_then_speech_dispatcher_then_says_what_to_install() -> None:
    assert isinstance(find_engine(lambda name: f"/usr/bin/{name}"), EspeakNg)
    assert isinstance(find_engine(lambda name: "/usr/bin/spd-say" if name == "spd-say" else None), SpdSay)
    with pytest.raises(SpeechUnavailable) as caught:
        find_engine(lambda _name: None)
    assert str(caught.value) == NO_ENGINE


def test_voice_listings_are_read_and_matched_to_an_archive_language() -> None:
    voices = parse_espeak_voices(ESPEAK_VOICES)
    assert voices[1] == Voice("en-gb", "English (Great Britain) (en-gb)", "en-gb", 2)
    assert [v.id for v in parse_spd_voices(SPD_VOICES)] == ["Afrikaans", "English (America)"]
    assert voice_for(voices, "fr-fr", "en") == "fr-fr"  # the reader's choice wins
    assert voice_for(voices, "", "en-US") == "en-us"
    assert voice_for(voices, "", "fr") == "fr-fr"  # by the language alone
    assert voice_for(voices, "", "en") == "en-gb"  # the engine's preferred voice for it
    assert voice_for(voices, "gone", "") == ""  # the engine's default


def test_arguments_carry_speed_and_voice_and_never_the_text_as_an_option() -> None:
    assert EspeakNg("espeak-ng").argv(rate=200, voice="en-us") == ["espeak-ng", "--stdin", "-s", "350",
                                                                    "-v", "en-us"]
    assert EspeakNg().argv(rate=10, voice="")[3] == "88"  # clamped to half speed
    assert SpdSay("spd-say").argv("-x text", rate=150, voice="") == ["spd-say", "--wait", "--rate", "50",
                                                                     "--", "-x text"]


def test_a_process_reports_done_or_why_it_failed_and_stop_silences_it() -> None:
    results: list[str | None] = []
    finished = threading.Event()

    def done(error: str | None) -> None:
        results.append(error)
        finished.set()

    ProcessUtterance([sys.executable, "-c", "import sys; sys.stdin.read()"], "text", done).wait(20)
    ProcessUtterance([sys.executable, "-c", "import sys; sys.exit('bad voice')"], "text", done).wait(20)
    assert results == [None, "The speech engine stopped with an error: bad voice."]
    slow = ProcessUtterance([sys.executable, "-c", "import time; time.sleep(60)"], None, done)
    slow.stop()
    slow.wait(20)
    assert len(results) == 2  # a stopped utterance never says it is done
    assert _failure(0, "ALSA lib pcm.c: noise\nerror: No such file or directory\n") == (
        "The speech engine could not play sound (No such file or directory); is a sound device connected?")
    with pytest.raises(SpeechUnavailable, match="could not be started"):
        ProcessUtterance(["/nonexistent/espeak-ng"], "text", done)


def test_espeak_ng_speaks_the_bundled_articles_first_paragraph_into_a_wav(tmp_path: Path) -> None:
    """The real engine, through the same arguments as reading aloud; measured with sox."""
    archive = open_archive(bundled_archive())
    first = archive.article(archive.articles()[0].id).body.strip().split("\n\n")[0]
    assert len(sentence_spans(first)) == 3
    engine = find_engine()
    assert isinstance(engine, EspeakNg) and any(v.language.startswith("en") for v in engine.voices())
    wav = tmp_path / "first.wav"
    engine.synthesize(first, wav, voice="en-us")
    stat = subprocess.run([shutil.which("sox") or "sox", str(wav), "-n", "stat"], capture_output=True,
                          text=True, check=True).stderr
    length = float(re.search(r"Length \(seconds\):\s+([\d.]+)", stat).group(1))  # type: ignore[union-attr]
    rms = float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat).group(1))  # type: ignore[union-attr]
    words = len(first.split())
    print(f"\nespeak-ng: {words} words, {length:.2f} s, RMS amplitude {rms:.4f}")
    assert rms > 0.01
    assert words / 4 < length < words / 2  # 175 words a minute is about 3 a second


def test_speech_dispatcher_is_told_to_cancel_when_stopped(tmp_path: Path) -> None:
    """A stand-in spd-say (a script logging its arguments): stop ends the client and cancels the daemon."""
    log = tmp_path / "calls.log"
    program = tmp_path / "spd-say"
    program.write_text(f"""#!{sys.executable}
import sys, time
with open({str(log)!r}, "a") as f:
    f.write(" ".join(sys.argv[1:]) + "\\n")
if "--list-synthesis-voices" in sys.argv:
    print({SPD_VOICES!r})
elif "--cancel" not in sys.argv:
    time.sleep(60)
""")
    program.chmod(0o755)
    engine = SpdSay(str(program))
    assert [v.id for v in engine.voices()] == ["Afrikaans", "English (America)"]
    heard: list[str | None] = []
    utterance = engine.speak("-v Hello.", rate=100, voice="Afrikaans", done=heard.append)
    assert isinstance(utterance, ProcessUtterance)
    deadline = time.monotonic() + 20
    while len(log.read_text().splitlines()) < 2 and time.monotonic() < deadline:  # it has started speaking
        time.sleep(0.01)
    utterance.stop()
    utterance.wait(20)
    calls = log.read_text().splitlines()
    assert calls[1:] == ["--wait --rate 0 --synthesis-voice Afrikaans -- -v Hello.", "--cancel"]
    assert heard == []
