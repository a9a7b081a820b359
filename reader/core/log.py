"""Logging set-up: a named logger per subsystem, one log file per user.

Subsystems log through ``logging.getLogger("reader.<area>")``; this module
only attaches the handlers, once, for the CLI and the GUI alike.
"""

from __future__ import annotations

import logging
import logging.handlers

from reader.core.paths import Paths

ROOT = "reader"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file that, once it cannot be written (disk full, read-only), stops trying silently.

    The standard handler prints a traceback to stderr for every record it
    fails to write: 35 lines of noise around a one-line "disk is full" message.
    """

    failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True

    def flush(self) -> None:
        try:
            super().flush()
        except OSError:
            self.failed = True

    def close(self) -> None:
        try:
            super().close()
        except OSError:
            self.failed = True


def writing(logger_name: str = ROOT) -> bool:
    """Whether the log file is being written (a message may then point the user to it)."""
    handlers = logging.getLogger(logger_name).handlers
    return any(isinstance(h, _QuietFileHandler) and not h.failed for h in handlers)


def setup_null() -> None:
    """Close the log file (a public session's folder is about to be deleted)."""
    logger = logging.getLogger(ROOT)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.addHandler(logging.NullHandler())


def setup(paths: Paths, *, verbose: bool = False) -> logging.Logger:
    """Log to ``paths.log_file``; warnings also reach stderr when ``verbose``."""
    logger = logging.getLogger(ROOT)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    try:
        paths.log.mkdir(parents=True, exist_ok=True, mode=0o700)
        file_handler: logging.Handler = _QuietFileHandler(
            paths.log_file, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        file_handler = logging.NullHandler()
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(file_handler)
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(stream)
    logger.propagate = False
    return logger
