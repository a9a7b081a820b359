"""The context menu of a highlight (right click, or the Menu key with the caret in it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.annotations import COLORS, Annotation
from reader.core.i18n import _
from reader.ui.notes.colors import color_name
from reader.ui.notes.toolbar import swatch_icon


def highlight_menu(parent: QWidget, annotation: Annotation, *,
                   recolour: Callable[[str], None], edit: Callable[[], None], copy: Callable[[], None],
                   delete: Callable[[], None]) -> QMenu:
    """Colour (the current one checked), Edit note…, Copy quote with citation, Delete highlight."""
    menu = QMenu(parent)
    menu.setAccessibleName(_("Highlight"))
    colours = menu.addMenu(_("&Colour"))
    for colour in COLORS:
        action = QAction(swatch_icon(colour), color_name(colour), colours, checkable=True)
        action.setChecked(colour == annotation.color)
        action.triggered.connect(lambda _checked=False, c=colour: recolour(c))
        colours.addAction(action)
    menu.addAction("&Edit note…" if annotation.note else "Add &note…").triggered.connect(edit)
    menu.addAction("Copy &quote with citation").triggered.connect(copy)
    menu.addSeparator()
    menu.addAction("&Delete highlight").triggered.connect(delete)
    return menu


def is_menu_key(event: QKeyEvent) -> bool:
    """The Menu key, or Shift+F10 where keyboards have none."""
    shift_f10 = event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
    return event.key() == Qt.Key.Key_Menu or shift_f10
