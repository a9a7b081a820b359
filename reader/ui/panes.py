"""How the window's panes are laid out: the sidebar's tabs, the article with its find bar, the
public-session banner above both, and the contents dock.  Only arrangement lives here; the
window wires the panes together."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from reader.core.i18n import _
from reader.ui.article.toc import TocView
from reader.ui.article.view import ArticleView


def sidebar(library: QWidget, search: QWidget, notes: QWidget) -> QTabWidget:
    tabs = QTabWidget()
    tabs.setAccessibleName(_("Library, search and notes"))
    tabs.addTab(library, _("Library"))
    tabs.addTab(search, _("Search"))
    tabs.addTab(notes, _("Notes"))
    tabs.tabBar().setAccessibleName(_("Choose library, search or notes"))
    tabs.tabBar().setAccessibleDescription(_("Ctrl+Shift+L: library, Ctrl+K: search, Ctrl+Shift+N: notes"))
    return tabs


def _column(*widgets: QWidget) -> QWidget:
    """Widgets stacked top to bottom without margins (the caller says which one stretches)."""
    area = QWidget()
    layout = QVBoxLayout(area)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    return area


def central(window: QMainWindow, side: QWidget, view: ArticleView, banner: QWidget | None,
            *below: QWidget, above: QWidget | None = None) -> QSplitter:
    """Sidebar | article (``above`` it the page notes; under it the bars ``below``, then its find bar),
    under the session banner in public mode."""
    article_area = _column(*([above] if above is not None else []), view, *below, view.find_bar)
    article_area.layout().setStretch(0 if above is None else 1, 1)
    splitter = QSplitter()
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(side)
    splitter.addWidget(article_area)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 3)
    splitter.setSizes([430, 850])
    if banner is None:
        window.setCentralWidget(splitter)
    else:
        column = _column(banner, splitter)
        column.layout().setStretch(1, 1)
        window.setCentralWidget(column)
    return splitter


def contents_dock(window: QMainWindow, view: ArticleView) -> tuple[QDockWidget, TocView]:
    toc = TocView(view)
    dock = QDockWidget(_("Contents"))
    dock.setObjectName("toc")
    dock.setWidget(toc)
    dock.setAccessibleName(_("Table of contents"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    toggle = dock.toggleViewAction()  # View → Table of contents: showing it puts the keyboard there
    toggle.setText(_("Table of &contents"))
    toggle.setShortcut("Ctrl+Shift+C")
    toggle.triggered.connect(lambda shown: toc.setFocus() if shown else view.setFocus())
    return dock, toc


class _EscapeToArticle(QObject):
    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.target = target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False


def escape_goes_to(target: QWidget, *panes: QWidget) -> None:
    """Escape in any of ``panes`` (the lists of the sidebar and the contents) returns to the article."""
    keeper = _EscapeToArticle(target)
    for pane in panes:
        pane.installEventFilter(keeper)
