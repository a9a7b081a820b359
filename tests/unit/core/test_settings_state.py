from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_profile
from hypothesis import strategies as st

from reader.core.settings import SCHEMA, Settings, SettingsError, check
from reader.core.state import ReadingState


def test_settings_defaults_types_and_persistence(tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path)
    assert settings.get("theme") == "auto" and settings.get("text.size") == 12
    seen: list[str] = []
    settings.on_change(seen.append)
    settings.set("text.size", 14)
    settings.set("text.size", 14)
    assert seen == ["text.size"]
    assert Settings.in_dir(tmp_path).get("text.size") == 14
    with pytest.raises(SettingsError, match="one of"):
        settings.set("theme", "neon")
    with pytest.raises(SettingsError, match="must be a int"):
        settings.set("text.size", "3")
    with pytest.raises(SettingsError, match="no setting"):
        settings.set("nope", 1)


def test_bad_or_unknown_stored_values_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"zoom": "big", "theme": "dark", "x": 1, "text.width": 10}',
                                            encoding="utf-8")
    settings = Settings.in_dir(tmp_path)
    assert settings.get("text.size") == 12 and settings.get("theme") == "dark"
    assert settings.get("text.width") == 72
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert Settings.in_dir(tmp_path).get("theme") == "auto"


def test_policy_wins_and_locks(tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path, policy={"theme": "sepia"}, locked={"text.size"})
    assert settings.get("theme") == "sepia" and settings.is_locked("theme")
    assert settings.is_locked("text.size")
    with pytest.raises(SettingsError, match="locked"):
        settings.set("text.size", 14)


@pytest.mark.parametrize(("zoom", "points"), [(0, 12), (1, 13), (2, 15), (-2, 10), (-5, 8), (10, 31),
                                            (10**20, 32), (-10**20, 8)])
def test_the_old_zoom_becomes_a_size_in_points(tmp_path: Path, zoom: int, points: int) -> None:
    (tmp_path / "settings.json").write_text(f'{{"zoom": {zoom}, "theme": "dark"}}', encoding="utf-8")
    settings = Settings.in_dir(tmp_path)
    assert settings.get("text.size") == points and settings.get("theme") == "dark"
    settings.set("theme", "light")  # the next save writes the new name only
    assert '"zoom"' not in (tmp_path / "settings.json").read_text(encoding="utf-8")
    assert Settings.in_dir(tmp_path).get("text.size") == points


def test_numbers_keep_to_their_range_and_type(tmp_path: Path) -> None:
    settings = Settings.in_dir(tmp_path)
    settings.set("text.line_spacing", 2)  # a whole number is a float too
    assert settings.get("text.line_spacing") == 2.0 and isinstance(settings.get("text.line_spacing"), float)
    settings.set("text.width", 0)  # "full width", outside the range on purpose
    for name, bad in (("text.size", 7), ("text.size", 33), ("text.line_spacing", 2.5), ("text.width", 20),
                      ("text.size", True), ("text.line_spacing", "1.5")):
        with pytest.raises(SettingsError, match=name):
            settings.set(name, bad)
    assert Settings.in_dir(tmp_path).get("text.width") == 0


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


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                           | st.text(max_size=8), lambda inner: st.lists(inner, max_size=3), max_leaves=6)


@settings_profile(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(["zoom", "text.size", "text.line_spacing", "text.width",
                                               "text.font", "theme"]), JSON_VALUES))
def test_any_stored_text_values_load_in_range_or_fall_back(tmp_path: Path, values: dict) -> None:
    """Whatever a settings file says (old zoom included), every text setting is valid after loading."""
    (tmp_path / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    loaded = Settings.in_dir(tmp_path)
    for name in ("text.size", "text.line_spacing", "text.width", "text.font"):
        assert check(SCHEMA[name], loaded.get(name)) == loaded.get(name)
