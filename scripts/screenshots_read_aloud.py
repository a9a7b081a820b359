#!/usr/bin/env python3
"""PNG screenshots of Article → Read aloud in progress, at 1366×768, at scale 1 and 2.

    python scripts/screenshots_read_aloud.py [--out docs/screenshots] [--workdir DIR]

The bundled article is read from its fourth sentence: the spoken sentence
carries the read-aloud mark, the bar under the article says where reading is,
and the Article → Read aloud menu is shown open beside it.  The engine is a
silent stand-in that never finishes a sentence, so the picture does not depend
on a sound card or on timing.  Each scale runs in its own process
(``QT_SCALE_FACTOR`` is read when the QApplication starts).
Look at every PNG it writes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

SCREEN = (1366, 768)


class SilentEngine:
    """Takes each sentence and never says it is done: the shot shows one moment of reading."""

    name = "silent"

    def voices(self) -> list[object]:
        from reader.core.speech import Voice

        return [Voice("en-gb", "English (Great Britain) (en-gb)", "en-gb", 2),
                Voice("en-us", "English (America) (en-us)", "en-us", 2)]

    def speak(self, text: str, *, rate: int, voice: str, done: object) -> SilentEngine:
        return self

    def stop(self) -> None:
        """Nothing to silence."""


def shoot_all(out: Path, workdir: Path, scale: int) -> None:
    from screenshots import open_window, settle, shoot

    from reader.core.resources import bundled_archive
    from reader.ui.article import read_aloud

    read_aloud.find_engine = SilentEngine  # type: ignore[assignment]  # before the window looks for one
    data_dir = workdir / f"app-data-{scale}x"
    shutil.rmtree(data_dir, ignore_errors=True)
    app, window = open_window(bundled_archive(), data_dir, "x".join(map(str, SCREEN)))
    window.setGeometry(window.screen().availableGeometry())
    view = window.article_view
    if view.article_id is None:
        window.open_article(window.archive.articles()[0].id)
    settle(app)
    text = view.toPlainText()
    cursor = view.textCursor()
    cursor.setPosition(text.index("To answer this"))
    view.setTextCursor(cursor)
    window.settings.offer("window.read_aloud_rate", 120)
    window.read_aloud.start()
    settle(app)
    shoot(window, out / f"read-aloud-{scale}x.png")
    if scale == 1:  # the menu at scale 1: its commands, shortcuts and the Voice submenu
        article_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Article")
        article_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        settle(app)
        speech = next(a for a in article_menu.actions() if a.text() == "Read &aloud")
        speech.menu().popup(article_menu.mapToGlobal(article_menu.actionGeometry(speech).topRight()))
        settle(app)
        shoot(speech.menu(), out / f"read-aloud-menu-{scale}x.png")
        speech.menu().hide()
        article_menu.hide()
    window.read_aloud.stop()
    window.close()


def main(argv: list[str] | None = None) -> int:
    from screenshots import scaled_main

    return scaled_main(__file__, __doc__ or "", shoot_all, SCREEN, argv)


if __name__ == "__main__":
    sys.exit(main())
