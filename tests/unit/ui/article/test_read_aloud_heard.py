"""Read aloud with the real espeak-ng, heard through the sound system: ALSA's default device is
pointed at a file (a ``type file`` PCM in this test's own ~/.asoundrc), so what the reader would
hear is recorded and measured with sox."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.core.settings import Settings
from reader.core.speech import EspeakNg
from reader.ui.article.read_aloud import IDLE, TEXT, ReadAloud
from reader.ui.article.view import ArticleView

ASOUNDRC = """pcm.!default {{
  type file
  slave.pcm "null"
  file "|cat >> {recording}"
  format "raw"
}}
"""
RATE, BYTES = 22050, 2  # espeak-ng plays 16-bit mono at 22.05 kHz


def test_the_first_paragraph_of_the_bundled_article_is_heard(
        qtbot: QtBot, make_view: Callable[..., ArticleView], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    recording = tmp_path / "heard.raw"
    (tmp_path / ".asoundrc").write_text(ASOUNDRC.format(recording=recording))
    monkeypatch.setenv("HOME", str(tmp_path))  # espeak-ng's sound library reads ~/.asoundrc
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent")  # never a desktop's speakers
    view = make_view()
    archive = open_archive(bundled_archive())
    view.set_archive(archive)
    view.show_article(archive.article(archive.articles()[0].id))
    reader = ReadAloud(view, Settings(tmp_path / "settings.json"), language=lambda: "en")
    assert isinstance(reader.check_engine(), EspeakNg)
    text = view.toPlainText()
    cursor = view.textCursor()
    cursor.setPosition(text.index("Einstein"))
    cursor.setPosition(text.index("“socialist”.") + len("“socialist”."), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    steps: list[tuple[int, int]] = []
    messages: list[str] = []
    reader.progress.connect(lambda number, total: steps.append((number, total)))
    reader.message.connect(messages.append)

    reader.start()
    qtbot.waitUntil(lambda: reader.state == IDLE, timeout=60_000)
    assert messages == [TEXT["finished"]]
    assert sorted(set(steps)) == [(1, 3), (2, 3), (3, 3)]
    qtbot.waitUntil(lambda: recording.stat().st_size > 15 * RATE * BYTES, timeout=10_000)  # cat has written
    stat = subprocess.run(["sox", "-t", "raw", "-r", str(RATE), "-e", "signed", "-b", "16", "-c", "1",
                           str(recording), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    length = float(re.search(r"Length \(seconds\):\s+([\d.]+)", stat).group(1))  # type: ignore[union-attr]
    rms = float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat).group(1))  # type: ignore[union-attr]
    print(f"\nheard through ALSA: 3 sentences, {length:.2f} s, RMS amplitude {rms:.4f}")
    assert 15 < length < 30 and rms > 0.01
