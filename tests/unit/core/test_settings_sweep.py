"""A damaged settings.json (the app's own file) never stops anything: defaults, and a line in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reader.core.settings import SCHEMA, Settings

# (case, the file's content)
DAMAGED: list[tuple[str, str]] = [
    ("nested-arrays", "[" * 100_000 + "]" * 100_000),
    ("nested-objects", '{"a":' * 50_000 + "1" + "}" * 50_000),
    ("a-list", '["theme", "dark"]'),
    ("a-number", "5"),
    ("a-string", '"dark"'),
    ("null", "null"),
    ("not-json", "theme = dark"),
    ("binary", "\x00\x01\x02"),
]


@pytest.mark.parametrize(("case", "content"), DAMAGED, ids=[c[0] for c in DAMAGED])
def test_damaged_settings_fall_back_to_defaults_with_a_log_line(
        tmp_path: Path, case: str, content: str, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "settings.json").write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="reader.settings"):
        settings = Settings.in_dir(tmp_path)
    assert all(settings.get(name) == setting.default for name, setting in SCHEMA.items())
    [record] = caplog.records
    assert "using the defaults" in record.getMessage() and len(record.getMessage()) < 300
    settings.set("theme", "dark")  # and the user can set things again
    assert Settings.in_dir(tmp_path).get("theme") == "dark"
