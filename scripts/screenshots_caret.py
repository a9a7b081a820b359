#!/usr/bin/env python3
"""PNG screenshots of keyboard-only selection in the article, at 1366×768, at scale 1 and 2.

    python scripts/screenshots_caret.py [--out docs/screenshots] [--workdir DIR]

Everything is done with key events, as a keyboard-only reader would: Ctrl+Shift+A
focuses the article, the caret (caret browsing, F7) goes to the start of the
first paragraph's last sentence, Shift+Ctrl+Right selects it word by word
(the highlight drops the space the last step takes with it)
(``caret-selection-*.png``), then 2 highlights it in the second colour
(``caret-highlighted-*.png``).  Each scale runs in its own process
(``QT_SCALE_FACTOR`` is read when the QApplication starts).  Look at every PNG it writes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

SCREEN = (1366, 768)
SENTENCE = "To answer this, it is important to understand what took place with the Soviet Union, and other"
SENTENCE_END = "“socialist”."


def shoot_all(out: Path, workdir: Path, scale: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from screenshots import open_window, settle, shoot

    from reader.core.resources import bundled_archive

    data_dir = workdir / f"app-data-{scale}x"
    shutil.rmtree(data_dir, ignore_errors=True)
    app, window = open_window(bundled_archive(), data_dir, "x".join(map(str, SCREEN)))
    window.setGeometry(window.screen().availableGeometry())
    window.activateWindow()
    view = window.article_view
    if view.article_id is None:
        window.open_article(window.archive.articles()[0].id)
    settle(app)
    mods = Qt.KeyboardModifier
    QTest.keyClick(window, Qt.Key.Key_A, mods.ControlModifier | mods.ShiftModifier)  # to the article
    settle(app)
    target = view.toPlainText().index(SENTENCE)
    QTest.keyClick(view, Qt.Key.Key_Home, mods.ControlModifier)
    while view.textCursor().position() < target:  # word by word, as a reader would
        QTest.keyClick(view, Qt.Key.Key_Right, mods.ControlModifier)
    end = view.toPlainText().index(SENTENCE_END, target) + len(SENTENCE_END)
    while view.textCursor().position() < end:  # the whole sentence, word by word
        QTest.keyClick(view, Qt.Key.Key_Right, mods.ControlModifier | mods.ShiftModifier)
    settle(app)
    shoot(window, out / f"caret-selection-{scale}x.png")
    QTest.keyClick(view, Qt.Key.Key_2)
    settle(app)
    shoot(window, out / f"caret-highlighted-{scale}x.png")
    window.close()


def main(argv: list[str] | None = None) -> int:
    from screenshots import scaled_main

    return scaled_main(__file__, __doc__ or "", shoot_all, SCREEN, argv)


if __name__ == "__main__":
    sys.exit(main())
