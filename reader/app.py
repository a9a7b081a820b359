"""Starting the GUI: paths, logging, the QApplication and the main window."""

from __future__ import annotations

import argparse
import signal
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from reader import APP_NAME, __version__
from reader.appid import APP_ID
from reader.core import i18n
from reader.core import log as logsetup
from reader.core import paths as pathsmod
from reader.core.errors import ReaderError
from reader.core.session import Session
from reader.core.usecases import AppContext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.ui.mainwindow import MainWindow
    from reader.ui.public import PublicMode as PublicModeType


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _make_window(args: argparse.Namespace, ctx: AppContext) -> MainWindow:
    from reader.ui.mainwindow import MainWindow

    return MainWindow(ctx, ctx.open_archive(args.archive))


class Started(NamedTuple):
    app: QApplication
    window: MainWindow
    public: PublicModeType | None  # the session controller in public mode


def create_window(args: argparse.Namespace) -> tuple[QApplication, MainWindow]:
    """Everything ``run_gui`` does short of the event loop (screenshots reuse it)."""
    started = start(args)
    return started.app, started.window


def start(args: argparse.Namespace) -> Started:
    """The application, its first window and, in public mode, the session controller.

    In public mode the first session's folder is made, and the environment
    pointed into it, *before* the QApplication exists, so what Qt and its
    libraries write lands there too.
    """
    from PySide6.QtWidgets import QApplication

    from reader.ui import accessibility
    from reader.ui.errors import install_excepthook
    from reader.ui.public import PublicMode, on_stop_signals

    previous = {sig: signal.getsignal(sig) for sig in _STOP_SIGNALS}
    on_stop_signals()  # a log-out during start-up must still wipe the session about to be made
    ctx = AppContext.create(args.data_dir, getattr(args, "policy", None), redirect_environment=True,
                            ensure=True)
    paths, session, policy = ctx.paths, ctx.session, ctx.policy
    if session is None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    logsetup.setup(paths, verbose=args.verbose)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    use_language(app, ctx, getattr(args, "lang", None))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = resources.files("reader.resources").joinpath("icons/reading-room.svg")
    with resources.as_file(icon) as icon_path:
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon_path)))
    install_excepthook(paths.log_file)
    accessibility.install(app)
    if session is None:
        return Started(app, _make_window(args, ctx), None)

    def session_window(s: Session) -> MainWindow:
        return _make_window(args, ctx if s is session else AppContext.of(s.paths.ensure(), policy, s))

    public = PublicMode(policy, session_window, verbose=args.verbose, parent=app)
    try:
        window = public.start(session)
    except BaseException:
        public.shutdown()  # a refused --archive (or anything else) leaves no session folder behind
        raise
    return Started(app, cast("MainWindow", window), public)


def use_language(app: QApplication, ctx: AppContext, requested: str | None) -> str:
    """The window's language (see :meth:`AppContext.use_language`), Qt's own strings in it too, and
    the whole layout mirrored when it reads right to left."""
    from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator

    code = ctx.use_language(requested)
    for old in app.findChildren(QTranslator, "reader-qt-translator"):
        app.removeTranslator(old)
        old.deleteLater()
    # Numbers in spin boxes follow the language (1,5 lignes); English and the pseudo-locale keep the system's.
    QLocale.setDefault(QLocale.system() if code in ("en", i18n.PSEUDO_RTL) else QLocale(code))
    if code not in ("en", i18n.PSEUDO_RTL):
        translator = QTranslator(app)
        translator.setObjectName("reader-qt-translator")
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(code), "qtbase", "_", folder):
            app.installTranslator(translator)
    rtl = i18n.is_rtl(code)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    return code


def run_gui(args: argparse.Namespace, open_file: Path | None = None) -> int:
    """Open the window on ``--archive`` (or the bundled archive), then ``open_file`` if given."""
    try:
        started = start(args)
    except ReaderError as exc:
        from reader.ui.errors import show_error

        show_error(None, exc, pathsmod.resolve(args.data_dir).log_file)
        return 1
    if open_file is not None:
        from PySide6.QtCore import QTimer

        window = started.window
        QTimer.singleShot(0, lambda: window.open_file(open_file))
    return serve(started)


def serve(started: Started) -> int:
    """Show the window and run the event loop; in public mode, wipe the session on the way out."""
    from reader.ui import probe

    app, window, public = started
    timer = None
    if public is not None:
        from reader.ui.public import install_signal_handlers, stop_requested

        timer = install_signal_handlers(app)  # a log-out's SIGTERM/SIGHUP still wipes the session
        if stop_requested():  # the signal came while starting
            public.shutdown()
            timer.stop()
            return 0
    if window.policy.fullscreen:
        window.showFullScreen()
    else:
        window.show()
    if probe.enabled():
        if public is not None:  # follow the window of the current session
            window = cast("MainWindow", public.window)
        view, article = window.library_pane.view, window.article_view
        _probe = probe.StartupProbe([
            ("library_painted", view.viewport(), lambda: view.model().rowCount() > 0),
            ("article_shown", article.viewport(), lambda: article.article_id is not None),
        ])
    try:
        code = app.exec()
    finally:
        if public is not None:
            public.shutdown()  # quitting wipes the session, whatever the way out
            if timer is not None:
                timer.stop()
        else:
            window.archive.close()
    return code
