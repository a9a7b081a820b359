"""Article extraction from saved web pages: our importer against trafilatura and readability-lxml.

Each page of ``tests/fixtures/html-corpus`` (written by us: one page per failure
class of issue 15 and the common CMS layouts) has a reference text (``NAME.txt``)
and the metadata it states (``expected.toml``).  For every extractor, in the same
run, this prints word-bag precision/recall/F1 per page, the mean and median F1,
the pages below F1 0.5, the bylines found and our seconds per page, as one JSON
object.  The baselines are optional: a missing one is reported as absent.

    python benchmarks/html_extraction_bench.py [--pages DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from reader.core.importers import extract
from reader.core.importers.chrome import plain
from reader.core.importers.encoding import decode_page
from reader.core.importers.html import markdown_blocks

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "html-corpus"
_WORD = re.compile(r"\w+")

#: (text, authors or None when the extractor does not look for them)
Extractor = Callable[[Path], tuple[str, list[str] | None]]


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def score(candidate: str, reference: str) -> dict[str, float]:
    got, want = words(candidate), words(reference)
    overlap = sum((got & want).values())
    precision = overlap / max(1, sum(got.values()))
    recall = overlap / max(1, sum(want.values()))
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def ours(page: Path) -> tuple[str, list[str] | None]:
    article = extract(page)
    return "\n\n".join(plain(block) for block in markdown_blocks(article.body)), article.authors


def _trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(page: Path) -> tuple[str, list[str] | None]:
        html = decode_page(page.read_bytes(), str(page))
        text = trafilatura.extract(html) or ""
        meta = trafilatura.extract_metadata(html)
        author = meta.author if meta is not None else None
        return text, [name.strip() for name in author.split(";")] if author else []

    return run


def _readability() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def run(page: Path) -> tuple[str, list[str] | None]:
        html = decode_page(page.read_bytes(), str(page))
        summary = Document(html).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content(), None

    return run


def measure(name: str, extractor: Extractor, pages: list[Path], expected: dict) -> dict[str, object]:
    rows: dict[str, dict[str, float]] = {}
    bylines = found = 0
    started = time.perf_counter()
    for page in pages:
        text, authors = extractor(page)
        rows[page.stem] = score(text, page.with_suffix(".txt").read_text(encoding="utf-8"))
        want = expected.get(page.stem, {}).get("authors", [])
        if want:
            bylines += 1
            found += authors is not None and any(a.lower() in " ".join(authors).lower() for a in want)
    seconds = time.perf_counter() - started
    f1s = [row["f1"] for row in rows.values()]
    return {
        "extractor": name,
        "mean_f1": round(statistics.mean(f1s), 3),
        "median_f1": round(statistics.median(f1s), 3),
        "below_0_5": sorted(stem for stem, row in rows.items() if row["f1"] < 0.5),
        "authors_found": None if name == "readability-lxml" else f"{found}/{bylines}",
        "seconds_per_page": round(seconds / max(1, len(pages)), 4),
        "pages": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=CORPUS)
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.html"))
    expected = tomllib.loads((args.pages / "expected.toml").read_text(encoding="utf-8"))
    extractors: dict[str, Extractor | None] = {
        "reading-room": ours, "trafilatura": _trafilatura(), "readability-lxml": _readability(),
    }
    results = [measure(name, run, pages, expected) for name, run in extractors.items() if run is not None]
    absent = [name for name, run in extractors.items() if run is None]
    print(json.dumps({"corpus": str(args.pages), "pages": len(pages), "absent": absent, "results": results},
                     indent=1))


if __name__ == "__main__":
    main()
