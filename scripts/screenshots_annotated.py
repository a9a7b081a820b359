#!/usr/bin/env python3
"""PNG pictures of the annotated export of the bundled article: the HTML in headless Chromium, PDF page 1.

    python scripts/screenshots_annotated.py [--out docs/screenshots] [--chromium PATH]

In a fresh data dir it adds highlights in every colour (some with notes,
one underlined), a note on the whole article and a bookmark to the bundled
article, writes it with ``reading-room show ID --with-notes`` as HTML and
as PDF (the real CLI), then

* screenshots the HTML with headless Chromium, the network off (every host
  resolves to nothing and the proxy is a closed port), into
  ``annotated-html.png``;
* renders page 1 of the PDF with ``pdftoppm`` into ``annotated-pdf-page1.png``.

Look at both pictures.  Needs ``chromium-headless-shell`` (or chromium) and
poppler's ``pdftoppm`` on the machine.
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
sys.path.insert(0, str(REPO))

ARTICLE = "hasnt-socialism-been-tried-and-failed"
#: (words, colour, style, note)
HIGHLIGHTS = [
    ("insanity is doing the same thing over and over again", "yellow", "highlight", ""),
    ("the working class in Russia took power", "green", "highlight",
     "The **October Revolution**: power passed to the soviets."),
    ("democratic control of the workers and poor peasants", "blue", "highlight", "Compare with 1871."),
    ("build socialism in one country", "pink", "underline", ""),
    ("As capitalism is a world system, socialism must be a world system", "purple", "highlight",
     "The thesis of the whole article."),
    ("the lack of a revolutionary party", "yellow", "highlight", "Why? Discuss on Thursday."),
    ("catastrophic industrial and agricultural collapse", "pink", "highlight", ""),
]
PAGE_NOTE = "Read before the seminar; the group discusses **sections 1–3**."
BOOKMARK = ("Marx himself remarked", "Marx on the productive forces")
#: Flags that keep Chromium off the network: no host resolves, and the proxy is a closed port.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--no-proxy-server=false",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", "--disable-default-apps"]


def chromium() -> str:
    for name in ("chromium-headless-shell", "chrome-headless-shell", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chrome-headless-shell"):
        if Path(path).is_file():
            return path
    raise SystemExit("no headless Chromium found (install chromium-headless-shell or pass --chromium)")


def add_notes(data_dir: Path) -> None:
    """The notes, through the same core calls as the window (a page note has no CLI of its own)."""
    from reader.core.annotations import Annotation, Annotations, AnnotationStore, Selector
    from reader.core.archive import open_archive
    from reader.core.resources import bundled_archive

    archive = open_archive(bundled_archive())
    with AnnotationStore.in_dir(data_dir / "data") as store:
        notes = Annotations(store, archive)
        for words, colour, style, note in HIGHLIGHTS:
            notes.add_quote(ARTICLE, words, creator="Ann", color=colour, style=style, note=note)  # type: ignore[arg-type]
        store.add(Annotation.new(archive.info.id, ARTICLE, Selector.page(), creator="Bea", color="green",
                                 note=PAGE_NOTE))
        notes.bookmark_quote(ARTICLE, BOOKMARK[0], BOOKMARK[1], creator="Ann")
    archive.close()


def cli(data_dir: Path, *args: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args], check=True, env=env,
                   cwd=REPO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--chromium", help="the headless Chromium to use (default: found on PATH)")
    parser.add_argument("--size", default="1100,1500", help="window size of the HTML screenshot (w,h)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    browser = args.chromium or chromium()
    with tempfile.TemporaryDirectory(prefix="rr-annotated-") as temp:
        work = Path(temp)
        data_dir = work / "data-dir"
        add_notes(data_dir)
        page, pdf = work / "annotated.html", work / "annotated.pdf"
        cli(data_dir, "show", ARTICLE, "--with-notes", "--format", "html", "--output", str(page))
        cli(data_dir, "show", ARTICLE, "--with-notes", "--format", "pdf", "--output", str(pdf))
        shot = args.out / "annotated-html.png"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        *OFFLINE, f"--user-data-dir={work / 'profile'}", f"--window-size={args.size}",
                        f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True,
                       timeout=120)
        stem = args.out / "annotated-pdf-page1"
        done = subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                               str(stem)], check=True, timeout=120, capture_output=True, text=True)
        if done.stderr:  # poppler names what it found odd in Qt's PDF (it still renders the page)
            said = done.stderr.splitlines()
            print(f"pdftoppm said {len(said)} line(s), e.g. {said[0]}")
    for made in (shot, stem.with_suffix(".png")):
        print(f"wrote {made.relative_to(REPO) if made.is_relative_to(REPO) else made}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
