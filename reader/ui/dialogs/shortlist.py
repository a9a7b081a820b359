"""A few names of a longer list, one a line, for a dialog to show what was chosen.

One line per name, no word wrap: Qt's wrapped labels inside group boxes get
clipped at some scale factors, and a list reads better as a column anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

SHOWN = 3
MAX_CHARS = 60


def shortlist(names: Sequence[str], shown: int = SHOWN, max_chars: int = MAX_CHARS) -> str:
    """The first ``shown`` names (long ones cut with "…"), then "and N more"."""
    lines = [name if len(name) <= max_chars else name[:max_chars - 1].rstrip() + "…"
             for name in names[:shown]]
    more = len(names) - shown
    return "\n".join(lines + ([f"and {more} more"] if more > 0 else []))
