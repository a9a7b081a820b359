"""Child process of the two-profiles test: search one archive over and over as one profile.

``python profile_child.py ARCHIVE DATA_DIR SECONDS`` opens the index (as a new
search window or ``reading-room search`` would), runs a few queries, closes
it, and repeats until SECONDS have passed; it then prints one JSON line with
the number of rounds, every message a search returned, and every error.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from reader.core.paths import Paths
from reader.core.search import SearchIndex

QUERIES = ("tomatoes", "class", "running", "socialism OR sport", "zzqx")


def main(archive: str, data_dir: str, seconds: str) -> None:
    paths = Paths.under(Path(data_dir)).ensure()
    deadline = time.monotonic() + float(seconds)
    rounds, messages, errors = 0, [], []
    while time.monotonic() < deadline:
        try:
            with SearchIndex.open(Path(archive), paths) as index:
                for query in QUERIES:
                    result = index.search(query)
                    if result.message:
                        messages.append(result.message)
        except Exception as exc:  # the test reports any failure, whatever its type
            errors.append(f"{type(exc).__name__}: {exc}")
        rounds += 1
    print(json.dumps({"rounds": rounds, "messages": messages, "errors": errors}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
