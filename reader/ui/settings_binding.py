"""Settings reach the widgets by one signal, and locked settings lock their controls.

``SettingsSignals.changed(name)`` fires for every stored change (qutebrowser's
``changed(option)``): each pane connects and filters for the names it shows,
so a value set in Preferences reaches every pane without the window relaying
it.  :func:`lock_controls` is the one place that decides whether a control may
change a setting: when the policy locks it, every control bound to it is
disabled and says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from reader.core.i18n import _
from reader.core.settings import Settings
from reader.core.usecases.rules import LOCKED_SETTING


class SettingsSignals(QObject):
    changed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        settings.on_change(self.changed.emit)

    def on(self, name: str, slot: Callable[[], object]) -> None:
        """Call ``slot`` whenever the setting ``name`` (or a name under ``name.``) changes."""
        self.changed.connect(lambda changed: slot() if changed == name or changed.startswith(name + ".")
                             else None)


def lock_controls(settings: Settings, bound: Mapping[str, Sequence[QWidget | QAction]]) -> set[str]:
    """Disable the controls bound to each setting the policy locks, saying why; returns those names.

    A locked action stays disabled even when its owner re-syncs it (zoom at its limits)."""
    locked = {name for name in bound if settings.is_locked(name)}
    for name in locked:
        for control in bound[name]:
            control.setEnabled(False)
            control.setToolTip(_(LOCKED_SETTING))
            control.setStatusTip(_(LOCKED_SETTING))
            if isinstance(control, QAction):
                control.changed.connect(lambda c=control: c.isEnabled() and c.setEnabled(False))
    return locked
