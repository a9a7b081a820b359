"""The platform's speech programs as engines: espeak-ng, and speech-dispatcher's spd-say.

Each chunk is one process (text on stdin for espeak-ng, so no text is ever
read as an option); a thread waits for it and calls ``done``.  Stopping
terminates the process; speech-dispatcher speaks in its daemon, so it is also
told to cancel.  The same argument list writes a WAV file (``-w``), which is
how the real engine is checked without a sound card.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core.i18n import _
from reader.core.speech.engine import Done, SpeechEngine, SpeechUnavailable, Voice, clamp_rate

log = logging.getLogger("reader.speech")

ESPEAK_WPM = 175  # espeak-ng's normal speed, words per minute (its -s default)
VOICES_TIMEOUT = 10  # seconds to list the voices; an engine that hangs there is broken
NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashing up per sentence


class ProcessUtterance:
    """One running speech process; ``done`` is called from the waiting thread when it ends by itself."""

    def __init__(self, argv: Sequence[str], text: str | None, done: Done,
                 on_stop: Callable[[], None] | None = None) -> None:
        self._stopped = threading.Event()
        self._on_stop = on_stop
        try:
            self._process = subprocess.Popen(
                argv, stdin=subprocess.PIPE if text is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, creationflags=NO_WINDOW)
        except OSError as exc:
            log.warning("cannot start %s: %s", argv[0], exc)
            reason = exc.strerror or exc
            message = _("The speech engine could not be started: {reason}.").format(reason=reason)
            raise SpeechUnavailable(message) from exc
        self._thread = threading.Thread(target=self._wait, args=(text, done), daemon=True,
                                        name="reader-speech")
        self._thread.start()

    def _wait(self, text: str | None, done: Done) -> None:
        try:
            _out, err = self._process.communicate(text.encode("utf-8") if text is not None else None)
        except (OSError, ValueError):  # stopped while writing: the pipe is gone
            err = b""
        if self._stopped.is_set():
            return
        done(_failure(self._process.returncode, err.decode("utf-8", "replace")))

    def stop(self) -> None:
        self._stopped.set()
        if self._process.poll() is None:
            self._process.terminate()
        if self._on_stop is not None:
            self._on_stop()

    def wait(self, timeout: float | None = None) -> None:
        """For tests and WAV output: until the process and its waiting thread are finished."""
        self._thread.join(timeout)


def _failure(code: int, err: str) -> str | None:
    """Why a chunk was not heard, or None.  espeak-ng exits 0 when it has no sound device but says
    "error: ..." (after the sound library's own noise), so that line counts too."""
    lines = err.strip().splitlines()
    said = [line.removeprefix("error:").strip() for line in lines if line.startswith("error:")]
    if code == 0 and not said:
        return None
    log.warning("speech process exited with %s: %s", code, lines[-1:] or "")
    if said:
        return _("The speech engine could not play sound ({reason}); is a sound device connected?").format(
            reason=said[-1])
    last = lines[-1] if lines else _("exit code {code}").format(code=code)
    return _("The speech engine stopped with an error: {reason}.").format(reason=last)


class EspeakNg:
    """espeak-ng as a subprocess: no daemon, works the same on every Linux and on Windows."""

    name = "espeak-ng"

    def __init__(self, program: str = "espeak-ng") -> None:
        self.program = program
        self._voices: list[Voice] | None = None

    def argv(self, *, rate: int, voice: str, wav: Path | None = None) -> list[str]:
        argv = [self.program, "--stdin", "-s", str(round(ESPEAK_WPM * clamp_rate(rate) / 100))]
        if voice:
            argv += ["-v", voice]
        if wav is not None:
            argv += ["-w", str(wav)]
        return argv

    def voices(self) -> list[Voice]:
        if self._voices is None:
            self._voices = parse_espeak_voices(_run([self.program, "--voices"]))
        return list(self._voices)

    def speak(self, text: str, *, rate: int, voice: str, done: Done) -> ProcessUtterance:
        return ProcessUtterance(self.argv(rate=rate, voice=voice), text, done)

    def synthesize(self, text: str, path: Path, *, rate: int = 100, voice: str = "") -> None:
        """``text`` spoken into the WAV file ``path`` (the same arguments as speaking, plus -w)."""
        errors: list[str | None] = []
        ProcessUtterance(self.argv(rate=rate, voice=voice, wav=path), text, errors.append).wait()
        if errors and errors[0]:
            raise SpeechUnavailable(errors[0])


class SpdSay:
    """speech-dispatcher's client: the desktop's own speech settings and synthesizers."""

    name = "speech-dispatcher"

    def __init__(self, program: str = "spd-say") -> None:
        self.program = program
        self._voices: list[Voice] | None = None

    def argv(self, text: str, *, rate: int, voice: str) -> list[str]:
        argv = [self.program, "--wait", "--rate", str(max(-100, min(100, clamp_rate(rate) - 100)))]
        if voice:
            argv += ["--synthesis-voice", voice]
        return [*argv, "--", text]

    def voices(self) -> list[Voice]:
        if self._voices is None:
            self._voices = parse_spd_voices(_run([self.program, "--list-synthesis-voices"]))
        return list(self._voices)

    def speak(self, text: str, *, rate: int, voice: str, done: Done) -> ProcessUtterance:
        return ProcessUtterance(self.argv(text, rate=rate, voice=voice), None, done, on_stop=self._cancel)

    def _cancel(self) -> None:
        try:
            subprocess.run([self.program, "--cancel"], timeout=VOICES_TIMEOUT, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, creationflags=NO_WINDOW)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("could not cancel speech-dispatcher: %s", exc)


def parse_espeak_voices(listing: str) -> list[Voice]:
    """``espeak-ng --voices``: "Pty Language Age/Gender VoiceName File Other" columns."""
    voices = []
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            language, name = fields[1], fields[3].replace("_", " ")
            priority = int(fields[0]) if fields[0].isdigit() else 5
            voices.append(Voice(language, f"{name} ({language})", language, priority))
    return voices


def parse_spd_voices(listing: str) -> list[Voice]:
    """``spd-say -L``: a header, then "NAME LANGUAGE VARIANT" (the name may hold spaces)."""
    voices = []
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) < 3 or fields[0] == "NAME":
            continue
        name, language = " ".join(fields[:-2]), fields[-2]
        voices.append(Voice(name, f"{name} ({language})", language))
    return voices


def _run(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, timeout=VOICES_TIMEOUT, check=False,
                              creationflags=NO_WINDOW)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("cannot list voices with %s: %s", argv[0], exc)
        return ""
    return done.stdout.decode("utf-8", "replace")


def find_engine(which: Callable[[str], str | None] = shutil.which) -> SpeechEngine:
    """espeak-ng run directly (no daemon needed), else speech-dispatcher's spd-say; else SpeechUnavailable."""
    if path := which("espeak-ng"):
        return EspeakNg(path)
    if path := which("spd-say"):
        return SpdSay(path)
    log.info("no speech engine found (espeak-ng, spd-say)")
    raise SpeechUnavailable()
