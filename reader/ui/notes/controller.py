"""Highlights and notes drawn on the article view, made from its selection.

The controller owns no widget of its own but the floating toolbar and the
editor: it listens to the view (``rendered``: anchor and redraw; selection:
show the toolbar; a click inside a highlight: open the editor) and changes the
store only through undoable commands.  Positions go through a
:class:`TextMap` (canonical offsets ↔ document positions, see ``mapping.py``),
rebuilt on every render, since a theme or zoom change rebuilds the document.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QTextCursor,
    QUndoStack,
)
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.annotations.anchor import make_selector
from reader.core.annotations.model import Annotation, utc_now
from reader.core.annotations.service import Anchored, Annotations
from reader.core.annotations.store import AnnotationStore
from reader.core.annotations.text import article_plain_text
from reader.core.archive import Archive, Article
from reader.core.export.citation import cite
from reader.core.i18n import _
from reader.ui.article.view import ArticleView
from reader.ui.notes import bookmarks, colors, margin
from reader.ui.notes.announcer import NotesAnnouncer
from reader.ui.notes.commands import AddCommand, DeleteCommand, EditCommand
from reader.ui.notes.editor import NoteEditor
from reader.ui.notes.highlight_menu import highlight_menu, is_menu_key
from reader.ui.notes.layers import CreatorTips, Layers
from reader.ui.notes.mapping import TextMap
from reader.ui.notes.selection import snap_to_words
from reader.ui.notes.toolbar import SelectionToolbar

LAYER = "notes"
FLASH_MS = 900
TOOLBAR_DELAY_MS = 120  # let a drag settle before the toolbar follows the selection


class NotesController(QObject):
    """Draws the shown article's annotations and edits them (H, N, click, toolbar, undo)."""

    #: The store changed, or the shown article (and so :meth:`rows`) did.
    annotations_changed = Signal()

    def __init__(self, view: ArticleView, store: AnnotationStore, archive: Archive, creator: str,
                 undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view, self.store, self.archive, self.creator = view, store, archive, creator
        self.archive_id = archive.info.id
        self.undo_stack = undo_stack
        self.service = Annotations(store, archive)
        self.last_color = "yellow"
        self.editor: NoteEditor | None = None
        self.menu: QMenu | None = None  # a highlight's context menu, while it is open
        self.exact = False  # the last mouse selection was made with Alt held: do not snap to words
        self.article_id: str | None = None
        self._article: Article | None = None  # what _canonical was computed from
        self._canonical = ""
        self._map: TextMap | None = None
        self._rows: list[Anchored] = []
        self._drawn: list[tuple[Annotation, int, int]] = []  # (annotation, document start, end)
        self._places: list[tuple[Annotation, int]] = []  # (bookmark, document position): not painted
        self._flash_id: str | None = None
        self._pending_flash: str | None = None
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._toolbar_timer = QTimer(self, singleShot=True, interval=TOOLBAR_DELAY_MS)
        self._toolbar_timer.timeout.connect(self._place_toolbar)
        self.toolbar = SelectionToolbar(view)
        self.toolbar.color_chosen.connect(self.highlight_selection)
        self.toolbar.note_requested.connect(self.note_selection)
        self.actions = self._make_actions()
        caret = getattr(view, "caret", None)
        if caret is not None:  # the colour keys 1-5 highlight a keyboard selection
            caret.highlight = self.highlight_selection
        self.layers = Layers(creator, self._draw)
        self.tips = CreatorTips(view.viewport(), lambda e: self.annotation_at(
            view.cursorForPosition(e.pos()).position()), self.layers)
        view.rendered.connect(self._on_rendered)
        view.selectionChanged.connect(lambda: self._toolbar_timer.start())
        view.verticalScrollBar().valueChanged.connect(lambda _value: self._toolbar_timer.start())
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)  # the Menu key sends its context menu to the view itself
        view.add_painter(self._paint_margin)
        self._on_rendered()
        self.announcer = NotesAnnouncer(self, self.annotations_changed, self)  # screen readers hear changes

    # -- public --------------------------------------------------------------------------

    def rows(self) -> list[Anchored]:
        """The shown article's annotations with where they were found (None: not placed)."""
        return list(self._rows)

    def set_creator(self, name: str) -> None:
        self.creator = self.layers.own = name
        self._draw()

    def set_archive(self, archive: Archive) -> None:
        """Another archive is open: its notes, none of the last one's."""
        self.archive, self.archive_id = archive, archive.info.id
        self.service = Annotations(self.store, archive)
        self._article = None
        self._on_rendered()
        self.annotations_changed.emit()

    def shown_creators(self) -> list[str] | None:
        """The creators whose layers are shown (None: every layer is)."""
        if not self.layers.hidden:
            return None
        return sorted({n.creator for n in self.store.all(self.archive_id) if self.layers.visible(n.creator)})

    def drawn_marks(self) -> list[tuple[int, int, str, str]]:
        """(document start, end, colour, style) of each highlight drawn now: what printing shows."""
        return [(start, end, note.color, note.style) for note, start, end in self._drawn]

    def highlight_selection(self, color: str | None = None) -> Annotation | None:
        """Highlight the selected words (in ``color``, else the last colour used)."""
        made = self._new_from_selection(color)
        if made is not None:
            self.undo_stack.push(AddCommand(self.store, made, self.refresh))
        return made

    def note_selection(self) -> None:
        """Open the editor for a note on the selection, or on the highlight under the cursor."""
        made = self._new_from_selection(None)
        if made is not None:
            self.open_editor(made, new=True)
            return
        hit = self.annotation_at(self.view.textCursor().position())
        if hit is not None:
            self.open_editor(hit)

    def open_editor(self, annotation: Annotation, new: bool = False) -> NoteEditor:
        if self.editor is not None:
            self.editor.close()
        editor = self.editor = NoteEditor(annotation, self.view, new=new)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._on_editor_accepted(editor, new))
        editor.delete_requested.connect(self.delete)
        editor.finished.connect(self._back_to_article)
        editor.destroyed.connect(lambda: setattr(self, "editor", None) if self.editor is editor else None)
        editor.open()
        self._place_beside(editor, annotation)
        editor.activateWindow()  # the keyboard goes to the note at once
        return editor

    def _back_to_article(self) -> None:
        """The editor closed: the keyboard returns to the article, where the reader was."""
        self.view.window().activateWindow()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_beside(self, editor: NoteEditor, annotation: Annotation) -> None:
        span = (self.span_of(annotation.id)
                or (self._map.to_document(annotation.start, annotation.end) if self._map else None))
        if span is None:
            cursor = self.view.textCursor()
            span = (cursor.selectionStart(), cursor.selectionEnd())
        viewport = self.view.viewport()
        top = viewport.mapToGlobal(self.view.cursorRect(margin.cursor_at(self.view, span[0])).topLeft())
        bottom = viewport.mapToGlobal(self.view.cursorRect(margin.cursor_at(self.view, span[1])).bottomLeft())
        editor.place_beside(top, bottom, self.view.screen() or QGuiApplication.primaryScreen())

    def delete(self, annotation_id: str) -> None:
        found = self.store.get(annotation_id)
        if found is not None:
            self.undo_stack.push(DeleteCommand(self.store, found, self.refresh))

    def annotation_at(self, position: int) -> Annotation | None:
        """The drawn annotation under a document position (the shortest if they overlap)."""
        hits = [(end - start, a) for a, start, end in self._drawn if start <= position < end]
        return min(hits, key=lambda hit: hit[0])[1] if hits else None

    def span_of(self, annotation_id: str) -> tuple[int, int] | None:
        """Document span where an annotation is drawn, or a bookmark's place (None: not here)."""
        places = ((a, s, s + 1) for a, s in self._places)
        return next(((s, e) for a, s, e in (*self._drawn, *places) if a.id == annotation_id), None)

    @property
    def canonical(self) -> str:
        return self._canonical

    @property
    def text_map(self) -> TextMap | None:
        return self._map

    def flash(self, annotation_id: str) -> bool:
        """Scroll to the passage and flash it; if not shown yet, do it after the next render."""
        span = self.span_of(annotation_id)
        if span is None:
            self._pending_flash = annotation_id
            return False
        self._pending_flash = None
        if not self._visible(span[0]):
            self.view.jump_to(span[0])  # a history step: Alt+Left goes back to where the reader was
        self._flash_id = annotation_id
        self._draw()
        self._flash_timer.start()
        return True

    # -- reacting to the view ------------------------------------------------------------

    def _on_rendered(self) -> None:
        article = self.view.article()
        self.toolbar.hide()
        if article is None:
            self.article_id, self._article, self._canonical, self._map, self._rows = None, None, "", None, []
            self._draw()
            self.annotations_changed.emit()
            return
        reload = article != self._article  # another article, or this one re-imported
        if reload:
            self.article_id, self._article = article.id, article
            self._canonical = article_plain_text(article)
        self._map = TextMap(self._canonical, self.view.toPlainText())
        if reload:
            self._rows = self.service.for_article(article)
        self._draw()
        if reload:
            self.annotations_changed.emit()
        pending, self._pending_flash = self._pending_flash, None  # only the next render's
        if pending is not None and self.span_of(pending) is not None:
            self.flash(pending)

    def refresh(self) -> None:
        """After a command or an import: re-anchor the shown article and tell listeners."""
        article = self.view.article()
        self._rows = self.service.for_article(article) if article is not None else []
        self._draw()
        self.annotations_changed.emit()

    def _draw(self) -> None:
        theme = self.view.theme()
        self._drawn, self._places = [], []
        for annotation, match in self._rows:
            if (match is None or self._map is None or match.state == "orphan"
                    or not self.layers.visible(annotation.creator)):
                continue
            span = self._map.to_document(match.start, match.end)
            if span is not None and annotation.is_bookmark:
                self._places.append((annotation, span[0]))
            elif span is not None:
                self._drawn.append((annotation, *span))
        formats = [self.layers.mark_format(a, theme, flash=a.id == self._flash_id)
                   for a, _s, _e in self._drawn]
        self.view.set_marks(LAYER, [(s, e) for _a, s, e in self._drawn], formats=formats)
        self.view.viewport().update()

    def _end_flash(self) -> None:
        self._flash_id = None
        self._draw()

    def _visible(self, position: int) -> bool:
        rect = self.view.cursorRect(margin.cursor_at(self.view, position))
        return rect.top() >= 0 and rect.bottom() <= self.view.viewport().height()

    def _paint_margin(self, painter: QPainter) -> None:
        margin.paint(self.view, self.view.theme(), painter, self._drawn, self._places)

    def _place_toolbar(self) -> None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection() or self._selection_span() is None:
            self.toolbar.hide()
            return
        start, end = QTextCursor(cursor), QTextCursor(cursor)
        start.setPosition(cursor.selectionStart())
        end.setPosition(cursor.selectionEnd())
        rect = self.view.cursorRect(start).united(self.view.cursorRect(end))
        viewport = self.view.viewport()
        if rect.bottom() < 0 or rect.top() > viewport.height():
            self.toolbar.hide()
            return
        rect.translate(viewport.mapTo(self.view, viewport.rect().topLeft()))
        self.toolbar.show_near(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click (not a drag, not on a link) inside a highlight opens its editor; right click
        (or the Menu key) on one opens its menu."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and watched is self.view
                and is_menu_key(event)):
            at = self.view.viewport().mapToGlobal(self.view.cursorRect().bottomLeft())
            return self.show_menu(self.view.textCursor().position(), at)
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
            position = (self.view.textCursor().position() if keyboard
                        else self.view.cursorForPosition(event.pos()).position())
            return self.show_menu(position, event.globalPos())
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self.exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton and watched is self.view.viewport()):
            point = event.position().toPoint()
            if not self.view.anchorAt(point):
                position = self.view.cursorForPosition(point).position()
                QTimer.singleShot(0, self, lambda: self._clicked(position))  # once the selection settled
        return False

    def show_menu(self, position: int, at: QPoint) -> bool:
        """The highlight's menu at ``at`` when ``position`` is in one; False when it is not."""
        hit = self.annotation_at(position)
        if hit is None:
            return False
        article = self.view.article()

        def recolour(colour: str) -> None:
            changed = replace(hit, color=colour, modified=utc_now())  # type: ignore[arg-type]
            self.undo_stack.push(EditCommand(self.store, hit, changed, self.refresh))

        def copy() -> None:
            QGuiApplication.clipboard().setText(cite(hit.quote, article.meta) if article else hit.quote)

        menu = highlight_menu(self.view, hit, recolour=recolour, edit=lambda: self.open_editor(hit),
                              copy=copy, delete=lambda: self.delete(hit.id))
        self.menu = menu
        menu.popup(at)
        return True

    def _clicked(self, position: int) -> None:
        if self.view.textCursor().hasSelection():
            return
        hit = self.annotation_at(position)
        if hit is not None:
            self.open_editor(hit)

    # -- making annotations --------------------------------------------------------------

    def _selection_span(self) -> tuple[int, int] | None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection() or self._map is None:
            return None
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if not self.exact:  # "…if socialis" becomes "…if socialism": whole words (Alt-drag: exact)
            start, end = snap_to_words(self.view.toPlainText(), start, end)
        return self._map.to_canonical(start, end)

    def _new_from_selection(self, color: str | None) -> Annotation | None:
        span = self._selection_span()
        if span is None or self.article_id is None:
            return None
        if color is not None:
            self.last_color = colors.known(color)
        selector = make_selector(self._canonical, *span)
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self.toolbar.hide()
        return Annotation.new(self.archive_id, self.article_id, selector, creator=self.creator,
                              color=self.last_color)  # type: ignore[arg-type]

    def _on_editor_accepted(self, editor: NoteEditor, new: bool) -> None:
        edited = editor.result_annotation()
        if new:
            self.last_color = edited.color
            self.undo_stack.push(AddCommand(self.store, edited, self.refresh))
        elif edited != editor.annotation:
            self.undo_stack.push(EditCommand(self.store, editor.annotation, edited, self.refresh))

    def _make_actions(self) -> dict[str, QAction]:
        """H, N (when the article has focus), undo and redo (anywhere in its window)."""
        made: dict[str, QAction] = {}
        specs = [("highlight", _("&Highlight Selection"), ["H"], self.highlight_selection, True),
                 ("note", _("Add &Note…"), ["N"], self.note_selection, True),
                 ("bookmark", _("Add &Bookmark…"), ["Ctrl+B"], lambda: bookmarks.add_bookmark(self), False)]
        for name, text, keys, slot, local in specs:
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            made[name] = action
            action.setShortcuts([QKeySequence(k) for k in keys])
            if local:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made["undo"] = self.undo_stack.createUndoAction(self, _("&Undo"))
        made["undo"].setShortcuts([QKeySequence("Ctrl+Z")])
        made["redo"] = self.undo_stack.createRedoAction(self, _("&Redo"))
        made["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for name, action in made.items():
            action.setObjectName(f"notes_{name}")
            QWidget.addAction(self.view, action)
        return made

