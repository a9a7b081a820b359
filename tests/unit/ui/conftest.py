"""Fixtures shared by the widget tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.annotations.store import AnnotationStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnnotationStore]:
    """A real annotations store in tmp_path, closed after the test."""
    with AnnotationStore(tmp_path / "notes" / "annotations.sqlite") as opened:
        yield opened
