"""Fixtures shared by the widget tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.core.annotations.store import AnnotationStore


@pytest.fixture(autouse=True)
def app_palette(qapp: QApplication) -> Iterator[None]:
    """A window's theme colours the whole application: the next test starts with the palette as it was."""
    saved = QPalette(qapp.palette())
    yield
    qapp.setPalette(saved)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnnotationStore]:
    """A real annotations store in tmp_path, closed after the test."""
    with AnnotationStore(tmp_path / "notes" / "annotations.sqlite") as opened:
        yield opened
