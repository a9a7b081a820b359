"""Notes pane → History…: every version of one note, the losing edits of a group included.

Read-only: the versions come from :func:`reader.core.usecases.editing.note_history`,
which is what ``notes history ID`` prints, so the window and the CLI show the same.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from reader.core.annotations import Annotation, AnnotationStore
from reader.core.i18n import _
from reader.core.usecases.editing import note_history
from reader.ui.notes.model import note_text
from reader.ui.notes.toolbar import swatch_icon


def version_line(version: Annotation, current: bool) -> str:
    facts = [version.modified.replace("T", " ").removesuffix("Z"), version.creator or _("(no name)"),
             _("now") if current else _("earlier")]
    words = note_text(version.note) or _("(no note)")
    tags = " ".join("#" + t for t in version.tags)
    return "\n".join(filter(None, [" · ".join(facts), words, tags]))


class HistoryDialog(QDialog):
    """The versions of one note, oldest first; the current one last."""

    def __init__(self, store: AnnotationStore, note_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of the note"))
        current = store.get(note_id)
        versions = note_history(store, note_id)
        self.list = QListWidget(accessibleName=_("Versions of the note"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for version in versions:
            self.list.addItem(version_line(version, version == current))
            self.list.item(self.list.count() - 1).setIcon(swatch_icon(version.color))
        self.list.setCurrentRow(self.list.count() - 1)
        shown = current or versions[-1]
        quote = shown.quote if len(shown.quote) <= 120 else shown.quote[:119] + "…"
        label = QLabel(f"“{quote}”" if quote else _("On the whole article"), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(460, 360)
