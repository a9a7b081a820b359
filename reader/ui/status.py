"""The status bar's permanent part: the open archive's title and size, the index build, and
what could not be read."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from reader.core.archive import Archive
from reader.core.search import SearchIndex
from reader.ui.search_index import IndexKeeper, IndexProgress


class ArchiveStatus:
    def __init__(self, bar: QStatusBar, keeper: IndexKeeper) -> None:
        self.bar = bar
        self.label = QLabel()
        self.label.setAccessibleName("Archive summary")
        self.index_progress = IndexProgress(keeper)
        bar.addPermanentWidget(self.index_progress)
        bar.addPermanentWidget(self.label)
        keeper.ready.connect(self._on_index_ready)
        keeper.failed.connect(lambda exc: bar.showMessage(f"Search is unavailable: {exc}"))

    def _on_index_ready(self, index: SearchIndex) -> None:
        if index.notice:  # e.g. a damaged index was rebuilt
            self.bar.showMessage(index.notice, 10_000)
            index.notice = None

    def show_archive(self, archive: Archive, count: int) -> None:
        """``count`` articles shown in the library; unreadable files are named (the first three)."""
        self.label.setText(f"{archive.info.title} · {count} article{'s' if count != 1 else ''}")
        problems = archive.problems
        if problems:
            names = "; ".join(str(p) for p in problems[:3])
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            self.bar.showMessage(f"Some articles could not be read: {names}{more}")
