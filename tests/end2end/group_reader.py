"""A group member's file reader in a loop, as another tool would read the folder (run as a subprocess).

Usage: python group_reader.py FOLDER STOPFILE; prints {"reads": n, "bad": [...]} once STOPFILE exists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(folder: Path, stop: Path) -> None:
    reads, bad = 0, []
    while not stop.exists():
        for path in folder.glob("*.json"):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            try:
                json.loads(data)
            except ValueError as exc:
                bad.append(f"{path.name}: {exc}")
            reads += 1
    print(json.dumps({"reads": reads, "bad": bad}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
