#!/usr/bin/env python3
"""PNG screenshots of the real main window (offscreen unless a display is set).

    python scripts/screenshots.py [--out docs/screenshots] [--articles 10000] [--workdir DIR]

Builds the window with the same code as ``reading-room`` (``reader.app``) and
drives it through its own actions: the bundled archive in the light and dark
themes with the find bar open, and a generated archive (benchmarks/synth.py)
with search results, snippets and facets.  Look at every PNG it writes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))


def settle(app: object, until: Callable[[], bool] = lambda: False, timeout: float = 0.6) -> None:
    """Process events until ``until()`` or the timeout (layout and paint need a few rounds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not until():
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)
    app.processEvents()  # type: ignore[attr-defined]


def open_window(archive: Path | None, data_dir: Path, size: str, timeout: float = 120) -> tuple[Any, Any]:
    """The real main window (``reader.app.create_window``), shown, laid out, its index ready."""
    from reader.app import create_window

    app, window = create_window(argparse.Namespace(archive=archive, data_dir=data_dir, verbose=False))
    width, height = (int(v) for v in size.split("x"))
    window.resize(width, height)
    window.show()
    settle(app, lambda: window.index_keeper.index is not None, timeout=timeout)
    return app, window


def scaled_main(script: str, doc: str, shoot_all: Callable[[Path, Path, int], None], screen: tuple[int, int],
                argv: list[str] | None = None) -> int:
    """The command line of a script that shoots at scale 1 and 2: it runs itself once per scale on an
    offscreen screen of ``screen`` logical pixels (``QT_SCALE_FACTOR`` is read when the QApplication
    starts, hence a process each), and each run calls ``shoot_all(out, workdir, scale)``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) generated archives and app data here")
    parser.add_argument("--scale", type=int, help=argparse.SUPPRESS)  # set in the child processes
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"rr-{Path(script).stem}-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.scale:
        shoot_all(args.out, workdir, args.scale)
        return 0
    return run_at_scales(script, args.out, workdir, screen)


def run_at_scales(script: str, out: Path, workdir: Path, screen: tuple[int, int],
                  scales: tuple[int, ...] = (1, 2)) -> int:
    """Run ``script --scale N`` once per scale (see :func:`scaled_main`)."""
    for scale in scales:
        config = workdir / f"screen-{scale}x.json"
        width, height = screen
        config.write_text(json.dumps({"screens": [{"name": f"laptop-{scale}x", "x": 0, "y": 0,
                                                   "width": width * scale, "height": height * scale,
                                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale))
        command = [sys.executable, script, "--out", str(out), "--workdir", str(workdir),
                   "--scale", str(scale)]
        if subprocess.run(command, env=env, check=False).returncode:
            return 1
    return 0


def shoot(window: object, target: Path) -> None:
    if not window.grab().save(str(target)):  # type: ignore[attr-defined]
        raise SystemExit(f"could not write {target}")
    print(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--articles", type=int, default=10_000, help="size of the generated archive")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) the generated archive here")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    args.out.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rr-shots-"))
    data_dir = workdir / "app-data-shots"

    def window_on(archive: Path | None) -> tuple[Any, Any]:
        return open_window(archive, data_dir, args.size)

    # The bundled archive: light, dark, find bar.
    app, window = window_on(None)
    window.actions_by_name["theme_light"].trigger()
    settle(app)
    shoot(window, args.out / "main-light.png")
    window.actions_by_name["theme_dark"].trigger()
    settle(app)
    shoot(window, args.out / "main-dark.png")
    window.actions_by_name["theme_light"].trigger()
    window.article_view.actions()["find"].trigger()
    window.article_view.find_bar.edit.setText("socialism")
    settle(app)
    shoot(window, args.out / "find-bar.png")
    window.close()

    # A generated archive: search results with snippets and facets.
    import synth

    archive = workdir / f"synthetic-{args.articles}"
    if not (archive / "archive.toml").is_file():
        synth.generate_archive(archive, args.articles, seed=1, workers=2)
    app, window = window_on(archive)
    window.focus_search()
    window.search_panel.field.setText("workers soc")
    settle(app, lambda: window.search_panel.model.rowCount() > 0, timeout=10)
    settle(app)
    shoot(window, args.out / "search.png")
    window.focus_library()
    settle(app)
    shoot(window, args.out / "library-10k.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
