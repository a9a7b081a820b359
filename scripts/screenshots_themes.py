#!/usr/bin/env python3
"""PNG screenshots of the whole window in the dark and sepia themes, at 1366×768, at scale 1 and 2.

    python scripts/screenshots_themes.py [--out docs/screenshots] [--workdir DIR]

Each scale runs in its own process (``QT_SCALE_FACTOR`` is read when the
QApplication starts) on an offscreen screen of 1366×768 logical pixels (the
plugin's ``configfile``), so the window opens as a new user's would and is then
maximised to the screen.  Per theme: a search hit with its marked terms beside
a highlight (the TOC dock open) and the Edit menu at both scales; the library
and the notes pane at scale 1.
Look at every PNG it writes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))

SCREEN = (1366, 768)
THEMES = ("dark", "sepia")
ARTICLES = 300


def shoot_all(out: Path, workdir: Path, scale: int) -> None:
    """The shots for one scale (this process was started with that scale)."""
    import synth
    from screenshots import open_window, settle, shoot

    archive = workdir / f"synthetic-{ARTICLES}"
    if not (archive / "archive.toml").is_file():
        synth.generate_archive(archive, ARTICLES, seed=1)
    data_dir = workdir / f"app-data-{scale}x"
    shutil.rmtree(data_dir, ignore_errors=True)  # a first start: no notes, settings or read marks yet
    app, window = open_window(archive, data_dir, "x".join(map(str, SCREEN)))
    screen = window.screen().availableGeometry()
    print(f"scale {scale}: screen {screen.width()}×{screen.height()} logical, "
          f"device pixel ratio {window.devicePixelRatio()}")
    window.setGeometry(screen)
    settle(app)
    for theme in THEMES:
        window.actions_by_name[f"theme_{theme}"].trigger()
        if scale == 1:  # at scale 2 the search shot (every pane kind) and the menu are enough
            window.focus_library()
            settle(app)
            shoot(window, out / f"theme-{theme}-library-{scale}x.png")
            if theme == "dark":  # the narrowest pane: elided titles, the Authors column set aside
                sizes = window.splitter.sizes()
                window.splitter.setSizes([1, sum(sizes)])
                settle(app)
                shoot(window.library_pane, out / "library-narrow-1x.png")
                window.splitter.setSizes(sizes)

        window.focus_search()
        window.search_panel.field.setText("workers")
        settle(app, lambda: window.search_panel.model.rowCount() > 0, timeout=10)
        window.search_panel.results.activated.emit(window.search_panel.model.index(0))
        view = window.article_view
        cursor = view.textCursor()
        start = view.toPlainText().find(". ") + 2  # the article's second sentence, highlighted
        cursor.setPosition(start)
        cursor.setPosition(view.toPlainText().find(". ", start) + 1, cursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        if not window.notes_store.all():
            window.notes.highlight_selection("yellow")
        view.setTextCursor(view.cursorForPosition(view.rect().topLeft()))
        window.toc_dock.show()
        settle(app)
        shoot(window, out / f"theme-{theme}-search-{scale}x.png")
        window.toc_dock.hide()
        if scale == 1:
            window.focus_notes()
            settle(app)
            shoot(window, out / f"theme-{theme}-notes-{scale}x.png")

        for position, name in ((0, "file"), (1, "menu")):  # File: the new commands; Edit: Ctrl+,
            menu = window.menuBar().actions()[position].menu()
            menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
            settle(app)
            shoot(menu, out / f"theme-{theme}-{name}-{scale}x.png")
            menu.hide()
    window.close()


def main(argv: list[str] | None = None) -> int:
    from screenshots import scaled_main

    return scaled_main(__file__, __doc__ or "", shoot_all, SCREEN, argv)


if __name__ == "__main__":
    sys.exit(main())
