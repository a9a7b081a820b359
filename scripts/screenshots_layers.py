#!/usr/bin/env python3
"""PNG screenshot of notes in layers: the reader's own and another person's, in the real window.

    python scripts/screenshots_layers.py [--out docs/screenshots]

Opens the bundled archive with ``reader.app.create_window`` (a fresh data
dir), adds notes by the reader and by "Zoe" through the notes service, keeps
both layers shown and writes ``layers.png``: own notes filled, Zoe's dashed
underlines.  Look at it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

ARTICLE = "hasnt-socialism-been-tried-and-failed"
#: (words, creator, colour, note); "" is the reader's own
NOTES = [
    ("insanity is doing the same thing over and over again", "", "yellow", ""),
    ("the working class in Russia took power", "", "green", "Power passed to the soviets."),
    ("build socialism in one country", "Zoe", "pink", "Compare with Trotsky's view."),
    ("As capitalism is a world system, socialism must be a world system", "Zoe", "blue", ""),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from screenshots import open_window, settle, shoot

    from reader.core.annotations import Annotations
    from reader.ui.menus import fill_layers

    args.out.mkdir(parents=True, exist_ok=True)
    app, window = open_window(None, Path(tempfile.mkdtemp(prefix="rr-layers-shots-")), args.size, timeout=60)

    own = str(window.settings.get("creator"))
    service = Annotations(window.notes_store, window.archive)
    for words, creator, color, note in NOTES:
        service.add_quote(ARTICLE, words, creator=creator or own, color=color, note=note)  # type: ignore[arg-type]
    window.open_article(ARTICLE)
    window.notes.refresh()
    window.focus_notes()
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "layers_menu")
    fill_layers(menu, window)
    labels = [a.text() for a in menu.actions()]
    if len(labels) != 2 or not all(a.isChecked() for a in menu.actions()):
        raise SystemExit(f"expected two shown layers, got {labels}")
    print("layers:", ", ".join(labels))
    window.article_view.verticalScrollBar().setValue(0)
    settle(app)
    shoot(window, args.out / "layers.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
