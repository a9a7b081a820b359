"""The File menu's commands: archives, imports, notes, packs, printing.

:class:`FileCommands` gets what it needs explicitly (the context, a file
chooser, the background runner and a function that tells what is open now);
every use case's outcome leaves by the ``outcome`` signal, which the window
turns into a status message and a change record for the panes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget

from reader.core.archive import Archive
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.usecases import AppContext, Changes, Outcome, annotated, printing, rules
from reader.core.usecases import notes as notes_usecase
from reader.core.usecases.archives import RecentArchives, change_refusal
from reader.core.usecases.importing import ImportRequest
from reader.ui.commands import archives, importing
from reader.ui.commands import notes as notes_commands
from reader.ui.commands.current import Current
from reader.ui.dialogs.files import FileChooser
from reader.ui.dialogs.import_progress import ImportProgressDialog, report_text
from reader.ui.dialogs.importing import ImportSourcesDialog
from reader.ui.dialogs.pack import PackChoice, PackDialog
from reader.ui.errors import show_error
from reader.ui.export.article_print import article_pdf_writer, print_document, print_marks, print_with_dialog
from reader.ui.export.pdf import export_pdf
from reader.ui.group_commands import GroupCommands
from reader.ui.tasks import TaskRunner

AskImport = Callable[[QWidget, str, Path, "str | None"], "ImportRequest | None"]
AskPack = Callable[[QWidget, Current, list[str]], "PackChoice | None"]


def ask_import(parent: QWidget, mode: str, start: Path, archive_title: str | None,
               folder: Path | None = None) -> ImportRequest | None:
    dialog = ImportSourcesDialog(mode, start, archive_title, parent)  # type: ignore[arg-type]
    try:
        return dialog.request(folder) if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_pack(parent: QWidget, current: Current, tags: list[str]) -> PackChoice | None:
    title = current.article.meta.title if current.article and len(current.selected) <= 1 else \
        current.archive.info.title
    dialog = PackDialog(current.selected, tags, current.reading_lists, title, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class FileCommands(QObject):
    outcome = Signal(object)  # an Outcome of any use case run from here
    archive_opened = Signal(object, object)  # (Archive, article id to show or None)

    def __init__(self, parent: QWidget, ctx: AppContext, files: FileChooser, runner: TaskRunner,
                 current: Callable[[], Current], *, ask_import_request: Callable[..., ImportRequest | None]
                 = ask_import, ask_pack_choice: AskPack = ask_pack) -> None:
        super().__init__(parent)
        self.parent_widget, self.ctx, self.files = parent, ctx, files
        self.runner, self.current = runner, current
        self.ask_import_request, self.ask_pack_choice = ask_import_request, ask_pack_choice
        self.job: importing.ImportJob | None = None
        self.groups = GroupCommands(parent, ctx, current)  # Notes → Join a group folder…
        self.groups.outcome.connect(self.outcome)
        self.progress_dialog: ImportProgressDialog | None = None

    # -- archives ------------------------------------------------------------------------

    def open_archive(self, location: Path | None = None) -> Outcome[Archive] | None:
        if location is None:
            location = archives.choose_archive(self.parent_widget, self.files)
            if location is None:
                return None
        outcome = archives.open_archive(self.parent_widget, self.ctx, location)
        if outcome is not None:
            self.archive_opened.emit(outcome.value, None)
            self.outcome.emit(outcome)
        return outcome

    def open_recent(self, entry_path: Path) -> Outcome[Archive] | None:
        entry = next((e for e in RecentArchives(self.ctx.paths.data).entries() if e.path == entry_path), None)
        if entry is not None and not entry.exists:
            archives.offer_removal(self.parent_widget, self.ctx, entry)
            return None
        return self.open_archive(entry_path)

    def recent(self) -> list[tuple[Path, str, bool]]:
        return [(e.path, e.title, e.exists) for e in RecentArchives(self.ctx.paths.data).entries()]

    def fill_recent(self, menu: QMenu) -> None:
        """Open recent: newest first; a missing archive is shown as such and offered for removal."""
        menu.clear()
        for path, title, exists in self.recent():
            label = f"{title or path.name} — {path}" + ("" if exists else _(" (not found)"))
            action = menu.addAction(label)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        if menu.isEmpty():
            menu.addAction(_("(no archives opened yet)")).setEnabled(False)

    # -- importing -----------------------------------------------------------------------

    def new_archive(self) -> bool:
        request = self.ask_import_request(self.parent_widget, "new", self.files.start_folder(), None)
        return request is not None and self._start_import(request, new=True)

    def add_to_archive(self) -> bool:
        archive = self.current().archive
        refusal = change_refusal(archive)
        if refusal:
            show_error(self.parent_widget, ReaderError(refusal), self.ctx.paths.log_file)
            return False
        request = self.ask_import_request(self.parent_widget, "add", self.files.start_folder(),
                                          archive.info.title, archive.location)
        return request is not None and self._start_import(request, new=False)

    def _start_import(self, request: ImportRequest, *, new: bool) -> bool:
        if self.job is not None and self.job.running:
            return False
        job = importing.ImportJob(self.ctx, request, self.runner, self)
        dialog = ImportProgressDialog(_("Making the archive") if new else _("Adding to the archive"),
                                      parent=self.parent_widget)
        job.progress.connect(dialog.show_progress)
        dialog.cancel_requested.connect(job.cancel)
        job.done.connect(lambda outcome: self._import_done(outcome, request, new))
        job.cancelled.connect(self._import_cancelled)
        job.failed.connect(self._import_failed)
        self.job, self.progress_dialog = job, dialog
        dialog.show()
        job.start()
        return True

    def cancel_import(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _import_done(self, outcome: Outcome, request: ImportRequest, new: bool) -> None:
        self._close_progress()
        report = outcome.value
        first = next(iter(report.added or report.updated), None)
        changes = outcome.changes
        if new:  # the new archive is opened: every pane switches to it, nothing else to refresh
            opened = archives.open_archive(self.parent_widget, self.ctx, request.folder)
            if opened is not None:
                self.archive_opened.emit(opened.value, first)
            changes = Changes()
        self.outcome.emit(Outcome(outcome.message, report, changes))
        self.show_report(report_text(report))

    def show_report(self, text: str) -> None:
        QMessageBox.information(self.parent_widget, _("Import finished"), text)

    def _import_cancelled(self) -> None:
        self._close_progress()
        self.outcome.emit(Outcome(_("Import cancelled: the archive is as it was."), None, Changes()))

    def _import_failed(self, exc: Exception) -> None:
        self._close_progress()
        show_error(self.parent_widget, exc, self.ctx.paths.log_file)

    # -- notes ---------------------------------------------------------------------------

    def export_notes(self) -> Outcome[int] | None:
        if not self._allowed(rules.export_reason(self.ctx.policy)):
            return None
        current = self.current()
        outcome = notes_commands.export_notes(self.parent_widget, self.ctx, current.archive, current.store,
                                              self.files, article=current.article,
                                              shown=current.shown_notes)
        return self._emit(outcome)

    def import_notes(self, path: Path | None = None) -> Outcome | None:
        current = self.current()
        return self._emit(notes_commands.import_notes(self.parent_widget, self.ctx, current.archive,
                                                      current.store, self.files, path))

    def make_pack(self) -> Outcome | None:
        if not self._allowed(rules.export_reason(self.ctx.policy)):
            return None
        current = self.current()
        try:
            choice = self.ask_pack_choice(self.parent_widget, current,
                                          notes_usecase.tags(current.store, current.archive))
            if choice is None:
                return None
            name = printing.suggested_name(choice.title, None, ".rrpack")
            path = self.files.save(self.parent_widget, _("Save study pack"), name,
                                   _("Study packs (*.rrpack)"), ".rrpack")
            if path is None:
                return None
            outcome = notes_usecase.make_pack(self.ctx, current.archive, current.store, path, choice.title,
                                              choice.description, choice.articles, choice.tag,
                                              with_notes=choice.with_notes)
        except Exception as exc:  # the one UI error path
            show_error(self.parent_widget, exc, self.ctx.paths.log_file)
            return None
        return self._emit(outcome)

    # -- printing ------------------------------------------------------------------------

    def print_article(self) -> bool:
        current = self.current()
        if not self._allowed(rules.print_reason(self.ctx.policy)) or current.article is None:
            return False
        try:
            article = printing.prepare_print(self.ctx, current.archive, current.article.id)
        except Exception as exc:  # a refusal by the policy is shown as written
            show_error(self.parent_widget, exc, self.ctx.paths.log_file)
            return False
        document = print_document(article, print_marks(current.marks), current.archive.asset)
        return print_with_dialog(self.parent_widget, document, article.meta.title)

    def export_pdf(self) -> Outcome[int] | None:
        current = self.current()
        refusal = rules.export_reason(self.ctx.policy) or rules.print_reason(self.ctx.policy)
        if not self._allowed(refusal) or current.article is None:
            return None
        meta = current.article.meta
        try:
            path = self.files.save(self.parent_widget, _("Export article as PDF"),
                                   printing.suggested_name(meta.title, meta.date), _("PDF (*.pdf)"), ".pdf")
            if path is None:
                return None
            marks = print_marks(current.marks)
            outcome = printing.export_article_pdf(self.ctx, current.archive, current.article.id, path,
                                                  article_pdf_writer(lambda _article: marks,
                                                                     current.archive.asset))
        except Exception as exc:  # the one UI error path
            show_error(self.parent_widget, exc, self.ctx.paths.log_file)
            return None
        return self._emit(outcome)

    def export_annotated(self) -> Outcome[int] | None:
        """Article → Export with notes…: one HTML file (or a PDF) with the shown layers' notes."""
        current = self.current()
        if not self._allowed(rules.export_reason(self.ctx.policy)) or current.article is None:
            return None
        meta = current.article.meta
        try:
            path = self.files.save(self.parent_widget, _("Export article with notes"),
                                   printing.suggested_name(_("{title} with notes")
                                                           .format(title=meta.title), meta.date, ".html"),
                                   _("Web page (*.html);;PDF (*.pdf)"), ".html")
            if path is None:
                return None
            fmt = "pdf" if path.suffix.lower() == ".pdf" else "html"
            outcome = annotated.export_annotated(self.ctx, current.archive, current.store, current.article.id,
                                                 fmt, path, current.creators, pdf_writer=export_pdf)
        except Exception as exc:  # the one UI error path
            show_error(self.parent_widget, exc, self.ctx.paths.log_file)
            return None
        return self._emit(outcome)

    def _allowed(self, refusal: str | None) -> bool:
        """A command the policy turns off (its menu item is greyed) only says why, if reached at all."""
        if refusal:
            self.outcome.emit(Outcome(refusal, None, Changes()))
        return refusal is None

    def _emit(self, outcome: Outcome | None) -> Outcome | None:
        if outcome is not None:
            self.outcome.emit(outcome)
        return outcome
