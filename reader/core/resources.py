"""Runtime resources shipped as package data.

Read through ``importlib.resources`` so the installed package (pip, pipx, a
frozen bundle) never depends on the source tree.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "reader.resources"


def resource_path(*parts: str) -> Path:
    """A real filesystem path to a shipped resource (we install unzipped)."""
    return Path(str(resources.files(PACKAGE).joinpath(*parts)))


def bundled_archive() -> Path:
    """The archive that ships with the application."""
    return resource_path("archive")


def read_text(*parts: str) -> str:
    return resources.files(PACKAGE).joinpath(*parts).read_text(encoding="utf-8")
