#!/usr/bin/env python3
"""PNG screenshots of the real main window in French, Spanish and the right-to-left pseudo-locale.

    python scripts/screenshots_locales.py [--out docs/screenshots]

One process per language (the language and the layout direction are chosen once,
as at start-up), each opening the bundled archive at 1366×768 with the search
pane showing a query; French is taken again with ``QT_SCALE_FACTOR=2`` for an
``@2x`` file; then an Arabic article in an English window (``locale-rtl-article.png``), which
reads right to left by itself.  Writes docs/screenshots/locale-<lang>.png.  Look at every PNG.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

LANGUAGES = ("fr", "es", "ar-XB")
#: An Arabic article in an English archive and window: it must read right to left on its own.
ARABIC = """+++
title = "النهر والعداؤون"
authors = ["كاتب المثال"]
date = 2020-03-01
+++

كان العداؤون يركضون على ضفة النهر في الصباح الباكر، والشمس تشرق فوق الماء.

## الفصل الأول

يقرأ القارئ هذا النص من اليمين إلى اليسار، حتى في نافذة إنجليزية. Reading Room.
"""


def arabic_archive(root: Path) -> Path:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    toml = 'id = "rtl"\ntitle = "Mixed archive"\nlanguage = "en"\nversion = "1"\n'
    (root / "archive.toml").write_text(toml, encoding="utf-8")
    (root / "articles" / "anhar.md").write_text(ARABIC, encoding="utf-8")
    return root


def shoot_one(lang: str, out: Path, suffix: str, data_dir: Path) -> None:
    from screenshots import settle

    from reader.app import create_window

    if lang == "rtl-article":
        archive = arabic_archive(data_dir / "archive")
        app, window = create_window(argparse.Namespace(archive=archive, data_dir=data_dir / "data",
                                                       verbose=False, lang="en"))
        window.resize(1366, 768)
        window.show()
        window.open_article("anhar")
        settle(app, lambda: window.article_view.article_id == "anhar", timeout=10)
        settle(app, timeout=1.0)
        target = out / f"locale-rtl-article{suffix}.png"
        if not window.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target)
        window.close()
        return
    app, window = create_window(argparse.Namespace(archive=None, data_dir=data_dir, verbose=False, lang=lang))
    window.resize(1366, 768)
    window.show()
    settle(app, lambda: window.index_keeper.index is not None, timeout=60)
    window.focus_search()
    window.search_panel.field.setText("socialism")
    settle(app, lambda: window.search_panel.model.rowCount() > 0, timeout=10)
    window.search_panel.field.clear()
    window.focus_library()
    settle(app, timeout=1.0)
    shoot_with_menu(app, window, out / f"locale-{lang}{suffix}.png")
    window.close()


def shoot_with_menu(app: Any, window: Any, target: Path) -> None:
    """The window with its File menu open (a popup is its own window: painted onto the grab)."""
    from PySide6.QtGui import QPainter
    from screenshots import settle

    bar = window.menuBar()
    action = bar.actions()[0]
    menu = action.menu()
    geometry = bar.actionGeometry(action)
    corner = geometry.bottomRight() if window.isRightToLeft() else geometry.bottomLeft()
    menu.popup(bar.mapToGlobal(corner))
    settle(app, menu.isVisible, timeout=1.0)
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    menu.hide()
    if not picture.save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--lang", choices=(*LANGUAGES, "rtl-article"),
                        help="take only this language (in this process)")
    parser.add_argument("--suffix", default="")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.lang:
        shoot_one(args.lang, args.out, args.suffix, Path(tempfile.mkdtemp(prefix="rr-locale-")))
        return 0
    runs = [(lang, "", {}) for lang in (*LANGUAGES, "rtl-article")]
    runs.append(("fr", "@2x", {"QT_SCALE_FACTOR": "2"}))
    for lang, suffix, extra in runs:
        subprocess.run([sys.executable, __file__, "--out", str(args.out), "--lang", lang, "--suffix", suffix],
                       check=True, env=os.environ | extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
