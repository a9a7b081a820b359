"""Child process of the crash test: add notes forever, reporting each committed id.

``python crash_child.py STORE`` prints ``ready`` once the store is open, then
for every note one line with its id, flushed only after ``add`` returned (so
after the commit).  The parent kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.core.annotations import Annotation, AnnotationStore, Selector


def main(path: str) -> None:
    store = AnnotationStore(Path(path))
    print("ready", flush=True)
    count = 0
    while True:
        quote = f"quoted passage number {count}"
        selector = Selector(exact=quote, prefix="before ", suffix=" after", start=count,
                            end=count + len(quote))
        note = store.add(Annotation.new("crash", "article", selector, note=f"note {count} " + "x" * 200))
        print(note.id, flush=True)
        count += 1


if __name__ == "__main__":
    main(sys.argv[1])
