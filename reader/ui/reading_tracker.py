"""What the reader has read, where they stopped, and their favourites, for the open archive.

The library pane shows it (bold unread titles, "Recently read", favourites);
the reading state (SQLite) keeps it between runs.  The article shown at
start-up counts as read only once the reader scrolls it or stays with it for
a while; an article the reader opens counts at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from reader.core.i18n import _
from reader.core.state import ReadingState
from reader.ui.article import place
from reader.ui.article.view import ArticleView
from reader.ui.library.model import LibraryModel

READ_AFTER_MS = 20_000


class ReadingTracker(QObject):
    def __init__(self, state: ReadingState, archive_id: str, model: LibraryModel, view: ArticleView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state, self.model, self.view = state, model, view
        self.unread_start: str | None = None  # shown at start-up, not (yet) chosen or read
        self.starting = False  # set while the window opens its first article
        self._timer = QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self._timer.timeout.connect(lambda: self.unread_start and self.count_read(self.unread_start))
        self.switch(archive_id)

    def switch(self, archive_id: str) -> None:
        """Another archive is open: show its read marks, favourites and recent list."""
        self._timer.stop()
        self.unread_start = None
        self.archive_id = archive_id
        self.model.set_read(self.state.read_ids(archive_id))
        self.model.set_favourites(self.state.favourites(archive_id))
        self.model.set_recent(self.state.recent(archive_id))

    def last_article(self) -> str | None:
        """The article to show first: the last one read, if it is still there."""
        last = self.state.last_article(self.archive_id)
        return last if last and self.model.meta(last) else self.model.first_article_id()

    def saved_scroll(self, article_id: str) -> float:
        return self.state.scroll(self.archive_id, article_id)

    def shown(self, article_id: str) -> None:
        """An article is on screen (at start-up, or because the reader chose it)."""
        self.unread_start = None
        if self.starting:
            if not self.model.is_read(article_id):
                self.unread_start = article_id  # read once the reader stays with it or scrolls it
                self._timer.start()
        else:
            self.count_read(article_id)

    def count_read(self, article_id: str) -> None:
        self.unread_start = None
        self.state.mark_read(self.archive_id, article_id, 0.0)
        self.model.mark_read(article_id)
        self.model.add_recent(article_id)

    def remember_scroll(self) -> None:
        current = self.view.article_id
        if current:
            fraction = place.scroll_fraction(self.view)
            if fraction and current == self.unread_start:  # scrolling the start-up article is reading it
                self.count_read(current)
            self.state.set_scroll(self.archive_id, current, fraction)

    def restore_scroll(self, fraction: float) -> None:
        place.set_scroll_fraction(self.view, fraction)

    def toggle_favourite(self, article_id: str) -> str:
        """Returns what happened, for the status bar ("Added to favourites: …")."""
        now = self.state.toggle_favourite(self.archive_id, article_id)
        self.model.set_favourites(self.state.favourites(self.archive_id))
        title = meta.title if (meta := self.model.meta(article_id)) else article_id
        message = _("Added to favourites: {title}") if now else _("Removed from favourites: {title}")
        return message.format(title=title)

    def stop(self) -> None:
        self._timer.stop()
