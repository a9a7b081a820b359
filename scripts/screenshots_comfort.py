#!/usr/bin/env python3
"""PNG screenshots of reading comfort at 1366×768, at scale 1 and 2.

    python scripts/screenshots_comfort.py [--out docs/screenshots] [--workdir DIR]

Each scale runs in its own process on an offscreen screen of 1366×768 logical
pixels (as screenshots_themes.py does), with the bundled archive:
- Preferences with its preview while a reader tries a sans face, 16 pt, 1.8
  lines and a 60-character measure (the article behind it follows live);
- the article in the high-contrast theme, with a highlight;
- the article at 22 pt, double spacing and a 60-character measure.
Look at every PNG it writes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

SCREEN = (1366, 768)
TRIED = {"theme": "sepia", "text.font": "sans", "text.size": 16, "text.line_spacing": 1.8, "text.width": 60}


def shoot_all(out: Path, workdir: Path, scale: int) -> None:
    """The shots for one scale (this process was started with that scale)."""
    from screenshots import open_window, settle, shoot

    from reader.ui.dialogs.preferences import PreferencesDialog

    data_dir = workdir / f"app-data-{scale}x"
    shutil.rmtree(data_dir, ignore_errors=True)
    app, window = open_window(None, data_dir, "x".join(map(str, SCREEN)))
    window.setGeometry(window.screen().availableGeometry())
    window.actions_by_name["theme_light"].trigger()
    settle(app)

    dialog = PreferencesDialog(window.settings, window)
    dialog.previewed.connect(window.comfort.preview)
    dialog.show()
    for name, value in TRIED.items():
        field = dialog.fields[name]
        if hasattr(field, "findData"):
            field.setCurrentIndex(field.findData(value))
        else:
            field.setValue(value)
    dialog.adjustSize()
    settle(app)
    shoot(dialog, out / f"comfort-preferences-{scale}x.png")
    shoot(window, out / f"comfort-live-preview-{scale}x.png")
    dialog.reject()
    window.comfort.restore()

    view = window.article_view
    text = view.toPlainText()
    start = text.index("Einstein famously remarked")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(text.index(".", start) + 1, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    window.notes.highlight_selection("yellow")
    view.jump_to(max(0, start - 200))
    window.actions_by_name["theme_contrast"].trigger()
    settle(app)
    shoot(window, out / f"comfort-contrast-{scale}x.png")

    window.actions_by_name["theme_light"].trigger()
    for name, value in (("text.size", 22), ("text.line_spacing", 2.0), ("text.width", 60)):
        window.settings.set(name, value)
    view.jump_to(max(0, start - 200))
    settle(app)
    shoot(window, out / f"comfort-large-{scale}x.png")
    window.close()


def main(argv: list[str] | None = None) -> int:
    from screenshots import scaled_main

    return scaled_main(__file__, __doc__ or "", shoot_all, SCREEN, argv)


if __name__ == "__main__":
    sys.exit(main())
