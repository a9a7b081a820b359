"""The one place where errors become messages for the user.

A :class:`ReaderError` carries a message written for users and is shown as
is.  Anything else is a bug: its traceback goes to the log and the user sees
one short sentence pointing at the log file, never a raw traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from reader import APP_NAME
from reader.core.errors import ReaderError
from reader.core.i18n import _

log = logging.getLogger("reader.ui")


def message_for(exc: BaseException, log_file: Path | None = None) -> str:
    if isinstance(exc, ReaderError):
        return str(exc)
    where = _(" Details are in {log_file}.").format(log_file=log_file) if log_file else ""
    return _("Something went wrong ({name__}).{where}").format(name__=type(exc).__name__, where=where)


def show_error(parent: QWidget | None, exc: BaseException, log_file: Path | None = None) -> None:
    """Log and show one error; the dialog is modal so errors never pile up."""
    if not isinstance(exc, ReaderError):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message_for(exc, log_file),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(_("Error message"))
    box.exec()


def install_excepthook(log_file: Path | None) -> None:
    """Uncaught exceptions in slots end here instead of aborting the process."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        show_error(None, exc, log_file)

    sys.excepthook = hook
