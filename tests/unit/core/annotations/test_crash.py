"""Killing a writer at any moment loses no note it reported and never corrupts the file.

A child adds notes in a loop and prints each id once ``add`` has returned; the
parent SIGKILLs it 0–150 ms after the store is open, 50 times over the same
file, and checks after each kill that every reported id is stored and that
SQLite (and the FTS index) find no damage.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore

CHILD = Path(__file__).with_name("crash_child.py")
RUNS = 50


def run_and_kill(path: Path, delay: float) -> list[str]:
    child = subprocess.Popen([sys.executable, str(CHILD), str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == "ready\n"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        reported = child.stdout.read()
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return reported.split("\n")[:-1]  # a cut-off last line was never flushed whole


def integrity(path: Path) -> tuple[str, ...]:
    db = sqlite3.connect(path)
    try:
        result = tuple(row[0] for row in db.execute("PRAGMA integrity_check"))
        db.execute("INSERT INTO annotations_fts(annotations_fts) VALUES ('integrity-check')")
        return result
    finally:
        db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_loses_no_reported_note(tmp_path: Path) -> None:
    path = tmp_path / "annotations.sqlite"
    rng = random.Random(20261125)
    reported_total = 0
    for run in range(RUNS):
        reported = run_and_kill(path, rng.uniform(0, 0.150))
        reported_total += len(reported)
        assert integrity(path) == ("ok",), f"run {run}"
        with AnnotationStore(path) as store:
            missing = [note_id for note_id in reported if store.get(note_id) is None]
            stored = len(store.all())
        assert missing == [], f"run {run}: {len(missing)} of {len(reported)} reported notes lost"
        assert stored >= reported_total
    print(f"\ncrash test: {RUNS} runs, {reported_total} notes reported, {stored} stored")
    assert reported_total > RUNS  # the kills did land while notes were being written
