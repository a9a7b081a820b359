"""File → Export notes… and File → Import notes…: small dialogs over the core's export and merge.

Why the choices and file names come through injectable callables: tests
drive the whole flow (scope, format, writing, merging) without a modal
dialog; the window passes nothing and gets the real Qt dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import Annotation, Annotations, AnnotationStore
from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.export import export, scope
from reader.core.export.importer import MAX_BYTES, NotesFileError, parse
from reader.core.export.merge import Report, merge
from reader.core.export.pack import is_pack, load_reading_lists, read_pack, save_reading_list
from reader.core.fsutil import atomic_write_bytes
from reader.core.policy import Policy
from reader.ui.errors import show_error
from reader.ui.export.pdf import handout_pdf

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

SUFFIXES = {"md": ".md", "json": ".json", "html": ".html", "pdf": ".pdf"}
FORMATS = (("md", "Markdown (.md)"), ("json", "W3C Web Annotation (.json)"),
           ("html", "Printable page (.html)"), ("pdf", "PDF handout (.pdf)"))


PRINTABLE = ("html", "pdf")


def allowed_formats(policy: Policy) -> list[tuple[str, str]]:
    """The export formats the policy allows; the printable ones need ``allow_print`` too."""
    return [(key, label) for key, label in FORMATS
            if policy.may_export(key) and (policy.allow_print or key not in PRINTABLE)]


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    article: str | None = None  # only this article's notes
    tag: str | None = None  # only notes with this tag
    shown: bool = False  # exactly the notes the notes panel lists


class ExportDialog(QDialog):
    """Format and scope of an export (all notes, this article's, one tag's, or the panel's)."""

    def __init__(self, tags: list[str], article_title: str | None, parent: QWidget | None = None,
                 shown: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export notes")
        self.format_combo = QComboBox(accessibleName="Export format")
        policy = getattr(parent, "policy", None)
        for key, label in allowed_formats(policy if isinstance(policy, Policy) else Policy()):
            self.format_combo.addItem(label, key)
        self.all_radio = QRadioButton("&All notes", checked=True)
        self.article_radio = QRadioButton(f"This &article ({article_title})" if article_title
                                          else "This &article")
        self.article_radio.setEnabled(article_title is not None)
        self.tag_radio = QRadioButton("Notes with the &tag")
        self.tag_combo = QComboBox(accessibleName="Tag to export")
        self.tag_combo.addItems(tags)
        self.tag_radio.setEnabled(bool(tags))
        self.tag_combo.setEnabled(False)
        self.tag_radio.toggled.connect(self.tag_combo.setEnabled)
        self.shown_radio = QRadioButton("Notes shown in the notes &panel"
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
        form.addRow("&Format:", self.format_combo)
        scope_box = QVBoxLayout()
        for widget in (self.all_radio, self.article_radio, self.tag_radio, self.tag_combo, self.shown_radio):
            scope_box.addWidget(widget)
        form.addRow("Notes:", scope_box)
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


Choose = Callable[[QWidget, list[str], str | None, str | None], "ExportChoice | None"]
AskPath = Callable[[QWidget, str, str, str], str]  # (parent, caption, directory, filter) -> path or ""


def ask_choice(parent: QWidget, tags: list[str], article_id: str | None,
               article_title: str | None) -> ExportChoice | None:
    panel = getattr(parent, "notes_panel", None)
    dialog = ExportDialog(tags, article_title if article_id else None, parent,
                          len(shown_notes(cast("MainWindow", parent))) if panel is not None else None)
    return dialog.choice(article_id) if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_save(parent: QWidget, caption: str, directory: str, name_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, directory, name_filter)[0]


def ask_open(parent: QWidget, caption: str, directory: str, name_filter: str) -> str:
    return QFileDialog.getOpenFileName(parent, caption, directory, name_filter)[0]


def shown_notes(window: MainWindow) -> list[Annotation]:
    """The annotations the window's notes panel lists now, in its order."""
    model = window.notes_panel.model
    rows = (model.annotation(model.index(row)) for row in range(model.rowCount()))
    return [note for note in rows if note is not None]


def write_export(store: AnnotationStore, archive: Archive, choice: ExportChoice, path: Path,
                 shown: list[Annotation] | None = None) -> int:
    """Write the chosen notes (``shown`` for the panel's scope) to ``path``; how many, or a ReaderError."""
    if choice.shown:
        notes = list(shown or [])
        if not notes:
            raise ReaderError("There are no notes shown in the notes panel to export.")
    else:
        service = Annotations(store, archive)
        pairs = service.for_article(choice.article) if choice.article else service.all()
        notes = scope([note for note, _ in pairs], tag=choice.tag)
    if not notes:
        raise ReaderError("There are no notes to export" + (f" with the tag {choice.tag!r}" if choice.tag
                                                            else "" if not choice.article
                                                            else " for this article") + ".")
    try:
        if choice.fmt == "pdf":
            handout_pdf(notes, archive, path)
        else:
            atomic_write_bytes(path, export(choice.fmt, notes, archive))
    except OSError as exc:
        raise ReaderError(f"Cannot write {path}: {exc.strerror or exc}") from None
    return len(notes)


def read_import(store: AnnotationStore, archive: Archive, path: Path, data_dir: Path | None = None) -> Report:
    """Parse and merge a notes file or a study pack (a NotesFileError or ReaderError says why not).

    A pack's reading list is saved in ``data_dir`` together with its notes, or neither.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NotesFileError(f"the notes file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if data_dir is not None and is_pack(path, data):
        pack = read_pack(data)
        load_reading_lists(data_dir, strict=True)  # a damaged list file is refused before any change
        folder = data_dir
        return merge(store, archive, pack.records, also=lambda: save_reading_list(folder, pack.reading_list))
    return merge(store, archive, parse(data))


def export_notes(window: MainWindow, choose: Choose = ask_choice, ask_path: AskPath = ask_save) -> int:
    """The whole File → Export notes… flow; returns how many notes were written (0: none)."""
    archive, store = window.archive, window.notes_store
    tags = sorted({tag for note in store.all(archive.info.id) for tag in note.tags}, key=str.casefold)
    article = window.article_view.article()
    choice = choose(window, tags, article.id if article else None, article.meta.title if article else None)
    if choice is None:
        return 0
    suffix = SUFFIXES[choice.fmt]
    label = dict(FORMATS)[choice.fmt]
    name = ask_path(window, "Export notes", str(Path.home() / f"notes{suffix}"), f"{label};;All files (*)")
    if not name:
        return 0
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(suffix)
    policy = getattr(window, "policy", None)
    if isinstance(policy, Policy) and not policy.may_write(path):
        show_error(window, ReaderError(f"Notes may not be saved to {path.parent} on this computer."),
                   window.log_file)
        return 0
    try:
        count = write_export(store, archive, choice, path, shown_notes(window) if choice.shown else None)
    except Exception as exc:  # the one UI error path
        show_error(window, exc, window.log_file)
        return 0
    window.statusBar().showMessage(f"{count} note{'s' if count != 1 else ''} exported to {path}", 8000)
    return count


def import_notes(window: MainWindow, ask_path: AskPath = ask_open,
                 path: Path | None = None) -> Report | None:
    """The whole File → Import notes… flow (or opening a file given to the app): merge, redraw, say
    what happened."""
    if path is None:
        name = ask_path(window, "Import notes", str(Path.home()),
                        "Notes and study packs (*.json *.jsonld *.rrpack);;All files (*)")
        if not name:
            return None
        path = Path(name)
    try:
        report = read_import(window.notes_store, window.archive, path, window.paths.data)
    except Exception as exc:  # a NotesFileError is a ReaderError: shown as written
        show_error(window, exc, window.log_file)
        return None
    window.notes.refresh()
    window.refresh_reading_lists()
    message = report.summary()
    if report.elsewhere:
        message += f"; {len(report.elsewhere)} article(s) not in this archive"
    window.statusBar().showMessage(message, 10_000)
    return report
