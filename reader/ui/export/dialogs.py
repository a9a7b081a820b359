"""The Export notes dialog: which format (among those the policy allows) and which notes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import N_, _
from reader.core.policy import Policy
from reader.core.usecases.rules import allowed_formats

LABELS = {"md": N_("Markdown (.md)"), "json": N_("W3C Web Annotation (.json)"),
          "html": N_("Printable page (.html)"), "pdf": N_("PDF handout (.pdf)")}


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    article: str | None = None  # only this article's notes
    tag: str | None = None  # only notes with this tag
    shown: bool = False  # exactly the notes the notes panel lists


class ExportDialog(QDialog):
    """Format and scope of an export (all notes, this article's, one tag's, or the panel's)."""

    def __init__(self, policy: Policy, tags: list[str], article_title: str | None,
                 parent: QWidget | None = None, shown: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export notes"))
        self.format_combo = QComboBox(accessibleName=_("Export format"))
        for key in allowed_formats(policy, tuple(LABELS)):
            self.format_combo.addItem(_(LABELS[key]), key)
        self.all_radio = QRadioButton(_("&All notes"), checked=True)
        self.article_radio = QRadioButton(_("This &article ({article_title})")
                                          .format(article_title=article_title) if article_title
                                          else _("This &article"))
        self.article_radio.setEnabled(article_title is not None)
        self.tag_radio = QRadioButton(_("Notes with the &tag"))
        self.tag_combo = QComboBox(accessibleName=_("Tag to export"))
        self.tag_combo.addItems(tags)
        self.tag_radio.setEnabled(bool(tags))
        self.tag_combo.setEnabled(False)
        self.tag_radio.toggled.connect(self.tag_combo.setEnabled)
        self.shown_radio = QRadioButton(_("Notes shown in the notes &panel")
                                        + (f" ({shown})" if shown is not None else ""))
        self.shown_radio.setEnabled(shown != 0)
        self.scope_group = QButtonGroup(self)
        for button in (self.all_radio, self.article_radio, self.tag_radio, self.shown_radio):
            self.scope_group.addButton(button)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("&Format:"), self.format_combo)
        scope_box = QVBoxLayout()
        for widget in (self.all_radio, self.article_radio, self.tag_radio, self.tag_combo, self.shown_radio):
            scope_box.addWidget(widget)
        form.addRow(_("Notes:"), scope_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choice(self, article_id: str | None) -> ExportChoice:
        fmt = str(self.format_combo.currentData())
        if self.article_radio.isChecked():
            return ExportChoice(fmt, article=article_id)
        if self.shown_radio.isChecked():
            return ExportChoice(fmt, shown=True)
        if self.tag_radio.isChecked() and self.tag_combo.currentText():
            return ExportChoice(fmt, tag=self.tag_combo.currentText())
        return ExportChoice(fmt)


