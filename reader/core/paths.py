"""Every place Reading Room writes to comes from here.

Defaults follow the platform (platformdirs).  One root redirects all of them:
``--data-dir`` on the command line or ``READING_ROOM_DATA_DIR`` in the
environment (tests and public machines use it), so nothing leaks elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_SLUG = "reading-room"
ENV_DATA_DIR = "READING_ROOM_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    data: Path
    cache: Path
    config: Path
    log: Path

    @classmethod
    def under(cls, root: Path) -> Paths:
        """All four folders beneath one root."""
        root = root.expanduser().absolute()
        return cls(data=root / "data", cache=root / "cache", config=root / "config", log=root / "log")

    @property
    def log_file(self) -> Path:
        return self.log / "reading-room.log"

    def ensure(self) -> Paths:
        """Create the folders (private to the user) and return self."""
        for folder in (self.data, self.cache, self.config, self.log):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve(data_dir: Path | str | None = None) -> Paths:
    """``data_dir`` (the flag) wins over the environment, which wins over the platform."""
    root = data_dir or os.environ.get(ENV_DATA_DIR)
    if root:
        return Paths.under(Path(root))
    return Paths(
        data=Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_SLUG, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_SLUG, appauthor=False)),
        log=Path(platformdirs.user_log_dir(APP_SLUG, appauthor=False)),
    )
