"""Every file the window saves or opens is chosen here, within what the policy allows.

On a personal computer: the system's file dialogs, starting in the last
folder used, with a meaningful suggested name.  On a computer whose policy
restricts files (public mode, ``export_dirs``): only the allowed folders are
offered (a folder list and a name, or a list of the files found there), never a
free file browser.  The ask functions are injectable so tests run without
modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import N_, _
from reader.core.policy import Policy
from reader.core.settings import Settings

#: (parent, caption, start path, name filter) -> chosen path or ""
AskPath = Callable[[QWidget, str, str, str], str]
NOWHERE = N_("There is nowhere to save files on this computer right now. "
             "Insert a USB stick, or ask the staff.")


class SaveInFolderDialog(QDialog):
    """Choose a name in one of the folders the policy allows (no free file browser)."""

    def __init__(self, folders: Sequence[Path], name: str, caption: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption)
        self.folder_combo = QComboBox(accessibleName=_("Folder"))
        for folder in folders:
            self.folder_combo.addItem(str(folder), folder)
        self.name_edit = QLineEdit(name, accessibleName=_("File name"))
        form = QFormLayout()
        form.addRow(_("&Save in:"), self.folder_combo)
        form.addRow(_("File &name:"), self.name_edit)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Save | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def path(self) -> str:
        name = Path(self.name_edit.text().strip()).name  # a name, never a path elsewhere
        return str(Path(self.folder_combo.currentData()) / name) if name else ""


class PickFileDialog(QDialog):
    """Choose one of the files found in the allowed folders."""

    def __init__(self, files: Sequence[Path], caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption)
        self.files = list(files)
        self.list = QListWidget(accessibleName=_("Files"))
        self.list.addItems([str(f) for f in files])
        self.list.setCurrentRow(0)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Open | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def path(self) -> str:
        row = self.list.currentRow()
        return str(self.files[row]) if 0 <= row < len(self.files) else ""


def _system_save(parent: QWidget, caption: str, start: str, name_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, start, name_filter)[0]


def _system_open(parent: QWidget, caption: str, start: str, name_filter: str) -> str:
    return QFileDialog.getOpenFileName(parent, caption, start, name_filter)[0]


class FileChooser:
    """Asks for files to save or open, remembering the folder last used (``window.last_folder``)."""

    def __init__(self, policy: Policy, settings: Settings, *, ask_save: AskPath | None = None,
                 ask_open: AskPath | None = None) -> None:
        self.policy, self.settings = policy, settings
        self.ask_save = ask_save or (self._allowed_save if policy.restricts_files else _system_save)
        self.ask_open = ask_open or (self._allowed_open if policy.restricts_files else _system_open)
        self._patterns: tuple[str, ...] = ()

    def start_folder(self) -> Path:
        last = str(self.settings.get("window.last_folder"))
        return Path(last) if last and Path(last).is_dir() else Path.home()

    def save(self, parent: QWidget, caption: str, suggested_name: str, name_filter: str,
             suffix: str = "") -> Path | None:
        """A path to write, or None; ``suffix`` is added when the user typed none."""
        chosen = self.ask_save(parent, caption, str(self.start_folder() / suggested_name), name_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if suffix and not path.suffix:
            path = path.with_suffix(suffix)
        self._remember(path.parent)
        return path

    def open(self, parent: QWidget, caption: str, name_filter: str, patterns: Sequence[str]) -> Path | None:
        """A file to read, or None; on restricted computers chosen among ``patterns`` in allowed folders."""
        self._patterns = tuple(patterns)
        chosen = self.ask_open(parent, caption, str(self.start_folder()), name_filter)
        if not chosen:
            return None
        path = Path(chosen)
        self._remember(path.parent)
        return path

    def _remember(self, folder: Path) -> None:
        self.settings.offer("window.last_folder", str(folder))

    def _allowed_save(self, parent: QWidget, caption: str, start: str, name_filter: str) -> str:
        folders = self.policy.export_folders()
        if not folders:
            QMessageBox.information(parent, caption, _(NOWHERE))
            return ""
        dialog = SaveInFolderDialog(folders, Path(start).name, caption, parent)
        return dialog.path() if dialog.exec() == QDialog.DialogCode.Accepted else ""

    def _allowed_open(self, parent: QWidget, caption: str, start: str, name_filter: str) -> str:
        folders = self.policy.export_folders()
        if not folders:
            QMessageBox.information(parent, caption, _(NOWHERE))
            return ""
        files = sorted(p for folder in folders for pattern in self._patterns for p in folder.glob(pattern))
        if not files:
            QMessageBox.information(parent, caption, _("No suitable files were found in ")
                                    + ", ".join(str(f) for f in folders) + ".")
            return ""
        dialog = PickFileDialog(files, caption, parent)
        return dialog.path() if dialog.exec() == QDialog.DialogCode.Accepted else ""
