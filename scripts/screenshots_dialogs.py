#!/usr/bin/env python3
"""PNG screenshots of the File menu's dialogs, at normal scale and at scale 2.

    python scripts/screenshots_dialogs.py [--out docs/screenshots]

Shows each dialog offscreen as a reader would meet it (study pack, new archive,
add to an archive with a WordPress export, an import in progress with its time
left) and grabs it; then runs itself again with ``QT_SCALE_FACTOR=2`` for the
``@2x`` files.  Also renders page 1 of an article exported as a PDF with a
highlight.  Look at every PNG it writes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import settle  # noqa: E402


def shoot(app: object, dialog: object, target: Path) -> None:
    dialog.show()  # type: ignore[attr-defined]
    dialog.adjustSize()  # type: ignore[attr-defined]
    settle(app, timeout=0.3)
    if not dialog.grab().save(str(target)):  # type: ignore[attr-defined]
        raise SystemExit(f"could not write {target}")
    dialog.hide()  # type: ignore[attr-defined]
    print(target)


def dialogs(out: Path, suffix: str, work: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.ui.dialogs.import_progress import ImportProgressDialog
    from reader.ui.dialogs.importing import ImportSourcesDialog
    from reader.ui.dialogs.pack import PackDialog

    app = QApplication.instance() or QApplication([])
    documents = work / "Documents"
    saved = documents / "Saved pages"
    saved.mkdir(parents=True, exist_ok=True)
    pages = [saved / f"{name}.html" for name in ("the-commune", "on-cooperatives", "a-history-of-strikes",
                                                 "reading-marx", "the-general-strike")]
    for page in pages:
        page.write_text("<p>page</p>", encoding="utf-8")
    (documents / "Class notes").mkdir(exist_ok=True)
    (documents / "Class notes" / "week1.md").write_text("notes", encoding="utf-8")
    export = documents / "mysite.WordPress.2026-11-30.xml"
    export.write_text("<rss/>", encoding="utf-8")
    (documents / "uploads").mkdir(exist_ok=True)

    pack = PackDialog([("hasnt-socialism", "Hasn't socialism been tried and failed?"),
                       ("the-commune", "The Paris Commune"), ("cooperatives", "On cooperatives"),
                       ("strikes", "A history of strikes")],
                      ["exam", "lang", "later"], [("Week 1", ["the-commune", "strikes"]), ("Week 2", [])],
                      "Socialism, week 1")
    pack.description.setPlainText("The four articles we discuss on Monday, with my notes.")
    shoot(app, pack, out / f"dialog-pack{suffix}.png")

    new = ImportSourcesDialog("new", documents, ask_files=lambda *_: pages, ask_folder=lambda *_: None)
    new.title.setText("Reading for Week One")
    new.choose.click()
    new.folder.setText(str(documents / "Class notes"))  # has files: the inline message shows
    shoot(app, new, out / f"dialog-import-new{suffix}.png")

    add = ImportSourcesDialog("add", documents, "Marxist Student", ask_files=lambda *_: [export],
                              ask_folder=lambda *_: documents / "uploads")
    add.set_kind("wordpress")
    add.choose.click()
    add.include_pages.setChecked(True)
    add.media_browse.click()
    shoot(app, add, out / f"dialog-import-add{suffix}.png")

    now = [0.0]
    progress = ImportProgressDialog("Importing mysite.WordPress.2026-11-30.xml", clock=lambda: now[0])
    now[0] = 4.0
    progress.update("Reading", 1, 1)
    now[0] = 19.0
    progress.update("Importing", 212, 740)
    shoot(app, progress, out / f"dialog-import-progress{suffix}.png")


def article_page(out: Path, work: Path) -> None:
    """Page 1 of the bundled article as a PDF with two highlights, as pdftoppm renders it."""
    from PySide6.QtWidgets import QApplication

    from reader.core.archive import open_archive
    from reader.core.resources import bundled_archive
    from reader.ui.export.article_print import print_document, print_marks, write_pdf

    QApplication.instance() or QApplication([])
    with open_archive(bundled_archive()) as archive:
        article = archive.article(archive.articles()[0].id)
        text = print_document(article, []).toPlainText()
        spans = []
        for phrase, color, style in (("Einstein famously remarked", "yellow", "highlight"),
                                     ("the working class in Russia took power", "blue", "underline")):
            start = text.index(phrase)
            spans.append((start, start + len(phrase), color, style))
        marks = print_marks(spans)
        write_pdf(print_document(article, marks, archive.asset), work / "article.pdf")
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed: no article-print-page1.png")
        return
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(work / "article.pdf"), str(out / "article-print-page1")], check=True)
    print(out / "article-print-page1.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--suffix", default="", help=argparse.SUPPRESS)  # set by the scale-2 run
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="rr-dialog-shots-"))
    try:
        dialogs(args.out, args.suffix, work)
        if not args.suffix:
            article_page(args.out, work)
            scaled = os.environ | {"QT_SCALE_FACTOR": "2"}
            subprocess.run([sys.executable, __file__, "--out", str(args.out), "--suffix", "@2x"],
                           env=scaled, check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
