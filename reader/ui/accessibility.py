"""What screen readers hear: names for unnamed controls, descriptions, announcements.

Most controls are named where they are built (``accessibleName=...``, a label's
buddy, a button's text).  What Qt makes on its own is not: a combo box's pop-up
list, a line edit's clear button, a scroll area's scroll bars.  ``name_controls``
fills those gaps for a whole window from what the reader sees next to them, and
turns a tool tip into the description.  ``install`` runs it for every window the
first time assistive technology asks about it, so it costs nothing without one
(the accessibility factory is only consulted while a screen reader is listening).

``announce`` speaks a short message without moving the focus (Qt's announcement
event; Orca says it at once), for things that change where the reader is not:
a highlight added or removed, the caret entering a highlight.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QScrollBar,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

from reader.core.i18n import N_, _

log = logging.getLogger("reader.ui.accessibility")

#: Kinds of widget a reader operates, so each needs a name (and is checked by the tests).
CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit,
            QTabBar)
#: Buttons Qt makes inside its own widgets, by object name.
QT_PARTS = {"qt_menubar_ext_button": N_("More menus"), "qt_toolbar_ext_button": N_("More tools")}
_NAMED = "readingRoomNamed"  # a dynamic property: this window was already gone through

#: Where announcements go; tests swap it for a recorder (Qt offers no update handler in Python).
send: Callable[[QAccessibleEvent], None] = QAccessible.updateAccessibility


def exposed_name(widget: QWidget) -> str:
    """The name assistive technology gets for ``widget`` (its own, a buddy's, a button's text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def needs_name(widget: QWidget) -> bool:
    return isinstance(widget, CONTROLS)


def name_controls(root: QWidget) -> int:
    """Name every control under ``root`` that has no name yet; returns how many were named."""
    named = 0
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.accessibleDescription():
            # On Linux a combo box's name is its current value: its own name becomes the description.
            described = widget.toolTip() or (widget.accessibleName() if isinstance(widget, QComboBox) else "")
            if described:
                widget.setAccessibleDescription(_plain(described))
        if isinstance(widget, QStackedWidget) and isinstance(widget.parentWidget(), QTabWidget) \
                and not widget.accessibleName():  # Orca says "layered pane" on the way into a tab
            widget.setAccessibleName(widget.parentWidget().accessibleName())
        if isinstance(widget, QMenu) and not widget.accessibleName() and widget.title():
            widget.setAccessibleName(_plain(widget.title()))  # a menu bar's menus: "File", "Edit"…
        if not needs_name(widget) or exposed_name(widget):
            continue
        name = _derived_name(widget)
        if name:
            widget.setAccessibleName(name)
            named += 1
        else:
            log.debug("no name found for %s %r", type(widget).__name__, widget.objectName())
    return named


def _derived_name(widget: QWidget) -> str:
    """A name from what surrounds ``widget``: its tool tip, placeholder, or the control it belongs to."""
    if widget.toolTip():
        return _plain(widget.toolTip()).split(" (")[0]
    if widget.objectName() in QT_PARTS:
        return _(QT_PARTS[widget.objectName()])
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    owner = _owner(widget)
    if owner is None:
        return ""
    owner_name = exposed_name(owner) or _derived_name(owner)
    if isinstance(widget, QAbstractItemView) and isinstance(owner, QComboBox):
        return _("{name} choices").format(name=owner_name)
    if isinstance(widget, QAbstractButton) and isinstance(owner, QLineEdit):
        return _("Clear {name}").format(name=owner_name.lower()) if owner_name else _("Clear")
    if isinstance(widget, QScrollBar):
        return _("Scroll {name}").format(name=owner_name.lower()) if owner_name else _("Scroll")
    return owner_name


def _owner(widget: QWidget) -> QWidget | None:
    """The combo box, line edit, spin box or scroll area a helper widget of Qt's was made for."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QLineEdit | QAbstractSpinBox | QAbstractScrollArea):
            return parent
        if parent.isWindow() and not isinstance(widget, QAbstractItemView):
            return None
        parent = parent.parentWidget()
    return None


def _plain(text: str) -> str:
    """A tool tip without rich-text tags or mnemonics."""
    if "<" in text:
        from PySide6.QtGui import QTextDocumentFragment

        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&", "").strip()


def announce(source: QObject, message: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``message`` now, wherever the focus is."""
    event = QAccessibleAnnouncementEvent(source, message)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    log.debug("announce %r", message)
    send(event)


def _factory(_class_name: str, target: QObject) -> None:
    """Consulted when a screen reader first asks about ``target``: name a window's controls then."""
    if isinstance(target, QWidget) and target.isWindow() and not target.property(_NAMED):
        target.setProperty(_NAMED, True)
        QTimer.singleShot(0, target, lambda: _name_if_alive(target))
    return None  # Qt builds the interface itself


def _name_if_alive(window: QWidget) -> None:
    """Windows asked about while being built or torn down may be gone one turn later."""
    if shiboken6.isValid(window):
        name_controls(window)


_installed = False


def install(app: QApplication) -> None:
    """Name every window's controls once a screen reader looks at it (see the module docstring)."""
    global _installed
    if _installed:  # Qt keeps every factory it is given, for the whole process
        return
    _installed = True
    QAccessible.installFactory(_factory)
    log.debug("accessibility naming installed for %s", app.applicationName())
