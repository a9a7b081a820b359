"""The search pane: type, see marked snippets, narrow by facets, open a hit.

Searches run through the shared :class:`TaskRunner` on channel ``"search"``: the
runner drops every result but the latest, and a generation counter here also
drops pages of a query the user has since replaced.  Errors show inline under
the field (never a dialog) and leave the last good results in place, so a query
that is briefly invalid while being typed (``year:20``) does not blank the list.
"""

from __future__ import annotations

import html
import itertools
import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations.search import is_notes_query
from reader.core.errors import ReaderError
from reader.core.i18n import N_, _
from reader.core.search import SearchIndex, SearchResult
from reader.ui.errors import message_for
from reader.ui.search.delegate import ResultsView
from reader.ui.search.facets import FacetPane
from reader.ui.search.help import SyntaxHelp
from reader.ui.search.model import ResultsModel, as_you_type, count_text, has_token, remove_token, run_search
from reader.ui.tasks import TaskRunner

log = logging.getLogger("reader.ui.search")

CHANNEL = "search"
FACETS_CHANNEL = "search-facets"
PLACEHOLDER = N_("Search the archive (Ctrl+K)")
PREPARING = N_("Preparing search…")
DEBOUNCE_MS = 150
#: Hits (with their snippets, the biggest cost of a search) fetched on a keystroke: about what
#: the pane shows; the rest of the page and the facets follow once typing pauses.
FIRST_ROWS = 8
#: That pause: typing on does not wait behind the rest (one worker thread).
FACETS_AFTER_MS = 250
PAGE_SIZE = 20
ERROR_STYLE = "color: #c62828;"


