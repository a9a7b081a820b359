"""Starting the GUI: paths, logging, the QApplication and the main window."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__
from reader.core import log as logsetup
from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.errors import ReaderError
from reader.core.resources import bundled_archive

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.ui.mainwindow import MainWindow


def create_window(args: argparse.Namespace) -> tuple[QApplication, MainWindow]:
    """Everything ``run_gui`` does short of the event loop (screenshots reuse it)."""
    from PySide6.QtWidgets import QApplication

    from reader.ui.errors import install_excepthook
    from reader.ui.mainwindow import MainWindow

    paths = pathsmod.resolve(args.data_dir).ensure()
    logsetup.setup(paths, verbose=args.verbose)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_excepthook(paths.log_file)
    archive = open_archive(args.archive or bundled_archive(), catalog_dir=paths.cache)
    window = MainWindow(archive, log_file=paths.log_file, paths=paths)
    return app, window


def run_gui(args: argparse.Namespace) -> int:
    """Open the window on ``--archive`` (or the bundled archive); return the exit code."""
    from reader.ui import probe

    try:
        app, window = create_window(args)
    except ReaderError as exc:
        from reader.ui.errors import show_error

        show_error(None, exc, pathsmod.resolve(args.data_dir).log_file)
        return 1
    window.show()
    if probe.enabled():
        view, article = window.library_pane.view, window.article_view
        _probe = probe.StartupProbe([
            ("library_painted", view.viewport(), lambda: view.model().rowCount() > 0),
            ("article_shown", article.viewport(), lambda: article.article_id is not None),
        ])
    code = app.exec()
    window.archive.close()
    return code
