from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths


def test_flag_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.resolve(tmp_path / "flag").data == tmp_path / "flag" / "data"
    assert paths.resolve().cache == tmp_path / "env" / "cache"


def test_platform_defaults_without_redirect(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    resolved = paths.resolve()
    assert "reading-room" in str(resolved.data) and "reading-room" in str(resolved.config)


def test_ensure_creates_private_folders(tmp_path: Path) -> None:
    resolved = paths.Paths.under(tmp_path / "root").ensure()
    for folder in (resolved.data, resolved.cache, resolved.config, resolved.log):
        assert folder.is_dir()
        assert folder.stat().st_mode & 0o077 == 0
