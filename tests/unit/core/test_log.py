"""The log file on a full or read-only disk: silence, not a traceback per record."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

from reader.core import log as logmod
from reader.core.paths import Paths


class _FullDisk:
    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        pass


def test_a_log_file_that_cannot_be_written_stays_quiet(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    logger = logmod.setup(Paths.under(tmp_path))
    try:
        assert logmod.writing()
        for handler in logger.handlers:
            handler.stream.close()  # type: ignore[attr-defined]
            handler.stream = _FullDisk()  # type: ignore[attr-defined]
        for n in range(5):
            logging.getLogger("reader.annotations").warning("note %d not saved", n)
        assert not logmod.writing()
        assert capsys.readouterr().err == ""
    finally:
        logmod.setup_null()
