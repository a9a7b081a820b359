"""Guards against a broken Qt binding release."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_do_not_leak_none() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call: crash after ~20k."""
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -100
