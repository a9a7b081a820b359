"""Shared fixtures: headless Qt, and every test writes under its own tmp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed (the benchmarks do that): no per-example deadline, which
# a garbage collection or a busy 2-core CI machine can exceed on any example.
settings.register_profile("reading-room", deadline=None)
settings.load_profile("reading-room")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English whatever the developer's locale (a test that wants French sets it itself).
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "archive-sources" / "msf"
SEED_TEXT = SEED_DIR / "000_d7e3bcaffb67c633.txt"
SEED_META = SEED_DIR / "000_d7e3bcaffb67c633.meta.toml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect every file the app writes (data, cache, config, log) into tmp_path."""
    root = tmp_path / "rr-data"
    monkeypatch.setenv("READING_ROOM_DATA_DIR", str(root))
    return root


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English and leaves it so (a test may switch the language)."""
    from reader.core import i18n

    i18n.install("en")
    yield
    i18n.install("en")


@pytest.fixture
def make_archive(tmp_path: Path):
    """Write a small archive folder from {slug: markdown-with-front-matter}."""

    def make(articles: dict[str, str | bytes], name: str = "arch", title: str = "Test archive") -> Path:
        root = tmp_path / name
        (root / "articles").mkdir(parents=True)
        (root / "archive.toml").write_text(
            f'id = "{name}"\ntitle = "{title}"\nlanguage = "en"\nversion = "1"\n', encoding="utf-8"
        )
        for slug, text in articles.items():
            target = root / "articles" / f"{slug}.md"
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return root

    return make
