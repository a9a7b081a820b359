"""Notes in layers, one per creator: the reader's own, and each other person's.

Why layers: imported notes (a teacher's, a colleague's) sit on the same words
as the reader's own.  Others' notes are drawn as a dashed underline in their
colour instead of a filled background, so both stay readable on top of each
other, and each person's layer can be hidden.  The reader's own name is the
``creator`` setting; notes with no creator are the reader's too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from reader.core.annotations.model import Annotation
from reader.core.i18n import _
from reader.ui.notes import colors

OWN = ""  # the layer key of the reader's own notes


class Layers:
    """Which creators' notes are drawn, and how."""

    def __init__(self, own: str, redraw: Callable[[], None]) -> None:
        self.own = own
        self.hidden: set[str] = set()
        self._redraw = redraw
        self._listeners: list[Callable[[], None]] = []  # others showing notes (the page-notes block)

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after a layer is shown or hidden (after the article's redraw)."""
        self._listeners.append(listener)

    def key(self, creator: str) -> str:
        return OWN if creator in ("", self.own) else creator

    def visible(self, creator: str) -> bool:
        return self.key(creator) not in self.hidden

    def set_visible(self, creator: str, visible: bool) -> None:
        key = self.key(creator)
        if visible != (key not in self.hidden):
            (self.hidden.discard if visible else self.hidden.add)(key)
            self._redraw()
            for listener in self._listeners:
                listener()

    def creators(self, annotations: Iterable[Annotation]) -> list[str]:  # the Layers menu
        """Layer keys of ``annotations``: own first (when any), then the others by name."""
        keys = {self.key(a.creator) for a in annotations}
        others = sorted(keys - {OWN}, key=str.casefold)
        return ([OWN] if OWN in keys else []) + others

    def label(self, key: str) -> str:
        if key == OWN:
            return _("My notes ({own})").format(own=self.own) if self.own else _("My notes")
        return key

    def mark_format(self, annotation: Annotation, theme: str, flash: bool = False) -> QTextCharFormat:
        if flash or self.key(annotation.creator) == OWN:
            return colors.mark_format(annotation.color, annotation.style, theme, flash=flash)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(colors.ink(annotation.color, theme))
        return fmt


class CreatorTips(QObject):
    """A tooltip with the creator's name over a drawn highlight (on the view's viewport)."""

    def __init__(self, viewport: QWidget, at: Callable[[QHelpEvent], Annotation | None],
                 layers: Layers) -> None:
        super().__init__(viewport)
        self._at, self._layers = at, layers
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        hit = self._at(event)
        if hit is None:
            return False
        key = self._layers.key(hit.creator)
        QToolTip.showText(event.globalPos(), _("You") if key == OWN else _("Note by {key}")
                                             .format(key=key), None)
        return True


def fill_layers_menu(menu: QMenu, layers: Layers, annotations: Iterable[Annotation]) -> None:
    """View → Layers: one checkable action per creator (own notes first); rebuilt on every show."""
    menu.clear()
    for key in layers.creators(annotations):
        action = QAction(layers.label(key), menu, checkable=True)
        action.setChecked(layers.visible(key))
        action.setData(key)
        action.toggled.connect(lambda on, k=key: layers.set_visible(k, on))
        menu.addAction(action)
    if menu.isEmpty():
        menu.addAction(_("(no notes yet)")).setEnabled(False)
