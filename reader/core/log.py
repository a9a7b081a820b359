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
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
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
