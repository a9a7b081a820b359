"""The example policy in docs/for-libraries.md is one the app accepts."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from reader.core import policy

DOC = Path(__file__).resolve().parents[3] / "docs" / "for-libraries.md"
#: Policy fields that are not keys of the file.
NOT_KEYS = {"settings", "source", "problem"}


def example() -> str:
    blocks = re.findall(r"^```toml\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) == 1, "docs/for-libraries.md should have exactly one ```toml block"
    return blocks[0]


def test_the_example_policy_is_accepted() -> None:
    parsed = policy.parse(tomllib.loads(example()))  # raises ValueError naming a bad key
    assert parsed.problem is None and parsed.public_mode
    assert parsed.settings and set(parsed.settings) <= parsed.locked


def test_the_example_explains_every_key() -> None:
    text = example()
    keys = {f.name for f in dataclasses.fields(policy.Policy)} - NOT_KEYS
    missing = [key for key in sorted(keys) if not re.search(rf"^#? ?{key} =", text, re.M)]
    assert missing == []


def test_the_example_read_from_a_file_is_used_as_written(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(example(), encoding="utf-8")
    read = policy.read(path, required=True)
    assert read.problem is None and read.source == path and not read.allow_print
