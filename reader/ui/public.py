"""Public-computer mode in the window: the banner, End session, the idle countdown.

One :class:`PublicMode` lives as long as the process and runs one window per
patron.  Ending a session (the button, the idle timeout, quitting, SIGTERM or
SIGHUP from a log-out) closes the window, deletes the session folder
(:mod:`reader.core.session`) and, unless the app is quitting, opens a fresh
window on a new session: no restart, nothing of the last patron left.

The idle clock is injectable so tests drive the timeout with a fake clock
instead of sleeping.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core import log as logsetup
from reader.core.i18n import N_, _
from reader.core.policy import Policy
from reader.core.session import Session
from reader.ui.errors import install_excepthook

log = logging.getLogger("reader.session")

COUNTDOWN_SECONDS = 60
BANNER_TEXT = N_("Public computer: your notes are erased when you end the session — export them first.")
BANNER_NO_EXPORT = N_("Public computer: your notes are erased when you end the session.")


def banner_text(policy: Policy) -> str:
    """The banner offers only what the policy allows: no "export them first" without exports."""
    return _(BANNER_TEXT) if policy.allow_export else _(BANNER_NO_EXPORT)
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Counts time since the last input; after ``timeout`` s a countdown, then ``expired``."""

    countdown = Signal(int)  # seconds left; emitted every tick while counting down
    cancelled = Signal()
    expired = Signal()

    def __init__(self, timeout: float, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout, self.clock = timeout, clock
        self.last_input = clock()
        self.counting = False
        self._done = False
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        if timeout > 0:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.poke()
        return False

    def poke(self) -> None:
        """Any input: the patron is here."""
        self.last_input = self.clock()
        if self.counting:
            self.counting = False
            self.cancelled.emit()

    def tick(self) -> None:
        if self._done or self.timeout <= 0:
            return
        idle = self.clock() - self.last_input
        if idle < self.timeout:
            return
        left = round(self.timeout + COUNTDOWN_SECONDS - idle)
        if left <= 0:
            self._done = True
            self.counting = False
            self.expired.emit()
            return
        self.counting = True
        self.countdown.emit(left)

    def stop(self) -> None:
        self._done = True
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class SessionBanner(QFrame):
    """The strip above the panes: what public mode means, and the End session button."""

    export_requested = Signal()
    end_requested = Signal()
    close_requested = Signal()  # the window was asked to close (Ctrl+Q, the title bar): PublicMode decides

    def __init__(self, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Public computer session"))
        self.text = banner_text(policy)
        self.label = QLabel(self.text)
        self.label.setWordWrap(True)
        self.problem = QLabel(policy.problem or "")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(policy.problem))
        self.progress = QProgressBar(maximum=COUNTDOWN_SECONDS, textVisible=False)
        self.progress.setAccessibleName(_("Time left before the session ends"))
        keep = self.progress.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # the countdown must not push the panes down when it appears
        self.progress.setSizePolicy(keep)
        self.progress.hide()
        self.export_button = QPushButton(_("E&xport notes…"))
        self.export_button.setVisible(policy.allow_export)
        self.export_button.clicked.connect(self.export_requested)
        self.end_button = QPushButton(_("&End session"))
        self.end_button.setAccessibleDescription(_("Erase your notes and reading history and start afresh"))
        self.end_button.clicked.connect(self.end_requested)
        texts = QVBoxLayout()
        texts.addWidget(self.label)
        texts.addWidget(self.problem)
        texts.addWidget(self.progress)
        row = QHBoxLayout(self)
        row.addLayout(texts, 1)
        row.addWidget(self.export_button)
        row.addWidget(self.end_button)
        self._style(False)

    def _style(self, warning: bool) -> None:
        background, border = ("#fde2c8", "#c2410c") if warning else ("#fff4c2", "#b08900")
        self.setStyleSheet(f"#sessionBanner {{ background: {background}; border: 1px solid {border}; }}"
                           " #sessionBanner QLabel { color: #1f1f1f; }")

    def show_countdown(self, seconds: int) -> None:
        self.label.setText(_("No activity: this session ends in {seconds} s and your notes will be "
                             "erased. Press any key or move the mouse to keep working.")
                           .format(seconds=seconds))
        self.progress.setValue(seconds)
        self.progress.show()
        self._style(True)

    def hide_countdown(self) -> None:
        self.label.setText(self.text)
        self.progress.hide()
        self._style(False)


WindowFactory = Callable[[Session], QWidget]


class PublicMode(QObject):
    """Runs successive patron sessions in one process.

    The app does not quit when a window closes (``quitOnLastWindowClosed`` is
    off): ending a session closes one window and opens the next.  Quitting
    goes through :meth:`quit`, which offers the export first; a kiosk never quits.
    """

    session_started = Signal(object)  # the new window

    def __init__(self, policy: Policy, make_window: WindowFactory, *, verbose: bool = False,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy, self.make_window, self.verbose, self.clock = policy, make_window, verbose, clock
        self.session: Session | None = None
        self.window: QWidget | None = None
        self.idle: IdleWatcher | None = None
        self._stopped_idle: IdleWatcher | None = None
        self.ended = 0
        self.exit_app: Callable[[int], None] = QApplication.exit  # tests replace it
        self.ask: Callable[[QMessageBox], None] = QMessageBox.exec  # tests answer the dialog instead
        self._copied: set[str] = set()  # texts this session put on the clipboard
        QApplication.setQuitOnLastWindowClosed(False)
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard)

    def start(self, session: Session | None = None) -> QWidget:
        """A fresh window on ``session`` (the first one, made before Qt) or a new session."""
        if session is None:
            session = Session.start()
            session.redirect_environment()
        self.session = session
        paths = session.paths.ensure()
        logsetup.setup(paths, verbose=self.verbose)
        install_excepthook(paths.log_file)
        self.window = self.make_window(self.session)
        banner = getattr(self.window, "session_banner", None)
        self.idle = IdleWatcher(self.policy.idle_seconds, self.clock)
        if isinstance(banner, SessionBanner):
            self.idle.countdown.connect(banner.show_countdown)
            self.idle.cancelled.connect(banner.hide_countdown)
            # queued: the window is closed and deleted here, so not from inside its own slot
            queued = Qt.ConnectionType.QueuedConnection
            banner.end_requested.connect(self.end_session, queued)
            banner.close_requested.connect(self.close_requested, queued)
        self.idle.expired.connect(lambda: self.end_session(ask=False))
        self.session_started.emit(self.window)
        return self.window

    def close_requested(self) -> None:
        """Ctrl+Q or the window's close button: a kiosk ends the session, anything else quits."""
        if self.policy.fullscreen:
            self.end_session()
        else:
            self.quit()

    def end_session(self, ask: bool = True, restart: bool = True) -> bool:
        """Offer to export, then wipe everything and (unless quitting) start afresh."""
        window = self.window
        if ask and window is not None and not self._confirm(window, quitting=not restart):
            return False
        self._teardown()
        self.ended += 1
        if restart:
            new = self.start()
            if self.policy.fullscreen:
                new.showFullScreen()
            else:
                new.show()
            new.activateWindow()
        return True

    def quit(self) -> bool:
        """Quit the app the way End session ends a session: export offered, then wiped."""
        if self.policy.fullscreen or not self.end_session(restart=False):
            return False
        self.exit_app(0)
        return True

    def shutdown(self) -> None:
        """Quitting (or a log-out signal): wipe without asking."""
        self._teardown()

    def _on_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        ours = clipboard.ownsClipboard() or QApplication.activeWindow() is not None
        if self.session is not None and ours:
            self._copied.add(clipboard.text())

    def _clear_clipboard(self) -> None:
        """The next patron must not paste what this one copied; someone else's copy is left alone."""
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text()
        if clipboard.ownsClipboard() or (text and text in self._copied):
            clipboard.clear()
        self._copied.clear()

    def _teardown(self) -> None:
        if self.idle is not None:
            self.idle.stop()
            # kept until the next session ends: it may be the one emitting ``expired`` right now
            self._stopped_idle, self.idle = self.idle, None
        window, self.window = self.window, None
        if window is not None:
            setattr(window, "ending_session", True)  # noqa: B010 - read by MainWindow.closeEvent
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        self._clear_clipboard()
        logsetup.setup_null()
        if self.session is not None:
            self.session.end()
            self.session.restore_environment()
            self.session = None

    def _confirm(self, window: QWidget, quitting: bool = False) -> bool:
        """Cancel is the default: Enter pressed by habit must not erase anyone's notes."""
        title = _("Quit") if quitting else _("End session")
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          _("Quit and erase your notes, highlights and reading history on this computer?")
                          if quitting else
                          _("End the session and erase your notes, highlights and reading history on this "
                            "computer?"), parent=window)
        export = None
        if self.policy.allow_export:
            export = box.addButton(_("E&xport notes first…"), QMessageBox.ButtonRole.ActionRole)
        end = box.addButton(_("&Quit") if quitting else _("&End session"),
                            QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        while True:
            self.ask(box)
            if export is None or box.clickedButton() is not export:
                return box.clickedButton() is end
            exporter = getattr(window, "export_notes", None)
            if callable(exporter):
                exporter()  # then the same question again: end now, or go back to reading


class _Stop:
    """A log-out signal seen, possibly before the event loop runs (then it must not start)."""

    requested = False


def on_stop_signals() -> None:
    """SIGTERM and SIGHUP (a log-out) from now on quit cleanly, so the session is wiped on the way out.

    Installed before the session folder is made: a signal during start-up
    unwinds into the same wipe instead of killing the process.
    """

    def stop(signum: int, frame: object) -> None:
        log.info("signal %d: quitting", signum)
        _Stop.requested = True
        if QApplication.instance() is not None:
            QApplication.exit(0)  # not quit(): that asks each window, and a public window asks the patron

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, stop)


def stop_requested() -> bool:
    return _Stop.requested


def install_signal_handlers(app: QApplication) -> QTimer:
    """Python runs signal handlers only between bytecodes: a short timer gives the interpreter
    a turn while Qt's event loop waits, and ends a loop started after the signal came."""
    on_stop_signals()
    timer = QTimer(app, interval=250)
    timer.timeout.connect(lambda: app.exit(0) if _Stop.requested else None)
    timer.start()
    return timer
