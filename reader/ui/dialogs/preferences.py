"""Edit → Preferences…: a form over the settings a reader would change.

The form is built from :data:`reader.core.settings.SCHEMA`, so a new setting
shows up here with a plain widget for its type (see :mod:`pref_fields`);
``LABELS`` gives it a nicer label.  Beside the form, a sample page shows the
theme and text settings as they are chosen, and ``previewed`` carries them to
the window so the open article changes at once (Cancel puts it back).  Window geometry and state are not
preferences and stay hidden.  A setting the administrator's policy locks is
shown with the policy's value, disabled, with a lock icon that says who set
it; Apply and OK never try to write it.
"""

from __future__ import annotations

import itertools
import logging
from importlib import resources
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import N_, _
from reader.core.resources import PACKAGE
from reader.core.settings import SCHEMA, Setting, Settings, SettingsError
from reader.ui.article.typography import Typography
from reader.ui.dialogs.pref_fields import field_value, fill_field, make_field
from reader.ui.dialogs.preview import PreviewPage

if TYPE_CHECKING:
    from reader.ui.comfort import Comfort

log = logging.getLogger("reader.ui.preferences")

ADMIN_TEXT = N_("Set by this computer's administrator")
LOCK_ICON = ("icons", "lock.svg")
ICON_SIZE = 16
#: Settings that are remembered for the user, not chosen by them.
HIDDEN_PREFIXES = ("window.",)
#: Labels (with mnemonics) for the settings we know; others get one made from their name.
LABELS = {
    "theme": N_("&Theme:"),
    "text.font": N_("&Font:"),
    "text.size": N_("Text si&ze:"),
    "text.line_spacing": N_("&Line spacing:"),
    "text.width": N_("Text &width:"),
    "library.group_by": N_("&Group library by:"),
    "library.sort": N_("&Sort articles by:"),
    "library.descending": N_("&Newest first"),
    "creator": N_("Your na&me on notes:"),
    "language": N_("Lang&uage:"),
}
#: A heading before the first setting of each group.
SECTIONS = {"theme": N_("Reading"), "library.group_by": N_("Library"), "creator": N_("Notes")}
#: What the sample page (and the open article) show while the dialog is open.
PREVIEWED = ("theme", "text.font", "text.size", "text.line_spacing", "text.width")


def shown_settings() -> list[Setting]:
    """The schema entries the dialog offers, in schema order."""
    return [s for s in SCHEMA.values() if not s.name.startswith(HIDDEN_PREFIXES)]