class SearchPanel(QWidget):
    """Search-as-you-type over the archive's index; emits the article to open."""

    #: (article id, terms to mark in it: ``SearchResult.terms``)
    open_hit = Signal(str, object)
    #: The :class:`SearchResult` now on screen (first page), e.g. for a status bar.
    result_shown = Signal(object)
    #: The result on screen with its facets (and the rest of its first page), once typing paused.
    counted = Signal(object)

    def __init__(self, index_provider: Callable[[], SearchIndex | None], runner: TaskRunner,
                 parent: QWidget | None = None, *, page_size: int = PAGE_SIZE,
                 debounce_ms: int = DEBOUNCE_MS,
                 notes_search: Callable[[str], SearchResult] | None = None) -> None:
        super().__init__(parent)
        self._provider, self._runner, self._page_size = index_provider, runner, page_size
        self._notes_search = notes_search  # in:notes — the reader's own notes (SQLite, fast)
        self._generation = 0  # bumped by every new query: pages of older ones are dropped
        self._pending = False
        self._shown: SearchResult | None = None
        self._shown_sort = "relevance"
        self._filters: list[str] = []  # facet filters this pane appended to the query
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self.search_now)
        self._facets_timer = QTimer(self, singleShot=True, interval=FACETS_AFTER_MS)
        self._facets_timer.timeout.connect(self._count_facets)
        self.counting = False  # the facets of the shown result are still to come
        self._build()
        if self._provider() is None:
            self.count_label.setText(_(PREPARING))

    def _build(self) -> None:
        self.field = QLineEdit(placeholderText=_(PLACEHOLDER), clearButtonEnabled=True,
                               accessibleName=_("Search"))
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(lambda: self.search_now(open_top=True))
        self.field.installEventFilter(self)
        self.help_button = QToolButton(text="?", toolTip=_("Search syntax"), checkable=True,
                                       accessibleName=_("Search syntax help"))
        self.help = SyntaxHelp()
        self.help_button.toggled.connect(self.help.setVisible)
        self.sort_combo = QComboBox(accessibleName=_("Sort results"))
        self.sort_combo.addItem(_("Best match"), "relevance")
        self.sort_combo.addItem(_("Newest first"), "date")
        self.sort_combo.currentIndexChanged.connect(self._on_sort_changed)
        self.count_label = QLabel(accessibleName=_("Result count"))
        self.suggestion_label = QLabel(visible=False, textFormat=Qt.TextFormat.RichText,
                                       accessibleName=_("Spelling suggestion"))
        self.suggestion_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.suggestion_label.linkActivated.connect(self._on_suggestion)
        self.message_label = QLabel(visible=False, wordWrap=True, textFormat=Qt.TextFormat.PlainText,
                                    accessibleName=_("Search message"))
        self.model = ResultsModel()
        self.results = ResultsView(self.model)
        self.results.activated.connect(self._on_activated)
        self.results.leave_top.connect(lambda: self.field.setFocus(Qt.FocusReason.TabFocusReason))
        self.results.reached_end.connect(self.load_more)
        self.more_button = QPushButton(_("More results"), visible=False, accessibleName=_("More results"))
        self.more_button.clicked.connect(self.load_more)
        self.facets = FacetPane()
        self.facets.chosen.connect(self.add_filter)
        self.facets.clear_requested.connect(self.clear_filters)

        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.help_button)
        status = QHBoxLayout()
        status.addWidget(self.count_label, 1)
        status.addWidget(self.sort_combo)
        results_box = QWidget()
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results, 1)
        results_layout.addWidget(self.more_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        self.splitter.addWidget(results_box)
        self.splitter.addWidget(self.facets)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for row in (top, status):
            layout.addLayout(row)
        for widget in (self.help, self.suggestion_label, self.message_label):
            layout.addWidget(widget)
        layout.addWidget(self.splitter, 1)
        chain = [self.field, self.help_button, self.sort_combo, self.suggestion_label, self.results,
                 self.more_button, *self.facets.focus_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.field)

    # -- public slots --------------------------------------------------------------------

    @Slot()
    def focus_search(self) -> None:
        """For the window's Ctrl+K: jump to the field with its text selected for replacing."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    @Slot()
    def index_ready(self) -> None:
        """The index finished building: run the search the user is waiting for."""
        if self._provider() is None:
            return
        if self.count_label.text() == _(PREPARING):
            self.count_label.clear()
        if self.field.text().strip():
            self.search_now()

    @Slot()
    def search_now(self, open_top: bool = False) -> None:
        """Search the field's text at once (Enter, a facet, a suggestion, the debounce)."""
        self._timer.stop()
        typed = self.field.text().strip()
        query = as_you_type(self.field.text()).strip()
        if not query:
            self._clear()
            return
        sort = str(self.sort_combo.currentData())
        shown = self._shown
        if (open_top and not self._pending and shown is not None and shown.query == query
                and self._shown_sort == sort):
            self._open_top(shown)  # Enter on what is already on screen: no need to ask again
            return
        if self._notes_search is not None and is_notes_query(query):
            self._generation += 1
            self._runner.cancel(CHANNEL)
            try:
                result = self._notes_search(query)
            except ReaderError as exc:
                self._on_error(exc, self._generation)
                return
            self._on_result(result, self._generation, sort, open_top)
            return
        index = self._provider()
        if index is None:  # index_ready() will search again
            self._runner.cancel(CHANNEL)
            self._pending = False
            self.count_label.setText(_(PREPARING))
            return
        self._generation += 1
        generation, limit = self._generation, min(self._page_size, FIRST_ROWS)
        self._pending = True
        self._update_more()
        self._facets_timer.stop()
        self._runner.cancel(FACETS_CHANNEL)
        self.counting = False
        self._runner.run(CHANNEL, lambda: run_search(index, query, typed if typed != query else None,
                                                     sort, limit, facets=False),
                         lambda result: self._on_result(result, generation, sort, open_top),
                         lambda exc: self._on_error(exc, generation))

    @Slot()
    def load_more(self) -> None:
        """Fetch the next page of the results on screen."""
        shown, index = self._shown, self._provider()
        if self._pending or shown is None or index is None or not self._has_more():
            return
        generation, offset, sort, limit = (self._generation, self.model.count(), self._shown_sort,
                                           self._page_size)
        self._pending = True
        self._update_more()
        self._runner.run(CHANNEL, lambda: index.search(shown.query, limit=limit, offset=offset,
                                                       sort=sort, facets=False),
                         lambda result: self._on_page(result, generation),
                         lambda exc: self._on_error(exc, generation))

    @Slot(str)
    def add_filter(self, token: str) -> None:
        """Narrow by a facet: the filter is appended to the query, in plain sight."""
        text = self.field.text()
        if has_token(text, token):
            return  # also absorbs the second signal of a click that both clicks and activates
        self._filters.append(token)
        self.field.setText(f"{as_you_type(text).rstrip()} {token}".lstrip())
        self.search_now()

    @Slot()
    def clear_filters(self) -> None:
        text = self.field.text()
        for token in self._filters:
            text = remove_token(text, token)
        self._filters = []
        self.field.setText(text)
        self.search_now()

    # -- reacting ------------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        self._filters = [token for token in self._filters if has_token(text, token)]
        self.facets.show_clear(bool(self._filters))
        if text.strip():
            self._timer.start()  # restarts: only a pause in typing searches
        else:
            self._clear()

    def _on_sort_changed(self) -> None:
        if self.field.text().strip():
            self.search_now()

    def _on_suggestion(self, _link: str) -> None:
        if self._shown is not None and self._shown.suggestion:
            self.field.setText(self._shown.suggestion)
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search_now()

    def _on_result(self, result: SearchResult, generation: int, sort: str, open_top: bool) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self._shown, self._shown_sort = result, sort
        self.model.set_hits(result.hits)
        self.results.scrollToTop()
        self.count_label.setText(count_text(result))
        if result.suggestion:
            self.suggestion_label.setText(
                _("Did you mean <a href=\"suggestion\">{escape}</a>?")
                .format(escape=html.escape(result.suggestion)))
        self.suggestion_label.setVisible(bool(result.suggestion))
        self._show_message(result.message, error=False)
        rest = len(result.hits) < min(self._page_size, result.total)
        if (rest or (result.total and not result.facets)) and not is_notes_query(result.query):
            # The facets follow once typing pauses; until then the last ones stay, greyed, so the
            # list does not jump at every keystroke.
            self.counting = True
            self.facets.set_counting(True)
            self._facets_timer.start()
        else:
            self.facets.set_facets(result.facets)
            self.facets.set_counting(False)
        self._update_more()
        self.result_shown.emit(result)
        if open_top:
            self._open_top(result)

    @Slot()
    def _count_facets(self) -> None:
        """Typing paused: the facets and the rest of the first page, merged in when ready."""
        shown, index = self._shown, self._provider()
        if shown is None or index is None:
            return
        generation, sort, offset = self._generation, self._shown_sort, len(shown.hits)
        limit = max(0, self._page_size - offset)
        self._runner.run(FACETS_CHANNEL,
                         lambda: index.search(shown.query, limit=limit, offset=offset, sort=sort),
                         lambda counted: self._on_counted(counted, generation),
                         lambda exc: self._on_error(exc, generation))

    def _on_counted(self, counted: SearchResult, generation: int) -> None:
        if generation != self._generation or self._shown is None:
            return
        self.counting = False
        self._shown = replace(self._shown, total=counted.total, total_is_estimate=counted.total_is_estimate,
                              facets=counted.facets)
        self.count_label.setText(count_text(self._shown))
        self.facets.set_facets(counted.facets)
        self.facets.set_counting(False)
        self.model.append_hits(counted.hits)  # skips any a "More results" click brought meanwhile
        self._update_more()
        self.counted.emit(self._shown)

    def _on_page(self, result: SearchResult, generation: int) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self.model.append_hits(result.hits)
        self._update_more()

    def _on_error(self, exc: Exception, generation: int) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self.counting = False
        if not isinstance(exc, ReaderError):
            log.error("search failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._show_message(message_for(exc), error=True)
        self._update_more()

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and self._shown is not None:
            self.open_hit.emit(self.model.hit_at(index.row()).id, self._shown.terms)

    def _open_top(self, result: SearchResult) -> None:
        if result.hits:
            self.open_hit.emit(result.hits[0].id, result.terms)

    def reset(self) -> None:
        """Another archive is open: no query, no results, until its index is ready."""
        blocked = self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(blocked)
        self._clear()

    def _clear(self) -> None:
        """Empty query: nothing still running may land afterwards."""
        self._timer.stop()
        self._facets_timer.stop()
        self._runner.cancel(CHANNEL)
        self._runner.cancel(FACETS_CHANNEL)
        self.counting = False
        self._generation += 1
        self._pending = False
        self._shown = None
        self.model.clear()
        self.facets.set_facets({})
        self.facets.set_counting(False)
        self.count_label.setText(_(PREPARING) if self._provider() is None else "")
        self.suggestion_label.setVisible(False)
        self._show_message(None, error=False)
        self._update_more()

    def _show_message(self, message: str | None, *, error: bool) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else "")
        self.message_label.setText(message or "")
        self.message_label.setVisible(bool(message))

    def _has_more(self) -> bool:
        return self._shown is not None and self.model.count() < self._shown.total

    def _update_more(self) -> None:
        self.more_button.setVisible(self._has_more())
        self.more_button.setEnabled(not self._pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the field enters the results; Esc clears the field."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down and self.model.count():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
        return super().eventFilter(watched, event)
