"""The editor of one highlight: colour, style, Markdown note, tags; delete.

A small dialog opened with ``open()`` (window-modal, never a nested event
loop), so the controller reacts to ``accepted`` / ``delete_requested`` and
tests drive it like a user.  It edits a copy: nothing is saved until the
controller turns the result into an undoable command.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QSize, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from reader.core.annotations.model import Annotation, utc_now
from reader.core.i18n import _
from reader.ui.notes.colors import COLORS, STYLES, color_name, known, style_name
from reader.ui.notes.model import PAGE_NOTE
from reader.ui.notes.toolbar import swatch_icon

QUOTE_CHARS = 160


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, empty ones dropped, first spelling of each kept."""
    seen: dict[str, str] = {}
    for tag in (part.strip() for part in text.split(",")):
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())


class NoteEditor(QDialog):
    """Edits ``annotation``; ``result_annotation()`` is the edited copy after accept."""

    delete_requested = Signal(str)  # annotation id

    def __init__(self, annotation: Annotation, parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self.annotation = annotation
        self.setWindowTitle(_("Add note") if new else _("Edit highlight"))
        self.setAccessibleName(self.windowTitle())
        quote = annotation.quote if len(annotation.quote) <= QUOTE_CHARS else \
            annotation.quote[:QUOTE_CHARS].rstrip() + "…"
        self.quote_label = QLabel(f"“{quote}”" if quote else _(PAGE_NOTE), wordWrap=True)
        self.quote_label.setAccessibleName(_("Highlighted passage"))

        colours = QHBoxLayout()
        colours.setSpacing(2)
        self.color_group = QButtonGroup(self)
        self.color_buttons: dict[str, QToolButton] = {}
        for color in COLORS:
            button = QToolButton(self, icon=swatch_icon(color, 16), iconSize=QSize(18, 18),
                                 checkable=True, autoRaise=True)
            button.setToolTip(color_name(color))
            button.setAccessibleName(_("Colour {color}").format(color=color_name(color)))
            button.setChecked(color == known(annotation.color))
            self.color_group.addButton(button)
            self.color_buttons[color] = button
            colours.addWidget(button)
        colours.addStretch(1)

        self.style_combo = QComboBox(self)
        self.style_combo.setAccessibleName(_("Style"))
        for style in STYLES:
            self.style_combo.addItem(style_name(style), style)
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(annotation.style)))

        self.note_edit = QPlainTextEdit(annotation.note, self)
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setPlaceholderText(_("Your note (Markdown: *emphasis*, lists, links)"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumSize(360, 120)

        self.tags_edit = QLineEdit(", ".join(annotation.tags), self)
        self.tags_edit.setAccessibleName(_("Tags"))
        self.tags_edit.setPlaceholderText(_("comma, separated, tags"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.delete_button = buttons.addButton(_("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setAccessibleName(_("Delete highlight"))
        self.delete_button.clicked.connect(self._delete)
        self.delete_button.setVisible(not new)
        self.buttons = buttons

        form = QFormLayout(self)
        form.addRow(self.quote_label)
        form.addRow(_("Colour"), colours)
        form.addRow(_("Style"), self.style_combo)
        form.addRow(_("Note"), self.note_edit)
        form.addRow(_("Tags"), self.tags_edit)
        form.addRow(buttons)
        self.note_edit.setFocus()

    def place_beside(self, top: QPoint, bottom: QPoint, screen: QScreen) -> None:
        """Below the passage (``top``..``bottom``, global) when it fits on the screen, else above it:
        never over the words it annotates."""
        size = self.sizeHint().expandedTo(self.size())
        area = screen.availableGeometry()
        below = bottom.y() + 8 + size.height() <= area.bottom()
        y = bottom.y() + 8 if below else top.y() - 8 - size.height()
        x = min(max(area.left(), top.x()), area.right() - size.width())
        self.move(x, max(area.top(), y))

    def chosen_color(self) -> str:
        for color, button in self.color_buttons.items():
            if button.isChecked():
                return color
        return known(self.annotation.color)

    def result_annotation(self) -> Annotation:
        """The annotation as edited (``modified`` bumped only if something changed)."""
        edited = replace(self.annotation, color=self.chosen_color(),  # type: ignore[arg-type]
                         style=self.style_combo.currentData(), note=self.note_edit.toPlainText().strip(),
                         tags=parse_tags(self.tags_edit.text()))
        return edited if edited == self.annotation else replace(edited, modified=utc_now())

    def _delete(self) -> None:
        self.delete_requested.emit(self.annotation.id)
        self.reject()