def lock_pixmap(size: int = ICON_SIZE, ratio: float = 1.0) -> QPixmap:
    """The lock icon, drawn sharp for the screen's pixel ratio."""
    data = resources.files(PACKAGE).joinpath(*LOCK_ICON).read_bytes()
    renderer = QSvgRenderer(QByteArray(data))
    side = max(1, round(size * ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _label_for(setting: Setting) -> str:
    if setting.name in LABELS:
        return _(LABELS[setting.name])
    words = setting.name.rsplit(".", 1)[-1].replace("_", " ")
    return f"{words[:1].upper()}{words[1:]}" + ("" if setting.type is bool else ":")


class PreferencesDialog(QDialog):
    """The settings form; ``fields`` and ``lock_labels`` are keyed by setting name."""

    previewed = Signal(dict)  # the theme and text values the fields hold now, not yet stored

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Preferences"))
        self.setAccessibleName(_("Preferences"))
        self.fields: dict[str, QWidget] = {}
        self.lock_labels: dict[str, QLabel] = {}
        self._shown: dict[str, Any] = {}  # the value each field was last filled with

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for setting in shown_settings():
            if setting.name in SECTIONS:
                heading = QLabel(_(SECTIONS[setting.name]))
                heading.setObjectName("sectionHeading")
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                heading.setContentsMargins(0, 0 if form.rowCount() == 0 else 10, 0, 0)
                form.addRow(heading)
            self._add_row(form, setting)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel)
        for which, name in ((QDialogButtonBox.StandardButton.Ok, "OK"),
                            (QDialogButtonBox.StandardButton.Apply, "Apply"),
                            (QDialogButtonBox.StandardButton.Cancel, "Cancel")):
            self.buttons.button(which).setAccessibleName(name)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._clicked)

        if any(self.settings.is_locked(name) for name in self.fields):
            note = QLabel(_("Settings with a lock are fixed: {lower}.").format(lower=_(ADMIN_TEXT).lower()))
            note.setWordWrap(True)
            note.setObjectName("lockNote")
        else:
            note = None

        self.preview = PreviewPage()
        sample = QGroupBox(_("Preview"))
        sample_layout = QVBoxLayout(sample)
        sample_layout.addWidget(self.preview)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        if note is not None:
            left.addWidget(note)
        left.addStretch(1)
        columns.addLayout(left, 0)
        columns.addWidget(sample, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

        editable = [w for name, w in self.fields.items() if not self.settings.is_locked(name)]
        for before, after in itertools.pairwise(editable):  # the buttons follow, in their own order
            QWidget.setTabOrder(before, after)
        if editable:
            editable[0].setFocus()
        self._update_apply()
        self._show_preview()

    # -- building ---------------------------------------------------------

    def _add_row(self, form: QFormLayout, setting: Setting) -> None:
        name = setting.name
        locked = self.settings.is_locked(name)
        widget = make_field(setting, self._update_apply)
        widget.setObjectName(f"pref-{name}")
        self.fields[name] = widget
        self._fill(name, self.settings.get(name))

        description = _(setting.description)
        accessible = f"{description} {_(ADMIN_TEXT)}." if locked else description
        widget.setToolTip(accessible)
        widget.setWhatsThis(description)
        widget.setAccessibleDescription(accessible)
        widget.setEnabled(not locked)

        lock = QLabel()
        lock.setObjectName(f"lock-{name}")
        lock.setPixmap(lock_pixmap(ratio=self.devicePixelRatioF()))
        lock.setFixedSize(ICON_SIZE, ICON_SIZE)
        lock.setToolTip(_(ADMIN_TEXT))
        lock.setAccessibleName(_(ADMIN_TEXT))
        lock.setAccessibleDescription(_(ADMIN_TEXT))
        policy = lock.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # locked or not, the rows line up
        lock.setSizePolicy(policy)
        lock.setVisible(locked)
        self.lock_labels[name] = lock

        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        row_layout.addWidget(lock)
        row_layout.addStretch(0 if isinstance(widget, QLineEdit) else 1)
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        text = _label_for(setting)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        if isinstance(widget, QCheckBox):
            widget.setText(text)  # the box carries its own label and mnemonic
            form.addRow("", row)
        else:
            label = QLabel(text)
            label.setBuddy(widget)
            label.setToolTip(accessible)
            label.setWhatsThis(description)
            form.addRow(label, row)

    # -- values -------------------------------------------------------------

    def _fill(self, name: str, value: Any) -> None:
        fill_field(self.fields[name], SCHEMA[name], value)
        self._shown[name] = self.value(name)

    def value(self, name: str) -> Any:
        """What the field for ``name`` holds now, as the setting's type."""
        return field_value(self.fields[name], SCHEMA[name])

    def changed(self) -> dict[str, Any]:
        """The unlocked fields the user has changed since they were filled (or last applied)."""
        return {name: self.value(name) for name in self.fields
                if not self.settings.is_locked(name) and self.value(name) != self._shown[name]}

    def apply(self) -> list[str]:
        """Write the changed, unlocked values; returns the names written.  Never raises."""
        written: list[str] = []
        for name, value in self.changed().items():
            try:
                self.settings.set(name, value)
            except SettingsError as exc:  # a value the schema refuses; keep the rest
                log.warning("preference %s not saved: %s", name, exc)
                continue
            self._shown[name] = value
            written.append(name)
        self._update_apply()
        return written

    def accept(self) -> None:
        self.apply()
        super().accept()

    def _clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ApplyRole:
            self.apply()

    def _update_apply(self, *_args: object) -> None:
        if not hasattr(self, "buttons"):
            return  # still filling the fields
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(bool(self.changed()))
        self._show_preview()

    def previewed_values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in PREVIEWED if name in self.fields}

    def _show_preview(self) -> None:
        if not hasattr(self, "preview"):
            return
        values = self.previewed_values()
        self.preview.show_values(Typography.from_values(values, Typography()), values.get("theme", "auto"))
        self.previewed.emit(values)


def open_preferences(parent: QWidget | None, settings: Settings, comfort: Comfort | None = None) -> bool:
    """Run the dialog modally, previewing on the window's article through ``comfort``; True on OK."""
    dialog = PreferencesDialog(settings, parent)
    if comfort is not None:
        dialog.previewed.connect(comfort.preview)
        dialog.finished.connect(comfort.restore)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
