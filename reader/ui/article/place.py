"""The reader's place in an article as a fraction of the whole document (what reading state keeps).

Qt lays a long document out, and widens the scroll bar, lazily on a timer, so
the bar's maximum right after a render (or before the window is shown at its
size) is only part of the range, or still the range of the narrower
viewport before the window was shown: a fraction of it lands in the wrong
place.  These measure the whole laid-out document instead, both ways.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTextEdit


def scroll_range(view: QTextEdit) -> int:
    """What the bar's maximum is once the layout settles (until then it may be too small or too big)."""
    height = view.document().size().toSize().height()  # finishes the layout
    return max(0, height - view.viewport().height())


def scroll_fraction(view: QTextEdit) -> float:
    top = scroll_range(view)
    return view.verticalScrollBar().value() / top if top else 0.0


def set_scroll_fraction(view: QTextEdit, fraction: float) -> None:
    bar, top = view.verticalScrollBar(), scroll_range(view)
    bar.setRange(0, top)
    bar.setValue(round(fraction * top))
