"""The article view: sanitized HTML in a QTextBrowser that loads nothing itself.

QTextBrowser would happily read ``file://`` paths and follow links; we turn
that off: ``loadResource`` serves only the archive's ``assets/``, every link
click comes to us (see ``links.py``) and back/forward use our own ``History``
(QTextBrowser's would call ``setSource``, which loads documents).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QImage, QImageReader, QKeyEvent, QKeySequence, QMouseEvent, QTextDocument
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.annotations import COLORS
from reader.core.archive import Archive, Article
from reader.core.i18n import N_, _
from reader.core.search.analysis import term_spans
from reader.ui.article.caret import CaretBrowsing
from reader.ui.article.findbar import FindBar
from reader.ui.article.history import History
from reader.ui.article.image import ImageDialog
from reader.ui.article.links import LinkKind, classify, link_menu
from reader.ui.article.page import THEMES, ArticlePage, resolve_theme
from reader.ui.article.typography import SIZE_MAX, SIZE_MIN, Typography

__all__ = ["THEMES", "ArticleView", "resolve_theme"]

log = logging.getLogger("reader.ui.article")

RECENT_ARTICLES = 8  # kept in memory for back/forward when no archive can re-read them
#: What a screen reader says of the article when it gets the focus: how to read and mark it.
ARTICLE_KEYS = N_("Arrows move the caret, Shift+arrows select, H highlights, N adds a note, "
                  "F7 turns the caret off")


class ArticleView(ArticlePage):
    """Shows one article of an archive; links become signals, nothing is ever loaded."""

    external_link = Signal(QUrl)  # an outside address the reader activated (never opened)
    article_link = Signal(str)  # another article of the archive, by id
    article_changed = Signal(str)  # the shown article is now this id (any cause)
    history_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Article"))
        self.setAccessibleDescription(_(ARTICLE_KEYS))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.article_id: str | None = None
        self._archive: Archive | None = None
        self._recent: dict[str, Article] = {}
        self._history = History()
        self._pointer: QPoint | None = None  # where a click that may activate a link happened
        self.find_bar = FindBar(self, self)  # the main window puts it in a layout under the view
        self.find_bar.hide()
        self._actions = self._make_actions()
        self.caret = CaretBrowsing(self, COLORS)
        self._actions["caret"] = self.caret.action
        self.anchorClicked.connect(self._on_anchor)
        self.history_changed.connect(self._sync_actions)
        self.size_changed.connect(self._sync_actions)
        self._sync_actions()

    def set_archive(self, archive: Archive | None) -> None:
        self._archive = archive
        self.language = archive.info.language if archive is not None else ""
        self._article = self.article_id = None
        self._recent.clear()
        self._history.clear()
        self._marks.clear()
        self.clear()
        self._after_render()
        self.history_changed.emit()

    def show_article(self, article: Article, highlight: set[str] | None = None) -> None:
        """Show ``article``; ``highlight`` (indexed stems) marks words, ``set()`` clears marks.

        Showing the article already shown keeps the reader's place and history
        (so a library selection echoing a back/forward step is harmless).
        """
        if self._article is not None and article.id == self._article.id:
            if article != self._article:
                self._article = article
                self._render(keep_place=True)
        else:
            self._leave()
            self._history.push(article.id)
            self._set_article(article)
            self.history_changed.emit()
        if highlight is not None:
            self._highlight(highlight)

    def clear_highlight(self) -> None:
        self.set_marks("term", [])

    def _set_article(self, article: Article, position: int = 0) -> None:
        """Render a different article at ``position``, then tell listeners."""
        self._article, self.article_id = article, article.id
        self._recent.pop(article.id, None)
        self._recent[article.id] = article
        while len(self._recent) > RECENT_ARTICLES:
            del self._recent[next(iter(self._recent))]
        self._marks.clear()
        self._render(keep_place=False)
        self._scroll_to(position)
        self.article_changed.emit(article.id)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Only relative ``assets/`` paths of the open archive; anything else gets a blank.

        Returning nothing is not enough: QTextDocument then falls back to reading
        local files (resolved against the working directory) and ``data:`` URLs
        itself.  A non-null empty value stops that fallback.
        """
        url = QUrl(url)
        data = None
        if self._archive is not None and url.isRelative() and not url.host():
            data = self._archive.asset(url.path())
        if data is not None:
            return QByteArray(data)
        log.debug("refused resource %s (kind %s)", url.toString()[:200], kind)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return QByteArray(b" ")

    def doSetSource(self, name: QUrl, _kind: QTextDocument.ResourceType) -> None:
        """QTextBrowser's own navigation would load ``name``: refused, always."""
        log.debug("refused setSource(%s)", name.toString()[:200])

    def _highlight(self, stems: set[str]) -> None:
        spans = term_spans(self.toPlainText(), stems)
        self.set_marks("term", spans)
        if spans:
            self.reveal(spans[0][0])

    def _on_anchor(self, url: QUrl) -> None:
        target = classify(url)
        if target.kind is LinkKind.FRAGMENT:
            if not self.jump_to_anchor(target.value):
                log.debug("no anchor %r in %s", target.value, self.article_id)
        elif target.kind is LinkKind.ARTICLE:
            self.article_link.emit(target.value)
        elif target.kind is LinkKind.IMAGE:
            self.show_image(target.value)
        else:
            self.external_link.emit(url)
            if self._pointer is not None:  # only for a real click or key press, not a program
                self.popup_menu(self.link_menu(url), self._pointer)

    def image_size(self, src: str) -> tuple[int, int] | None:
        """The natural size of an ``assets/`` image, read from its header only."""
        data = self._asset(src)
        if data is None:
            return None
        buffer = QBuffer()
        buffer.setData(QByteArray(data))  # the buffer owns a copy; the reader must not outlive it
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        size = QImageReader(buffer).size()
        buffer.close()
        return (size.width(), size.height()) if size.isValid() else None

    def _asset(self, src: str) -> bytes | None:
        url = QUrl(src)
        if self._archive is None or not url.isRelative() or url.host():
            return None
        return self._archive.asset(url.path())

    def show_image(self, src: str) -> ImageDialog | None:
        """The image ``src`` of the archive full size in a dialog (None if it cannot be read)."""
        data = self._asset(src)
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            log.debug("no image to show at %s", src[:200])
            return None
        dialog = ImageDialog(image, QUrl(src).fileName() or _("Image"), self.window())
        dialog.show()
        return dialog

    def link_menu(self, url: QUrl) -> QMenu:
        """The menu shown for an outside link (the address and "Copy link")."""
        return link_menu(url, self)

    def popup_menu(self, menu: QMenu, at: QPoint) -> None:
        """Non-blocking, so nothing waits on the menu (tests replace this method)."""
        menu.popup(at)

    def jump_to_anchor(self, name: str) -> bool:
        position = self._anchors.get(name)
        if position is not None:
            self.jump_to(position)
        return position is not None

    def jump_to(self, position: int) -> None:
        """Scroll to ``position`` in this article as a history step (Alt+Left comes back)."""
        if self.article_id is None:
            return
        self._leave()
        self._scroll_to(position)
        self._history.push(self.article_id, position)
        self.history_changed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pointer = event.globalPosition().toPoint()
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._pointer = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.find_bar.close_bar()
            return
        if event.key() == Qt.Key.Key_Escape and self.marks("term"):  # leaves the search's marks
            self.clear_highlight()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._pointer = self.viewport().mapToGlobal(self.cursorRect().bottomLeft())
        try:
            super().keyPressEvent(event)
        finally:
            self._pointer = None

    def can_go_back(self) -> bool:
        return self._history.can_go_back()

    def can_go_forward(self) -> bool:
        return self._history.can_go_forward()

    def go_back(self) -> bool:
        return self._step(-1)

    def go_forward(self) -> bool:
        return self._step(1)

    def backward(self) -> None:
        """QTextBrowser's Alt+Left handler: ours, never its source history."""
        self.go_back()

    def forward(self) -> None:
        self.go_forward()

    def _leave(self) -> None:
        if self.article_id is not None:
            self._history.update_position(self.top_position())

    def _step(self, step: int) -> bool:
        entry = self._history.peek(step)
        if entry is None:
            return False
        article = None
        if entry.article_id != self.article_id:
            article = self._load(entry.article_id)
            if article is None:
                return False
        self._leave()
        self._history.move(step)
        if article is not None:
            self._set_article(article, entry.position)
        else:
            self._scroll_to(entry.position)
        self.history_changed.emit()
        return True

    def _load(self, article_id: str) -> Article | None:
        if self._archive is not None:
            try:
                return self._archive.article(article_id)
            except Exception as exc:  # a vanished or broken file must not break navigation
                log.warning("cannot reopen %s: %s", article_id, exc)
        return self._recent.get(article_id)

    def actions(self) -> dict[str, QAction]:  # type: ignore[override]
        """The view's actions by name, for menus and toolbars.

        Shadows ``QWidget.actions()`` on purpose (``QWidget.actions(view)`` still
        gives the plain list); every one is also added to this widget, so its
        shortcut works whenever the view's window is active.
        """
        return dict(self._actions)

    def _make_actions(self) -> dict[str, QAction]:
        bar = self.find_bar
        specs = [
            ("zoom_in", _("Zoom &In"), ["Ctrl++", "Ctrl+="], self.zoom_in),
            ("zoom_out", _("Zoom &Out"), ["Ctrl+-"], self.zoom_out),
            ("reset_zoom", _("&Reset Zoom"), ["Ctrl+0"], self.reset_zoom),
            ("back", _("&Back"), ["Alt+Left"], self.go_back),
            ("forward", _("For&ward"), ["Alt+Right"], self.go_forward),
            ("find", _("&Find in Article…"), ["Ctrl+F"], bar.open),
            ("find_next", _("Find &Next"), ["F3"], bar.find_next),
            ("find_previous", _("Find &Previous"), ["Shift+F3"], bar.find_previous),
        ]
        made = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            shortcut = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)
            made[name] = action
        return made

    def _sync_actions(self) -> None:
        self._actions["back"].setEnabled(self.can_go_back())
        self._actions["forward"].setEnabled(self.can_go_forward())
        size = self.text_size()
        self._actions["zoom_in"].setEnabled(size < SIZE_MAX)
        self._actions["zoom_out"].setEnabled(size > SIZE_MIN)
        self._actions["reset_zoom"].setEnabled(size != Typography().size)


def _blank_image() -> QImage:
    """A 1×1 transparent stand-in for an image we refuse to load."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image
