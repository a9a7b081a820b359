"""The main window: library pane | article view."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from reader import APP_NAME
from reader.core.archive import Archive
from reader.ui.article.view import ArticleView
from reader.ui.errors import show_error
from reader.ui.library.model import ArticleListModel
from reader.ui.library.view import LibraryView

log = logging.getLogger("reader.ui")


class MainWindow(QMainWindow):
    def __init__(self, archive: Archive, log_file: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self._log_file = log_file
        self.setWindowTitle(f"{archive.info.title} — {APP_NAME}")
        self.resize(1200, 800)

        self.library_model = ArticleListModel(archive.articles())
        self.library = LibraryView(self.library_model)
        self.article_view = ArticleView()
        self.article_view.set_archive(archive)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.article_view)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([340, 860])
        self.setCentralWidget(self.splitter)

        self.library.article_chosen.connect(self.open_article)
        self.article_view.external_link.connect(self._on_external_link)
        self._build_menus()
        self._build_status()
        if archive.problems:
            names = "; ".join(str(p) for p in archive.problems[:3])
            more = f" (and {len(archive.problems) - 3} more)" if len(archive.problems) > 3 else ""
            self.statusBar().showMessage(f"Some articles could not be read: {names}{more}")
        if self.library_model.count():
            self.library.select_article(self.library_model.article_at(0).id)

    def open_article(self, article_id: str) -> None:
        try:
            self.article_view.show_article(self.archive.article(article_id))
        except Exception as exc:  # the one UI error path
            show_error(self, exc, self._log_file)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def _build_status(self) -> None:
        count = self.library_model.count()
        noun = "article" if count == 1 else "articles"
        self.archive_label = QLabel(f"{self.archive.info.title} · {count} {noun}")
        self.archive_label.setAccessibleName("Archive summary")
        self.statusBar().addPermanentWidget(self.archive_label)

    def _on_external_link(self, url: QUrl) -> None:
        """External links are never loaded; the address goes to the status bar and clipboard."""
        text = url.toString()
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Not opened (offline reader). Link copied: {text}", 10_000)
