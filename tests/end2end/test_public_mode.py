"""Public mode as a library runs it: the real app in a subprocess with a fresh HOME, TMPDIR
and XDG dirs; afterwards nothing of the patron may remain anywhere under them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("public_driver.py")
WATCHED = ("home", "tmp", "xdg-cache", "xdg-config", "xdg-data", "xdg-state")


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, str]:
    """A fresh shared computer: its folders, and a policy the administrator wrote elsewhere."""
    for name in WATCHED:
        (tmp_path / name).mkdir()
    (tmp_path / "usb").mkdir()
    policy = tmp_path / "admin" / "policy.toml"
    policy.parent.mkdir()
    policy.write_text(f'public_mode = true\nidle_timeout_minutes = 5\nexport_dirs = ["{tmp_path / "usb"}"]\n',
                      encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "READING_ROOM_"))}
    env |= {"HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp"),
            "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
            "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
            "READING_ROOM_POLICY": str(policy), "QT_QPA_PLATFORM": "offscreen"}
    return env


def everything(tmp_path: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp_path)) for name in WATCHED for p in (tmp_path / name).rglob("*"))


def drive(mode: str, env: dict[str, str], tmp_path: Path) -> dict[str, object]:
    report = tmp_path / f"report-{mode}.json"
    result = subprocess.run([sys.executable, str(DRIVER), mode, str(report)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def made_notes(report: dict[str, object]) -> None:
    names = {Path(str(f)).name for f in report["files"]}  # type: ignore[union-attr]
    assert {"annotations.sqlite", "reading-state.sqlite", "settings.json", "reading-room.log"} <= names
    assert str(report["session"]).startswith(str(Path(str(report["session"])).parent))


def test_end_session_leaves_nothing(machine: dict[str, str], tmp_path: Path) -> None:
    report = drive("end", machine, tmp_path)
    made_notes(report)
    assert report["banner"].startswith("Public computer: your notes are erased")  # type: ignore[union-attr]
    assert report["left_after_end"] == []  # gone while the app still runs
    assert report["fresh_window_notes"] == 0 and report["fresh_window_theme"] == "auto"
    assert report["new_session"] != report["session"] and report["new_session_left"] is False
    assert everything(tmp_path) == []


def test_idle_timeout_counts_down_and_leaves_nothing(machine: dict[str, str], tmp_path: Path) -> None:
    report = drive("idle", machine, tmp_path)
    made_notes(report)
    assert "this session ends in 59 s" in report["countdown"]  # type: ignore[operator]
    assert report["after_input"].startswith("Public computer:")  # type: ignore[union-attr]
    assert report["left_after_end"] == [] and report["fresh_window_notes"] == 0
    assert everything(tmp_path) == []


def _running(env: dict[str, str], tmp_path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, str(DRIVER), "wait", str(tmp_path / "r.json")], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "READY", process.stderr.read() if process.stderr else ""
    return process


def test_a_killed_session_is_wiped_at_the_next_start(machine: dict[str, str], tmp_path: Path) -> None:
    process = _running(machine, tmp_path)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)
    left = everything(tmp_path)
    assert any(p.endswith("annotations.sqlite") for p in left)  # a power cut leaves the notes...
    drive("end", machine, tmp_path)  # ...until the next start
    assert everything(tmp_path) == []


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_log_out_signal_wipes_the_session(machine: dict[str, str], tmp_path: Path, signame: str) -> None:
    process = _running(machine, tmp_path)
    process.send_signal(getattr(signal, signame))
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert everything(tmp_path) == []


def test_three_patrons_in_one_process_then_ctrl_q(machine: dict[str, str], tmp_path: Path) -> None:
    """issue 14's "Done when": End session twice and the idle timeout once, each a new empty window
    on a new session within 2 s with nothing left of the last; Ctrl+Q offers export, then wipes."""
    report = drive("cycle", machine, tmp_path)
    made_notes(report)
    sessions = report["sessions"]
    assert isinstance(sessions, list) and len(sessions) == 3
    for patron in sessions:
        assert patron["visible"] and patron["window_id"] != patron["previous_window_id"]
        assert patron["notes"] == 0 and patron["stored_notes"] == 0
        assert patron["left_from_previous"] == [] and patron["ready_after"] < 2.0
    ends, end_again, quitting = report["dialogs"]  # type: ignore[misc]
    for dialog in (ends, end_again):
        assert dialog == {"title": "End session", "default": "Cancel",
                          "buttons": ["Cancel", "End session", "Export notes first…"]}
    assert quitting == {"title": "Quit", "default": "Cancel",
                        "buttons": ["Cancel", "Export notes first…", "Quit"]}
    assert report["code"] == 0
    assert everything(tmp_path) == []


def _session_appears(tmp_path: Path) -> bool:
    return any((tmp_path / "tmp").glob("*/app"))


@pytest.mark.parametrize("when", ["at 0.5 s", "as the session folder appears"])
def test_sigterm_right_after_a_public_start_leaves_no_session(machine: dict[str, str], tmp_path: Path,
                                                              when: str) -> None:
    process = subprocess.Popen([sys.executable, "-m", "reader"], env=machine, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + (0.5 if when == "at 0.5 s" else 30)
    while time.monotonic() < deadline and process.poll() is None:
        if when != "at 0.5 s" and _session_appears(tmp_path):
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)  # a log-out while the app is still starting
    _out, err = process.communicate(timeout=30)
    # before Python has run our code the default action ends it, with nothing made yet
    assert process.returncode in (0, -signal.SIGTERM), err
    assert everything(tmp_path) == []
