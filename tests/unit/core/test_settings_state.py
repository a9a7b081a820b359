from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.settings import Settings, SettingsError
from reader.core.state import ReadingState


def test_settings_defaults_types_and_persistence(tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path)
    assert settings.get("theme") == "auto" and settings.get("zoom") == 0
    seen: list[str] = []
    settings.on_change(seen.append)
    settings.set("zoom", 3)
    settings.set("zoom", 3)
    assert seen == ["zoom"]
    assert Settings.in_dir(tmp_path).get("zoom") == 3
    with pytest.raises(SettingsError, match="one of"):
        settings.set("theme", "neon")
    with pytest.raises(SettingsError, match="must be a int"):
        settings.set("zoom", "3")
    with pytest.raises(SettingsError, match="no setting"):
        settings.set("nope", 1)


def test_bad_or_unknown_stored_values_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"zoom": "big", "theme": "dark", "x": 1}', encoding="utf-8")
    settings = Settings.in_dir(tmp_path)
    assert settings.get("zoom") == 0 and settings.get("theme") == "dark"
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert Settings.in_dir(tmp_path).get("theme") == "auto"


def test_policy_wins_and_locks(tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path, policy={"theme": "sepia"}, locked={"zoom"})
    assert settings.get("theme") == "sepia" and settings.is_locked("theme") and settings.is_locked("zoom")
    with pytest.raises(SettingsError, match="locked"):
        settings.set("zoom", 2)


def test_reading_state_survives_reopening(tmp_path: Path) -> None:
    state = ReadingState.in_dir(tmp_path)
    state.mark_read("arch", "a", 0.25)
    state.mark_read("arch", "b")
    state.set_scroll("arch", "b", 0.5)
    assert state.toggle_favourite("arch", "a") is True
    state.close()
    again = ReadingState.in_dir(tmp_path)
    assert again.read_ids("arch") == {"a", "b"}
    assert again.recent("arch")[0] == "b" and again.last_article("arch") == "b"
    assert again.scroll("arch", "b") == 0.5 and again.scroll("arch", "zzz") == 0.0
    assert again.favourites("arch") == {"a"}
    assert again.toggle_favourite("arch", "a") is False and again.favourites("arch") == set()
    assert again.read_ids("other") == set()
