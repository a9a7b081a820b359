"""The main window: library and search on the left, the article on the right.

It wires the panes together and owns what is remembered between runs
(settings: geometry, theme, zoom, grouping; reading state: read marks,
favourites, last article and its scroll position).  Each pane stays ignorant
of the others and of persistence.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.core import paths as pathsmod
from reader.core.annotations.search import search_notes, split_hit_id
from reader.core.annotations.store import AnnotationStore
from reader.core.archive import Archive
from reader.core.export.pack import load_reading_lists
from reader.core.policy import Policy
from reader.core.search import SearchIndex
from reader.core.search.indexer import Cancelled
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.ui import menus, placement, public, theme
from reader.ui.article import place
from reader.ui.article.toc import TocView
from reader.ui.article.view import THEMES, ArticleView, resolve_theme
from reader.ui.dialogs.preferences import open_preferences
from reader.ui.dialogs.shortcuts import ShortcutsDialog, collect
from reader.ui.errors import show_error
from reader.ui.library.pane import LibraryPane
from reader.ui.notes.controller import NotesController
from reader.ui.notes.panel import NotesPanel
from reader.ui.public import SessionBanner
from reader.ui.search.panel import SearchPanel
from reader.ui.tasks import TaskRunner

log = logging.getLogger("reader.ui")

THEME_CYCLE = ("light", "sepia", "dark")
#: The article shown at start-up counts as read once it stays this long (or is scrolled).
READ_AFTER_MS = 20_000


class _Progress(QObject):
    """Carries index-build progress from the worker thread to the GUI thread."""

    changed = Signal(int, int)


class MainWindow(QMainWindow):
    def __init__(self, archive: Archive, log_file: Path | None = None, *,
                 paths: pathsmod.Paths | None = None, settings: Settings | None = None,
                 state: ReadingState | None = None, policy: Policy | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.policy = policy or Policy()
        self.ending_session = False  # set by PublicMode: this close is the end of a public session
        self.paths = paths or pathsmod.resolve()
        self.settings = settings or Settings.in_dir(self.paths.config)
        self.state = state or ReadingState.in_dir(self.paths.data)
        self._log_file = self.log_file = log_file
        self._archive_id = archive.info.id
        self._index: SearchIndex | None = None
        self._closing = threading.Event()  # stops an index build when the window closes
        self.runner = TaskRunner(self)
        self.setWindowTitle(f"{archive.info.title} — {APP_NAME}")

        self._build_panes()
        self.actions_by_name = menus.build(self)
        self._build_status()
        self._connect()
        self._restore()
        self._start_index()

    # -- building ------------------------------------------------------------------------

    def _build_panes(self) -> None:
        get = self.settings.get
        self.library_pane = LibraryPane(self.archive.articles(), grouping=get("library.group_by"),
                                        sort=get("library.sort"), descending=get("library.descending"))
        model = self.library_pane.model
        model.set_read(self.state.read_ids(self._archive_id))
        model.set_favourites(self.state.favourites(self._archive_id))
        model.set_recent(self.state.recent(self._archive_id))
        self.refresh_reading_lists()
        self.notes_store = AnnotationStore.in_dir(self.paths.data)
        self.search_panel = SearchPanel(
            lambda: self._index, self.runner,
            notes_search=lambda text: search_notes(self.notes_store, self.archive, text))
        self.undo_stack = QUndoStack(self)
        self.sidebar = QTabWidget()
        self.sidebar.setAccessibleName("Library, search and notes")
        self.sidebar.addTab(self.library_pane, "Library")
        self.sidebar.addTab(self.search_panel, "Search")
        self.sidebar.tabBar().setAccessibleName("Choose library, search or notes")

        self.article_view = ArticleView()
        self.article_view.set_archive(self.archive)
        self.notes = NotesController(self.article_view, self.notes_store, self.archive,
                                     self.settings.get("creator"), self.undo_stack)
        self.notes_panel = NotesPanel(self.notes)
        self.sidebar.addTab(self.notes_panel, "Notes")
        article_area = QWidget()
        layout = QVBoxLayout(article_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.article_view, 1)
        layout.addWidget(self.article_view.find_bar)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(article_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([430, 850])
        self.session_banner: SessionBanner | None = None
        if self.policy.public_mode:
            self.session_banner = SessionBanner(self.policy)
            self.session_banner.export_requested.connect(self.export_notes)
            central = QWidget()
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self.session_banner)
            column.addWidget(self.splitter, 1)
            self.setCentralWidget(central)
        else:
            self.setCentralWidget(self.splitter)

        self.toc = TocView(self.article_view)
        self.toc_dock = QDockWidget("Contents")
        self.toc_dock.setObjectName("toc")
        self.toc_dock.setWidget(self.toc)
        self.toc_dock.setAccessibleName("Table of contents")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.toc_dock)
        self.toc_dock.hide()

    def _build_status(self) -> None:
        count = self.library_pane.model.count()
        noun = "article" if count == 1 else "articles"
        self.archive_label = QLabel(f"{self.archive.info.title} · {count} {noun}")
        self.archive_label.setAccessibleName("Archive summary")
        self.index_progress = QProgressBar()
        self.index_progress.setAccessibleName("Search index progress")
        self.index_progress.setMaximumWidth(220)
        self.index_progress.setFormat("Indexing %v/%m")
        self.index_progress.hide()
        self.statusBar().addPermanentWidget(self.index_progress)
        self.statusBar().addPermanentWidget(self.archive_label)
        if self.archive.problems:
            names = "; ".join(str(p) for p in self.archive.problems[:3])
            more = f" (and {len(self.archive.problems) - 3} more)" if len(self.archive.problems) > 3 else ""
            self.statusBar().showMessage(f"Some articles could not be read: {names}{more}")

    def _connect(self) -> None:
        self.library_pane.article_chosen.connect(self.open_article)
        self.library_pane.favourite_toggled.connect(self._on_favourite_toggled)
        self.library_pane.grouping_changed.connect(lambda by: self.settings.offer("library.group_by", by))
        self.library_pane.sorting_changed.connect(self._on_sorting_changed)
        self.search_panel.open_hit.connect(self._on_open_hit)
        self.search_panel.field.textChanged.connect(lambda text: text or self.article_view.clear_highlight())
        self.notes_panel.open_annotation.connect(self._on_open_annotation)
        self.article_view.article_changed.connect(self._on_article_changed)
        self.article_view.article_link.connect(self.open_article)
        self.article_view.external_link.connect(self._on_external_link)
        self.article_view.highlighted.connect(self._on_hover_link)
        self.article_view.zoom_changed.connect(lambda level: self.settings.offer("zoom", level))
        # A bound method, not a lambda: Qt drops the connection when this window is deleted.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._apply_theme)

    # -- state ---------------------------------------------------------------------------

    def _restore(self) -> None:
        get = self.settings.get
        area = placement.available(self)
        if get("window.geometry"):
            self.restoreGeometry(QByteArray.fromBase64(get("window.geometry").encode()))
            if not area.contains(self.geometry()):  # saved on a bigger screen
                self.setGeometry(placement.clamped(self.geometry(), area))
        else:
            self.setGeometry(placement.first_geometry(area))
        if get("window.state"):
            self.restoreState(QByteArray.fromBase64(get("window.state").encode()))
        if get("window.splitter"):
            self.splitter.restoreState(QByteArray.fromBase64(get("window.splitter").encode()))
        self.library_pane.view.set_column_widths(get("window.library_columns"))
        self.article_view.set_zoom_level(get("zoom"))
        self._apply_theme()
        model = self.library_pane.model
        last = self.state.last_article(self._archive_id)
        first = last if last and model.meta(last) else model.first_article_id()
        self._unread_start: str | None = None  # shown at start-up, not (yet) chosen or read
        self._read_timer = QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self._read_timer.timeout.connect(lambda: self._unread_start and self._count_read(self._unread_start))
        # Restored once the window is shown at its size and the article is laid out.
        self._pending_scroll = self.state.scroll(self._archive_id, first) if first else 0.0
        self._starting = True
        if first:
            self.open_article(first)
        self._starting = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_scroll:
            fraction, self._pending_scroll = self._pending_scroll, 0.0
            QTimer.singleShot(0, self, lambda: self._set_scroll_fraction(fraction))

    def _save(self) -> None:
        self._read_timer.stop()
        self._remember_scroll()
        for name, blob in (("window.geometry", self.saveGeometry()), ("window.state", self.saveState()),
                           ("window.splitter", self.splitter.saveState())):
            self.settings.offer(name, bytes(blob.toBase64().data()).decode())
        self.settings.offer("window.library_columns", self.library_pane.view.column_widths())

    def _scroll_fraction(self) -> float:
        return place.scroll_fraction(self.article_view)

    def _set_scroll_fraction(self, fraction: float) -> None:
        place.set_scroll_fraction(self.article_view, fraction)

    def _remember_scroll(self) -> None:
        current = self.article_view.article_id
        if current:
            fraction = self._scroll_fraction()
            if fraction and current == self._unread_start:  # scrolling the start-up article is reading it
                self._count_read(current)
            self.state.set_scroll(self._archive_id, current, fraction)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.policy.fullscreen and not self.ending_session and not QGuiApplication.closingDown():
            event.ignore()  # a kiosk is left through End session, never by closing the window
            if self.session_banner is not None:
                self.session_banner.end_requested.emit()
            return
        self._closing.set()
        self._save()
        self.runner.cancel("search")
        self.runner.cancel("index")
        self.runner.wait()
        if self._index is not None:
            self._index.close()
            self._index = None
        self.notes_store.close()
        super().closeEvent(event)

    # -- actions -------------------------------------------------------------------------

    def open_article(self, article_id: str, highlight: set[str] | None = None) -> None:
        if article_id == self.article_view.article_id and highlight is None:
            return
        self._remember_scroll()
        try:
            self.article_view.show_article(self.archive.article(article_id), highlight=highlight)
        except Exception as exc:  # the one UI error path
            show_error(self, exc, self._log_file)

    def focus_search(self) -> None:
        self.sidebar.setCurrentWidget(self.search_panel)
        self.search_panel.focus_search()

    def focus_library(self) -> None:
        self.sidebar.setCurrentWidget(self.library_pane)
        self.library_pane.view.setFocus()

    def focus_notes(self) -> None:
        self.sidebar.setCurrentWidget(self.notes_panel)
        self.notes_panel.setFocus()

    def focus_library_filter(self) -> None:
        self.sidebar.setCurrentWidget(self.library_pane)
        self.library_pane.filter_edit.setFocus()
        self.library_pane.filter_edit.selectAll()

    def toggle_favourite(self) -> None:
        if self.article_view.article_id:
            self._on_favourite_toggled(self.article_view.article_id)

    def set_theme_setting(self, value: str) -> None:
        if self.settings.offer("theme", value):
            self._apply_theme()

    def export_notes(self) -> int:
        return public.export_notes(self)

    def import_notes(self) -> object:
        return public.import_notes(self)

    def open_file(self, path: Path) -> object:
        return public.open_file(self, path)

    def refresh_reading_lists(self) -> None:
        lists = load_reading_lists(self.paths.data)
        self.library_pane.model.set_reading_lists((r.title, r.articles) for r in lists
                                                  if r.archive == self._archive_id)

    def show_preferences(self) -> None:
        if open_preferences(self, self.settings):
            self._apply_theme()
            self.article_view.set_zoom_level(self.settings.get("zoom"))

    def cycle_theme(self) -> None:
        current = self.article_view.theme()
        self.set_theme_setting(THEME_CYCLE[(THEME_CYCLE.index(current) + 1) % len(THEME_CYCLE)])

    def show_shortcuts(self) -> None:
        extra = [("Library", "Toggle favourite", "F"),
                 ("Find bar", "Next / previous match", "Enter / Shift+Enter"),
                 ("Search and filter fields", "Clear", "Esc")]
        ShortcutsDialog(collect(self.menuBar(), extra), self).exec()

    def show_search_help(self) -> None:
        self.focus_search()
        self.search_panel.help_button.setChecked(True)

    def show_about(self) -> None:
        info = self.archive.info
        version = f" (version {info.version})" if info.version else ""
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3><p>An offline reader for archives of "
                          f"articles.</p><p>Archive: <b>{info.title}</b>{version}<br>"
                          f"{self.library_pane.model.count()} articles</p>")

    # -- reactions -----------------------------------------------------------------------

    def _apply_theme(self) -> None:
        setting = self.settings.get("theme")
        self.article_view.set_theme(resolve_theme(setting))
        theme.apply_theme(self.article_view.theme())  # the panes, menus and status bar too
        action = self.actions_by_name.get(f"theme_{setting}") if hasattr(self, "actions_by_name") else None
        if action is not None:
            action.setChecked(True)
        assert self.article_view.theme() in THEMES

    def _on_article_changed(self, article_id: str) -> None:
        self._unread_start = None
        if self._starting:  # shown at start-up, not chosen by the reader
            if not self.library_pane.model.is_read(article_id):
                self._unread_start = article_id  # read once the reader stays with it or scrolls it
                self._read_timer.start()
        else:
            self._count_read(article_id)
        self.library_pane.select_article(article_id)

    def _count_read(self, article_id: str) -> None:
        self._unread_start = None
        self.state.mark_read(self._archive_id, article_id, 0.0)
        model = self.library_pane.model
        model.mark_read(article_id)
        model.add_recent(article_id)

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
        now = self.state.toggle_favourite(self._archive_id, article_id)
        self.library_pane.model.set_favourites(self.state.favourites(self._archive_id))
        title = meta.title if (meta := self.library_pane.model.meta(article_id)) else article_id
        self.statusBar().showMessage(f"{'Added to' if now else 'Removed from'} favourites: {title}", 4000)

    def _on_sorting_changed(self, key: str, descending: bool) -> None:
        self.settings.set("library.sort", key)
        self.settings.set("library.descending", descending)

    def _on_external_link(self, url: QUrl) -> None:
        self.statusBar().showMessage(f"Not opened (offline reader): {url.toString()}", 10_000)

    def _on_hover_link(self, url: QUrl) -> None:
        if url.isEmpty():
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(url.toString())

    # -- the search index ----------------------------------------------------------------

    def _start_index(self) -> None:
        progress = _Progress(self)
        progress.changed.connect(self._on_index_progress)
        archive, paths, closing = self.archive, self.paths, self._closing

        def report(done: int, total: int) -> None:  # runs on the worker thread
            if closing.is_set():
                raise Cancelled
            progress.changed.emit(done, total)

        self.runner.run("index", lambda: SearchIndex.open(archive, paths, progress=report),
                        self._on_index_ready, self._on_index_failed)

    def _on_index_progress(self, done: int, total: int) -> None:
        self.index_progress.setMaximum(total)
        self.index_progress.setValue(done)
        self.index_progress.setVisible(done < total)

    def _on_index_ready(self, index: SearchIndex) -> None:
        self._index = index
        self.index_progress.hide()
        if index.notice:
            self.statusBar().showMessage(index.notice, 10_000)
            index.notice = None
        self.search_panel.index_ready()

    def _on_index_failed(self, exc: Exception) -> None:
        self.index_progress.hide()
        log.error("search index unavailable", exc_info=exc)
        self.statusBar().showMessage(f"Search is unavailable: {exc}")
