"""File → Export notes…, Import notes… and Make study pack…, on the notes use cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from reader.core.annotations import Annotation, AnnotationStore
from reader.core.archive import Archive, Article
from reader.core.i18n import N_, _
from reader.core.usecases import AppContext, Outcome
from reader.core.usecases import notes as usecase
from reader.core.usecases.notes import ImportResult, NotesScope
from reader.core.usecases.printing import suggested_name
from reader.ui.dialogs.files import FileChooser
from reader.ui.errors import show_error
from reader.ui.export.dialogs import LABELS, ExportChoice, ExportDialog
from reader.ui.export.pdf import export_pdf

#: (parent, policy-filtered dialog inputs) -> the choice, or None when cancelled
ChooseExport = Callable[[QWidget, AppContext, list[str], Article | None, int | None], "ExportChoice | None"]
NOTES_FILES = N_("Notes and study packs (*.json *.jsonld *.rrpack);;All files (*)")
NOTES_PATTERNS = ("*.json", "*.jsonld", "*.rrpack")


def ask_export(parent: QWidget, ctx: AppContext, tags: list[str], article: Article | None,
               shown: int | None) -> ExportChoice | None:
    dialog = ExportDialog(ctx.policy, tags, article.meta.title if article else None, parent, shown)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice(article.id if article else None)
    finally:
        dialog.deleteLater()


def export_notes(parent: QWidget, ctx: AppContext, archive: Archive, store: AnnotationStore,
                 files: FileChooser, *, article: Article | None = None,
                 shown: Sequence[Annotation] | None = None,
                 choose: ChooseExport = ask_export) -> Outcome[int] | None:
    """The whole export flow; None when cancelled or refused (the refusal was shown)."""
    try:
        choice = choose(parent, ctx, usecase.tags(store, archive), article,
                        len(shown) if shown is not None else None)
        if choice is None:
            return None
        suffix = usecase.SUFFIXES[choice.fmt]
        title = archive.info.title if choice.article is None else article.meta.title if article else "notes"
        name = suggested_name(_("{title} notes").format(title=title), None, suffix)
        filters = _(LABELS[choice.fmt]) + ";;" + _("All files (*)")
        path = files.save(parent, _("Export notes"), name, filters, suffix)
        if path is None:
            return None
        chosen = NotesScope(notes=tuple(shown or ())) if choice.shown else \
            NotesScope(article=choice.article, tag=choice.tag)
        return usecase.export_notes(ctx, archive, store, choice.fmt, path, chosen, pdf_writer=export_pdf)
    except Exception as exc:  # the one UI error path
        show_error(parent, exc, ctx.paths.log_file)
        return None


def import_notes(parent: QWidget, ctx: AppContext, archive: Archive, store: AnnotationStore,
                 files: FileChooser, path: Path | None = None) -> Outcome[ImportResult] | None:
    """File → Import notes… (or a file given to the app): merge and say what happened."""
    try:
        if path is None:
            path = files.open(parent, _("Import notes"), _(NOTES_FILES), NOTES_PATTERNS)
            if path is None:
                return None
        return usecase.import_notes(ctx, archive, store, path)
    except Exception as exc:  # a NotesFileError is a ReaderError: shown as written
        show_error(parent, exc, ctx.paths.log_file)
        return None
