"""What Orca says while the article is read and highlighted with real keys (a manual check).

    python tests/end2end/orca_transcript.py [TRANSCRIPT.txt [ORCA-DEBUG.log]]

Needs ``orca`` and ``xdotool`` besides what test_atspi.py needs (not installed by CI:
Orca pulls in GTK and speech-dispatcher).  On a private Xvfb display and session D-Bus it
starts Orca with a debug log, then the app (a11y_app.py), puts the caret in the bundled
article's first paragraph, presses keys with xdotool (real X key events, as a reader's
keyboard sends; Orca ignores Qt's synthetic ones) and prints, for each key, what Orca said
(its ``SPEECH OUTPUT`` lines: no sound card or speech engine is needed).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.end2end.xsession import session_env, start_xvfb

HERE = Path(__file__).parent
KEYS = [("Down", "next line"), ("ctrl+Right", "next word"), ("shift+ctrl+Right", "select a word"),
        ("1", "highlight it in yellow"), ("Left", "back"), ("Left", "into the highlight"),
        ("Down", "out of it, next line"), ("ctrl+k", "to the search field"),
        ("ctrl+shift+a", "back to the article")]
PAUSE = 1.5  # seconds for Orca to speak before the next key


def inside(debug_file: Path) -> int:
    """Run in the private session: Orca, the app, the keys."""
    orca = subprocess.Popen(["orca", "--replace", f"--debug-file={debug_file}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(5)  # Orca registers its listeners
    app = subprocess.Popen([sys.executable, str(HERE / "a11y_app.py")], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    assert app.stdin is not None and app.stdout is not None
    try:
        json.loads(app.stdout.readline())
        time.sleep(2)
        app.stdin.write("caret\n")
        app.stdin.flush()
        app.stdout.readline()
        for key, _meaning in KEYS:
            time.sleep(PAUSE)
            print(f"KEY {key} {time.time():.3f}", flush=True)
            subprocess.run(["xdotool", "key", key], check=True)
        time.sleep(PAUSE)
        app.stdin.write("quit\n")
        app.stdin.flush()
        app.wait(timeout=20)
    finally:
        for process in (app, orca):
            if process.poll() is None:
                process.kill()
    return 0


def transcript(keys_log: str, debug_file: Path) -> list[str]:
    """Orca's spoken lines, each under the key pressed before it."""
    stamps = [float(line.split()[2]) for line in keys_log.splitlines() if line.startswith("KEY ")]
    marks = [(stamp, f"{key}] {meaning}") for stamp, (key, meaning) in zip(stamps, KEYS, strict=False)]
    lines, shown = [], 0
    for line in debug_file.read_text(encoding="utf-8", errors="replace").splitlines():
        if "SPEECH OUTPUT:" not in line:
            continue
        clock = time.strptime(line.split(".")[0], "%H:%M:%S")
        when = clock.tm_hour * 3600 + clock.tm_min * 60 + clock.tm_sec + float("0." + line.split(".")[1][:6])
        while shown < len(marks) and _seconds_of_day(marks[shown][0]) <= when:
            lines.append(f"[{marks[shown][1]}")
            shown += 1
        lines.append("    " + line.split("SPEECH OUTPUT:", 1)[1].split("{")[0].strip())
    return lines


def _seconds_of_day(stamp: float) -> float:
    local = time.localtime(stamp)
    return local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec + stamp % 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["--inside"]:
        return inside(Path(argv[1]))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        xvfb, display = start_xvfb()
        debug_file = root / "orca.debug"
        try:
            result = subprocess.run(["dbus-run-session", "--", sys.executable, __file__, "--inside",
                                     str(debug_file)], env=session_env(display, root), capture_output=True,
                                    text=True, timeout=120)
        finally:
            xvfb.kill()
            xvfb.wait()
        if result.returncode != 0:
            print(result.stderr[-2000:], file=sys.stderr)
            return 1
        lines = transcript(result.stdout, debug_file)
        if len(argv) > 1:  # keep Orca's whole log too
            Path(argv[1]).write_bytes(debug_file.read_bytes())
    text = "\n".join(lines) + "\n"
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
