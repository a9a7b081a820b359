"""The status bar's permanent part: the open archive's title and size, the index build, and
what could not be read."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from reader.core.archive import Archive
from reader.core.i18n import _, ngettext
from reader.core.search import SearchIndex
from reader.ui.search_index import IndexKeeper, IndexProgress


class ArchiveStatus:
    def __init__(self, bar: QStatusBar, keeper: IndexKeeper) -> None:
        self.bar = bar
        self.label = QLabel()
        self.label.setAccessibleName(_("Archive summary"))
        self.index_progress = IndexProgress(keeper)
        bar.addPermanentWidget(self.index_progress)
        bar.addPermanentWidget(self.label)
        keeper.ready.connect(self._on_index_ready)
        keeper.failed.connect(lambda exc: bar.showMessage(_("Search is unavailable: {exc}").format(exc=exc)))

    def _on_index_ready(self, index: SearchIndex) -> None:
        if index.notice:  # e.g. a damaged index was rebuilt
            self.bar.showMessage(index.notice, 10_000)
            index.notice = None

    def show_archive(self, archive: Archive, count: int) -> None:
        """``count`` articles shown in the library; unreadable files are named (the first three)."""
        self.label.setText(ngettext("{title} · {count} article", "{title} · {count} articles", count)
                           .format(title=archive.info.title, count=count))
        problems = archive.problems
        if problems:
            names = "; ".join(str(p) for p in problems[:3])
            more = _(" (and {count} more)").format(count=len(problems) - 3) if len(problems) > 3 else ""
            self.bar.showMessage(_("Some articles could not be read: {names}{more}")
                                 .format(names=names, more=more))
