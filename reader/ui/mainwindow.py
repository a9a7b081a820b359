"""The main window: library and search on the left, the article on the right.

It wires the panes together and owns what is remembered between runs
(settings: geometry, theme, text, grouping; reading state: read marks,
favourites, last article and its scroll position).  Each pane stays ignorant
of the others and of persistence.  Commands run use cases
(:mod:`reader.core.usecases`); their change records come back through
:attr:`MainWindow.changed`, to which each pane listens for what concerns it,
and settings changes through :class:`SettingsSignals`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from reader import APP_NAME
from reader.core.annotations.search import search_notes, split_hit_id
from reader.core.archive import Archive
from reader.core.export.pack import load_reading_lists
from reader.core.i18n import _
from reader.core.state import ReadingState
from reader.core.usecases import AppContext, Outcome
from reader.core.usecases.archives import change_refusal
from reader.ui import menus, panes, placement, theme
from reader.ui.actions import ActionRegistry
from reader.ui.article.read_aloud import ReadAloud
from reader.ui.article.read_aloud_bar import ReadAloudBar
from reader.ui.article.view import THEMES, ArticleView, resolve_theme
from reader.ui.comfort import Comfort
from reader.ui.commands.current import Current
from reader.ui.dialogs import about
from reader.ui.dialogs.files import FileChooser
from reader.ui.dialogs.preferences import open_preferences
from reader.ui.dialogs.shortcuts import ShortcutsDialog, collect
from reader.ui.errors import show_error
from reader.ui.file_commands import FileCommands
from reader.ui.library.pane import LibraryPane
from reader.ui.notes.controller import NotesController
from reader.ui.notes.layers import fill_layers_menu
from reader.ui.notes.page_notes import PageNotesBar
from reader.ui.notes.panel import NotesPanel
from reader.ui.public import SessionBanner
from reader.ui.reading_tracker import ReadingTracker
from reader.ui.search.panel import SearchPanel
from reader.ui.search_index import IndexKeeper
from reader.ui.settings_binding import SettingsSignals, lock_controls
from reader.ui.status import ArchiveStatus
from reader.ui.tasks import TaskRunner

log = logging.getLogger("reader.ui")

THEME_CYCLE = ("light", "sepia", "dark", "contrast")


class MainWindow(QMainWindow):
    #: A use case changed something (a ``Changes`` record): each pane picks what concerns it.
    changed = Signal(object)

    def __init__(self, ctx: AppContext, archive: Archive, *, state: ReadingState | None = None,
                 files: FileChooser | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.archive = ctx, archive
        self.policy, self.paths, self.settings = ctx.policy, ctx.paths, ctx.settings
        self.ending_session = False  # set by PublicMode: this close is the end of a public session
        self.state = state or ctx.reading_state()
        self._log_file = self.log_file = self.paths.log_file
        self._archive_id = archive.info.id
        self.runner = TaskRunner(self)
        self.index_keeper = IndexKeeper(ctx, self.runner, self)
        self.settings_signals = SettingsSignals(self.settings, self)
        self.files = files or FileChooser(self.policy, self.settings)
        self.commands = FileCommands(self, ctx, self.files, self.runner, self.current)
        self._set_title()

        self._build_panes()
        self._build_actions()
        self._build_status()
        self._connect()
        self._restore()
        self._start_index()
        QTimer.singleShot(0, self.commands.groups, self.commands.groups.start)  # merge what the group added

    # -- building ------------------------------------------------------------------------

    def _build_panes(self) -> None:
        get = self.settings.get
        self.library_pane = LibraryPane(self.archive.articles(), grouping=get("library.group_by"),
                                        sort=get("library.sort"), descending=get("library.descending"))
        model = self.library_pane.model
        self.refresh_reading_lists()
        self.notes_store = self.ctx.notes_store()
        self.search_panel = SearchPanel(
            lambda: self.index_keeper.index, self.runner,
            notes_search=lambda text: search_notes(self.notes_store, self.archive, text))
        self.undo_stack = QUndoStack(self)

        self.article_view = ArticleView()
        self.comfort = Comfort(self.settings, self.article_view, self._apply_theme)
        self.article_view.set_archive(self.archive)
        self.reading = ReadingTracker(self.state, self._archive_id, model, self.article_view, self)
        self.notes = NotesController(self.article_view, self.notes_store, self.archive,
                                     self.ctx.creator, self.undo_stack)
        self.notes_panel = NotesPanel(self.notes)
        self.sidebar = panes.sidebar(self.library_pane, self.search_panel, self.notes_panel)
        self.session_banner: SessionBanner | None = None
        if self.policy.public_mode:
            self.session_banner = SessionBanner(self.policy)
            self.session_banner.export_requested.connect(self.export_notes)
        self.read_aloud = ReadAloud(self.article_view, self.settings,
                                    language=lambda: self.archive.info.language)
        self.page_notes = PageNotesBar(self.notes)  # notes on the whole article, above its text
        self.splitter = panes.central(self, self.sidebar, self.article_view, self.session_banner,
                                      ReadAloudBar(self.read_aloud), above=self.page_notes)
        self.toc_dock, self.toc = panes.contents_dock(self, self.article_view)
        panes.escape_goes_to(self.article_view, self.library_pane.view, self.notes_panel.list,
                             self.search_panel.results, self.toc)

    def _build_actions(self) -> None:
        """The commands of the menus (see :mod:`reader.ui.menus`), with the policy's switches."""
        self.actions_by_name = registry = ActionRegistry(self)
        commands, banner = self.commands, self.session_banner
        slots = {
            "open_archive": commands.open_archive, "new_archive": commands.new_archive,
            "add_to_archive": commands.add_to_archive, "export_notes": self.export_notes,
            "import_notes": self.import_notes, "make_pack": commands.make_pack,
            "print_article": commands.print_article, "export_pdf": commands.export_pdf,
            "export_annotated": commands.export_annotated, "join_group": commands.groups.join,
            "sync_group": commands.groups.sync, "leave_group": commands.groups.leave,
            "quit": self.close, "preferences": self.show_preferences, "search": self.focus_search,
            "library": self.focus_library, "filter": self.focus_library_filter, "notes": self.focus_notes,
            "article": self.article_view.setFocus, "favourite": self.toggle_favourite,
            "cycle_theme": self.cycle_theme, "shortcuts": self.show_shortcuts,
            "syntax": self.show_search_help, "about": self.show_about,
        }
        if banner is not None:
            slots["end_session"] = banner.end_requested.emit
        toc = self.toc_dock.toggleViewAction()
        menus.define(registry, slots, {**self.article_view.actions(), **self.notes.actions, "toc": toc,
                                       **self.read_aloud.actions})
        submenus = {"recent": self.commands.fill_recent, "layers": lambda menu: fill_layers_menu(
                        menu, self.notes.layers, self.notes_store.all(self.notes.archive_id)),
                    "theme": menus.theme_menu(self, registry, self.set_theme_setting),
                    "speech": self.read_aloud.fill_menu}
        hidden = ("quit",) if self.policy.fullscreen else ()  # a kiosk is left through End session only
        menus.build(self.menuBar(), registry, submenus, hidden)
        menus.apply_policy(registry, self.policy, unchangeable=change_refusal(self.archive))
        view_actions, pane = self.article_view.actions(), self.library_pane
        themes = [registry[f"theme_{key}"] for key, _label in menus.THEME_LABELS]
        lock_controls(self.settings, {
            "theme": [*themes, registry["cycle_theme"]],
            "text.size": [view_actions[name] for name in ("zoom_in", "zoom_out", "reset_zoom")],
            "library.group_by": [pane.group_combo], "library.sort": [pane.sort_combo],
            "library.descending": [pane.descending_button]})

    def _build_status(self) -> None:
        self.status = ArchiveStatus(self.statusBar(), self.index_keeper)
        self.archive_label, self.index_progress = self.status.label, self.status.index_progress
        self.status.show_archive(self.archive, self.library_pane.model.count())

    def _set_title(self) -> None:
        self.setWindowTitle(f"{self.archive.info.title} — {APP_NAME}")

    def _connect(self) -> None:
        self.library_pane.article_chosen.connect(self.open_article)
        self.library_pane.filter_edit.submitted.connect(self.article_view.setFocus)  # Enter: read it
        self.library_pane.favourite_toggled.connect(self._on_favourite_toggled)
        self.library_pane.grouping_changed.connect(lambda by: self.settings.offer("library.group_by", by))
        self.library_pane.sorting_changed.connect(self._on_sorting_changed)
        self.search_panel.open_hit.connect(self._on_open_hit)
        self.search_panel.field.textChanged.connect(lambda text: text or self.article_view.clear_highlight())
        self.notes_panel.open_annotation.connect(self._on_open_annotation)
        self.article_view.article_changed.connect(self._on_article_changed)
        self.article_view.article_link.connect(self.open_article)
        status = self.statusBar()
        not_opened = _("Not opened (offline reader): {address}")
        self.article_view.external_link.connect(
            lambda url: status.showMessage(not_opened.format(address=url.toString()), 10_000))
        # an empty link (the pointer left it) clears the message
        self.article_view.highlighted.connect(lambda url: status.showMessage(url.toString()))
        # A bound method, not a lambda: Qt drops the connection when this window is deleted.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._apply_theme)
        self.commands.outcome.connect(self._on_outcome)
        self.read_aloud.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.commands.archive_opened.connect(self.set_archive)
        self.index_keeper.ready.connect(lambda _index: self.search_panel.index_ready())
        # each pane refreshes itself from the change records and the settings it shows
        self.changed.connect(lambda c: self.notes.refresh() if c.notes else None)
        self.changed.connect(lambda c: self.refresh_reading_lists() if c.reading_lists else None)
        self.changed.connect(lambda c: self._reload_archive(c.articles) if c.articles and not c.archive
                             else None)
        on = self.settings_signals.on
        on("creator", lambda: self.notes.set_creator(self.ctx.creator))
        on("theme", self._apply_theme)
        on("text", self.comfort.apply)
        on("library", lambda: (self.library_pane.set_grouping(self.settings.get("library.group_by")),
                               self.library_pane.set_sorting(self.settings.get("library.sort"),
                                                             self.settings.get("library.descending"))))

    # -- state ---------------------------------------------------------------------------

    def _restore(self) -> None:
        get = self.settings.get
        placement.restore_layout(self, self.splitter, self.settings)
        self.library_pane.view.set_column_widths(get("window.library_columns"))
        self.comfort.apply()
        self._apply_theme()
        first = self.reading.last_article()
        # Restored once the window is shown at its size and the article is laid out.
        self._pending_scroll = self.reading.saved_scroll(first) if first else 0.0
        self.reading.starting = True
        if first:
            self.open_article(first)
        self.reading.starting = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_scroll:
            fraction, self._pending_scroll = self._pending_scroll, 0.0
            QTimer.singleShot(0, self, lambda: self.reading.restore_scroll(fraction))

    def _save(self) -> None:
        self.reading.stop()
        self.reading.remember_scroll()
        placement.save_layout(self, self.splitter, self.settings)
        self.settings.offer("window.library_columns", self.library_pane.view.column_widths())

    def closeEvent(self, event: QCloseEvent) -> None:
        banner = self.session_banner
        if (banner is not None or self.policy.fullscreen) and not self.ending_session \
                and not QGuiApplication.closingDown():
            event.ignore()  # public mode: PublicMode offers the export, then wipes; a kiosk never quits
            if banner is not None:
                banner.close_requested.emit()
            return
        self._save()
        self.commands.cancel_import()
        self.index_keeper.close()
        self.notes_store.close()
        super().closeEvent(event)

    # -- actions -------------------------------------------------------------------------

    def open_article(self, article_id: str, highlight: set[str] | None = None) -> None:
        if article_id == self.article_view.article_id and highlight is None:
            return
        self.reading.remember_scroll()
        try:
            self.article_view.show_article(self.archive.article(article_id), highlight=highlight)
        except Exception as exc:  # the one UI error path
            show_error(self, exc, self._log_file)

    def _show_tab(self, pane: QWidget, focus: QWidget) -> None:
        self.sidebar.setCurrentWidget(pane)
        focus.setFocus()

    def focus_search(self) -> None:
        self._show_tab(self.search_panel, self.search_panel.field)
        self.search_panel.focus_search()

    def focus_library(self) -> None:
        self._show_tab(self.library_pane, self.library_pane.view)

    def focus_notes(self) -> None:
        self._show_tab(self.notes_panel, self.notes_panel.list)
        self.notes_panel.focus_first()

    def focus_library_filter(self) -> None:
        self._show_tab(self.library_pane, self.library_pane.filter_edit)
        self.library_pane.filter_edit.selectAll()

    def toggle_favourite(self) -> None:
        if self.article_view.article_id:
            self._on_favourite_toggled(self.article_view.article_id)

    def set_theme_setting(self, value: str) -> None:
        if self.settings.offer("theme", value):
            self._apply_theme()

    def current(self) -> Current:
        """What is open now, for the File commands."""
        article = self.article_view.article()
        lists = [(r.title, r.articles) for r in load_reading_lists(self.paths.data, archive=self._archive_id)]
        chosen = self.library_pane.view.current_article_id() or (article.id if article else None)
        meta = self.library_pane.model.meta(chosen) if chosen else None
        selected = [(meta.id, meta.title)] if meta else []
        return Current(self.archive, self.notes_store, article, self.notes_panel.shown_notes(),
                       self.notes.drawn_marks(), selected, lists, self.notes.shown_creators())

    def export_notes(self) -> int:
        outcome = self.commands.export_notes()
        return outcome.value if outcome is not None else 0

    def import_notes(self, path: Path | None = None) -> Outcome | None:
        return self.commands.import_notes(path)

    def open_file(self, path: Path) -> Outcome | None:
        """A notes file or study pack given to the app (double-click, "Open with")."""
        return self.commands.import_notes(path)

    def set_archive(self, archive: Archive, show: str | None = None) -> None:
        """Another archive is open: every pane switches to it; ``show`` an article of it."""
        if archive is self.archive:
            return
        self.reading.remember_scroll()
        self.index_keeper.close()
        old, self.archive, self._archive_id = self.archive, archive, archive.info.id
        model = self.library_pane.model
        self.library_pane.set_articles(archive.articles())
        self.reading.switch(self._archive_id)
        self.refresh_reading_lists()
        self.article_view.set_archive(archive)
        self.notes.set_archive(archive)
        self.search_panel.reset()
        self._set_title()
        self.status.show_archive(archive, model.count())
        menus.allow_adding(self.actions_by_name, change_refusal(archive))
        old.close()
        first = show if show and model.meta(show) else self.reading.last_article()
        if first:
            self.open_article(first)
        self._start_index()

    def _reload_archive(self, changed: frozenset[str]) -> None:
        """Articles of the open archive were added or updated: read it again and show one of them."""
        current = self.article_view.article_id
        reopened = self.ctx.open_archive(self.archive.location)
        self.set_archive(reopened, show=next(iter(sorted(changed)), None) or current)

    def _on_outcome(self, outcome: Outcome) -> None:
        self.statusBar().showMessage(outcome.message, 10_000)
        if outcome.changes:
            self.changed.emit(outcome.changes)

    def refresh_reading_lists(self) -> None:
        lists = load_reading_lists(self.paths.data, archive=self._archive_id)
        self.library_pane.model.set_reading_lists((r.title, r.articles) for r in lists)

    def show_preferences(self) -> None:
        open_preferences(self, self.settings, self.comfort)  # stored changes reach the panes by signals

    def cycle_theme(self) -> None:
        current = self.article_view.theme()
        self.set_theme_setting(THEME_CYCLE[(THEME_CYCLE.index(current) + 1) % len(THEME_CYCLE)])

    def show_shortcuts(self) -> None:
        ShortcutsDialog(collect(self.menuBar()), self).exec()

    def show_search_help(self) -> None:
        self.focus_search()
        self.search_panel.help_button.setChecked(True)

    def show_about(self) -> None:
        about.show_about(self, self.archive.info, self.library_pane.model.count())

    # -- reactions -----------------------------------------------------------------------

    def _apply_theme(self, preview: object = None) -> None:
        """Show the stored theme, or a theme name Preferences previews (a system scheme change passes
        the scheme: the stored setting, perhaps "auto", is shown again)."""
        setting = preview if isinstance(preview, str) else self.settings.get("theme")
        self.article_view.set_theme(resolve_theme(setting))
        theme.apply_theme(self.article_view.theme())  # the panes, menus and status bar too
        action = self.actions_by_name.get(f"theme_{setting}") if hasattr(self, "actions_by_name") else None
        if action is not None:
            action.setChecked(True)
        assert self.article_view.theme() in THEMES

    def _on_article_changed(self, article_id: str) -> None:
        self.reading.shown(article_id)
        self.library_pane.select_article(article_id)

    def _on_open_hit(self, hit_id: str, terms: object) -> None:
        article_id, annotation_id = split_hit_id(hit_id)
        if annotation_id is not None:  # a hit in a note (in:notes): go to its passage
            self._on_open_annotation(article_id, annotation_id)
            return
        self.open_article(article_id, highlight=set(terms) if terms else set())  # type: ignore[call-overload]

    def _on_open_annotation(self, article_id: str, annotation_id: str) -> None:
        self.open_article(article_id)
        self.notes.flash(annotation_id)

    def _on_favourite_toggled(self, article_id: str) -> None:
        self.statusBar().showMessage(self.reading.toggle_favourite(article_id), 4000)

    def _on_sorting_changed(self, key: str, descending: bool) -> None:
        self.settings.offer("library.sort", key)
        self.settings.offer("library.descending", descending)

    # -- the search index ----------------------------------------------------------------

    def _start_index(self) -> None:
        self.index_keeper.start(self.archive)
