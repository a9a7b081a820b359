"""The Language choice of Preferences: each language named in itself, and "follow the system".

Kept apart from the Preferences form so the form stays generic: it only asks here
for the labels of the ``language`` setting's choices.
"""

from __future__ import annotations

from reader.core import i18n
from reader.core.i18n import _


def language_labels() -> dict[str, str]:
    """Labels for the ``language`` setting's choices ("" follows the system)."""
    return {"": _("Follow the system"), **i18n.LANGUAGES}
