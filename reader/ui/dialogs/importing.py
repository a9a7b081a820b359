"""File → New archive from… / Add to this archive…: what to import, and where a new archive goes.

The dialog only builds an :class:`~reader.core.usecases.importing.ImportRequest`;
``import_into`` does the work (in the background, with
:class:`~reader.ui.dialogs.import_progress.ImportProgressDialog` showing it).
File pickers are injectable so tests never open one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import N_, _
from reader.core.importers import SUFFIXES, slugify
from reader.core.importing import WxrOptions
from reader.core.usecases.importing import ImportRequest
from reader.ui.dialogs.import_progress import ImportProgressDialog, report_text
from reader.ui.dialogs.shortlist import shortlist

__all__ = ["ImportProgressDialog", "ImportSourcesDialog", "report_text"]

#: (parent, caption, start folder, name filter) → the files chosen (none if cancelled).
AskFiles = Callable[[QWidget, str, Path, str], list[Path]]
#: (parent, caption, start folder) → the folder chosen, or None.
AskFolder = Callable[[QWidget, str, Path], Path | None]

PAGES, FOLDER, WORDPRESS = "pages", "folder", "wordpress"
KINDS = (PAGES, FOLDER, WORDPRESS)
PAGES_FILTER = N_("Saved pages and Markdown ({patterns})")
PAGES_PATTERNS = " ".join("*" + s for s in SUFFIXES)
WORDPRESS_FILTER = N_("WordPress export (*.xml)")


def ask_files_dialog(parent: QWidget, caption: str, start: Path, name_filter: str) -> list[Path]:
    from PySide6.QtWidgets import QFileDialog

    names, _chosen_filter = QFileDialog.getOpenFileNames(parent, caption, str(start), name_filter)
    return [Path(name) for name in names]


def ask_folder_dialog(parent: QWidget, caption: str, start: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, caption, str(start))
    return Path(name) if name else None


def _is_free(folder: Path) -> bool:
    """A folder a new archive may go in: not there yet, or an empty folder."""
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


class ImportSourcesDialog(QDialog):
    """Gathers an import: the kind of source, the sources, and for a new archive its folder and title."""

    def __init__(self, mode: Literal["new", "add"], start_dir: Path, archive_title: str | None = None,
                 parent: QWidget | None = None, ask_files: AskFiles = ask_files_dialog,
                 ask_folder: AskFolder = ask_folder_dialog) -> None:
        super().__init__(parent)
        if mode not in ("new", "add"):
            raise ValueError(f"unknown import mode {mode!r}")
        self.mode, self.start_dir = mode, start_dir  # where the file pickers open: the last folder used
        self._archive_parent = start_dir  # where a new archive folder is suggested
        self._ask_files, self._ask_folder = ask_files, ask_folder
        self._sources: list[Path] = []
        self._folder_edited = False  # the reader typed or chose the folder: stop suggesting one
        self.setWindowTitle(_("New Archive") if mode == "new" else
                            _("Add to “{archive_title}”").format(archive_title=archive_title)
                            if archive_title else _("Add to This Archive"))

        self.kind = QButtonGroup(self)
        labels = (_("Saved web &pages or Markdown files"), _("A f&older of saved pages"),
                  _("A &WordPress export (.xml)"))
        self.kind_buttons = []
        for number, label in enumerate(labels):
            button = QRadioButton(label)
            button.setAccessibleName(_("Import {replace}").format(replace=label.replace('&', '')))
            self.kind.addButton(button, number)
            self.kind_buttons.append(button)
        self.kind_buttons[0].setChecked(True)
        self.sources = QLabel()
        self.sources.setAccessibleName(_("Chosen sources"))
        self.choose = QPushButton(_("&Choose…"))
        self.choose.setAccessibleName(_("Choose what to import"))
        self.choose.clicked.connect(self._choose_sources)

        self.include_pages = QCheckBox(_("Include the site's pa&ges as well as its posts"))
        self.include_pages.setAccessibleName(_("Include pages"))
        self.media = QLineEdit()
        self.media.setAccessibleName(_("Media folder"))
        self.media.setPlaceholderText(_("Optional: the site's uploads folder, for the pictures"))
        self.media_browse = QPushButton(_("Brow&se…"))
        self.media_browse.setAccessibleName(_("Choose the media folder"))
        self.media_browse.clicked.connect(self._choose_media)

        self.title = QLineEdit()
        self.title.setAccessibleName(_("Archive title"))
        self.title.setPlaceholderText(_("Shown in the window's title and the library"))
        self.folder = QLineEdit()
        self.folder.setAccessibleName(_("Archive folder"))
        self.folder.setPlaceholderText(_("A new or empty folder"))
        self.folder_browse = QPushButton(_("B&rowse…"))
        self.folder_browse.setAccessibleName(_("Choose the archive folder"))
        self.folder_browse.clicked.connect(self._choose_folder)

        self.icon = QLabel()
        self.icon.setAccessibleName(_("Warning"))
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("What is missing"))
        # Room for two lines kept: a wrapped label growing later can leave the dialog too short.
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Import"))
        self.ok.setAccessibleName(_("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

        self.kind.idToggled.connect(self._kind_changed)
        self.title.textChanged.connect(self._title_changed)
        self.folder.textEdited.connect(self._folder_typed)
        self.folder.textChanged.connect(self._update)
        self.media.textChanged.connect(self._update)
        self._kind_changed()
        (self.title if mode == "new" else self.choose).setFocus()

    def _lay_out(self) -> None:
        what = QGroupBox(_("What to import"))
        column = QVBoxLayout(what)
        for button in self.kind_buttons:
            column.addWidget(button)
        row = QHBoxLayout()
        row.addWidget(self.sources, 1)
        row.addWidget(self.choose)
        column.addLayout(row)

        self.wordpress_box = QGroupBox(_("WordPress export"))
        options = QFormLayout(self.wordpress_box)
        options.addRow(self.include_pages)
        media_row = QHBoxLayout()
        media_row.addWidget(self.media, 1)
        media_row.addWidget(self.media_browse)
        options.addRow(self._buddy(_("&Media folder:"), self.media), media_row)

        self.archive_box = QGroupBox(_("New archive"))
        form = QFormLayout(self.archive_box)
        form.addRow(self._buddy(_("&Title:"), self.title), self.title)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_browse)
        form.addRow(self._buddy(_("&Folder:"), self.folder), folder_row)
        self.archive_box.setVisible(self.mode == "new")

        problem = QHBoxLayout()
        problem.addWidget(self.icon)
        problem.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        if self.mode == "new":
            layout.addWidget(self.archive_box)
        layout.addWidget(what)
        layout.addWidget(self.wordpress_box)
        layout.addLayout(problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        order = ([self.title, self.folder, self.folder_browse] if self.mode == "new" else []) + [
            *self.kind_buttons, self.choose, self.include_pages, self.media, self.media_browse, self.buttons]
        for before, after in itertools.pairwise(order):
            self.setTabOrder(before, after)

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def kind_name(self) -> str:
        return KINDS[max(0, self.kind.checkedId())]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[KINDS.index(kind)].setChecked(True)

    def sources_chosen(self) -> list[Path]:
        return list(self._sources)

    def _kind_changed(self, *_args: object) -> None:
        self._sources = []
        self.wordpress_box.setVisible(self.kind_name() == WORDPRESS)
        self.choose.setText({PAGES: _("&Choose Files…"), FOLDER: _("&Choose Folder…"),
                             WORDPRESS: _("&Choose Export…")}[self.kind_name()])
        self._show_sources()

    def _choose_sources(self) -> None:
        kind = self.kind_name()
        if kind == FOLDER:
            chosen = self._ask_folder(self, _("Folder of Saved Pages"), self.start_dir)
            picked = [chosen] if chosen else []
        else:
            caption = _("WordPress Export") if kind == WORDPRESS else _("Pages to Import")
            picked = self._ask_files(self, caption,
                                     self.start_dir, _(WORDPRESS_FILTER) if kind == WORDPRESS
                                     else _(PAGES_FILTER).format(patterns=PAGES_PATTERNS))
            picked = picked[:1] if kind == WORDPRESS else picked
        if picked:
            self._sources = picked
            self.start_dir = picked[0].parent if kind != FOLDER else picked[0]
            self._show_sources()

    def _choose_media(self) -> None:
        chosen = self._ask_folder(self, _("WordPress Media Folder"), self.start_dir)
        if chosen:
            self.media.setText(str(chosen))

    def _choose_folder(self) -> None:
        """An empty folder is used as it is; in a folder with files, a new one is suggested inside."""
        chosen = self._ask_folder(self, _("Folder for the New Archive"), self.start_dir)
        if chosen:
            self._folder_edited = True
            self.folder.setText(str(chosen if _is_free(chosen) else chosen / self._slug()))

    def _slug(self) -> str:
        return slugify(self.title.text().strip() or "archive")

    def _title_changed(self, title: str) -> None:
        if not self._folder_edited:
            self.folder.setText(str(self._archive_parent / self._slug()) if title.strip() else "")
        self._update()

    def _folder_typed(self, _text: str) -> None:
        self._folder_edited = True

    def _show_sources(self) -> None:
        self.sources.setText(shortlist([p.name or str(p) for p in self._sources]) or _("Nothing chosen yet."))
        self.sources.setToolTip("\n".join(map(str, self._sources)))
        self._update()

    def problem(self) -> tuple[str, bool]:
        """What keeps OK disabled, and whether it is a mistake to point out (not just a step left)."""
        if self.mode == "new":
            folder_text = self.folder.text().strip()
            folder = Path(folder_text).expanduser()
            if folder_text and folder.is_file():
                return _("This is a file: choose a new or empty folder for the archive."), True
            if folder_text and not _is_free(folder):
                return (_("“{name}” already has files in it: choose a new or empty folder.")
                        .format(name=folder.name), True)
        missing = [p for p in self._sources if not p.exists()]
        if missing:
            return _("“{name}” is no longer there: choose again.").format(name=missing[0].name), True
        media = self.media.text().strip()
        if self.kind_name() == WORDPRESS and media and not Path(media).expanduser().is_dir():
            return _("The media folder does not exist."), True
        if self.mode == "new" and not self.title.text().strip():
            return _("Give the new archive a title."), False
        if self.mode == "new" and not self.folder.text().strip():
            return _("Choose a folder for the new archive."), False
        if not self._sources:
            return {PAGES: _("Choose the pages to import."), FOLDER: _("Choose a folder of saved pages."),
                    WORDPRESS: _("Choose the WordPress export.")}[self.kind_name()], False
        return "", False

    def _update(self, *_args: object) -> None:
        text, mistake = self.problem()
        self.message.setText(text)
        self.icon.setVisible(mistake)
        self.ok.setEnabled(not text)

    def request(self, folder_for_add: Path | None = None) -> ImportRequest:
        """The import chosen; ``folder_for_add`` is the open archive's folder when adding to it."""
        if self.mode == "add":
            if folder_for_add is None:
                raise ValueError("adding needs the open archive's folder")
            folder, title = folder_for_add, None
        else:
            folder, title = Path(self.folder.text().strip()).expanduser(), self.title.text().strip() or None
        options = WxrOptions()
        if self.kind_name() == WORDPRESS:
            media = self.media.text().strip()
            options = WxrOptions(include_pages=self.include_pages.isChecked(),
                                 media=Path(media).expanduser() if media else None)
        return ImportRequest(folder=folder, sources=tuple(self._sources), title=title, wordpress=options)
