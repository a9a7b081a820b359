"""The window's actions, made once from a table and found by name.

Menus, the shortcuts dialog and tests read the same registry, so a command
has one text, one set of shortcuts and one enabled state wherever it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class ActionRegistry:
    """Actions by name, each added to ``owner`` so its shortcut works wherever the focus is."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self._actions: dict[str, QAction] = {}

    def add(self, name: str, text: str, slot: Callable[[], object], *shortcuts: Shortcut,
            tip: str = "") -> QAction:
        action = QAction(text, self.owner)
        action.setObjectName(name)
        keys = [QKeySequence(s) for s in shortcuts]
        keys = [k for k in keys if not k.isEmpty()]  # a platform key that does not exist here
        if keys:
            action.setShortcuts(keys)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.owner.addAction(action)
        self._actions[name] = action
        return action

    def adopt(self, name: str, action: QAction) -> QAction:
        """Register an action made elsewhere (the article view's, the notes controller's)."""
        self._actions[name] = action
        return action

    def disable(self, name: str, reason: str) -> None:
        """Greyed out, saying why (in the tooltip and the status bar)."""
        action = self._actions[name]
        action.setEnabled(False)
        action.setToolTip(reason)
        action.setStatusTip(reason)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def get(self, name: str) -> QAction | None:
        return self._actions.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def as_dict(self) -> dict[str, QAction]:
        return dict(self._actions)
