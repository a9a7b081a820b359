"""Opening an index we wrote costs a stat per file, and a changed byte is still caught."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core import paths as pathsmod
from reader.core.search import SearchIndex, trust
from reader.core.search.engine import INDEX_DIRNAME


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (the suite cannot wait for the clock to tick past them)."""
    monkeypatch.setattr(trust, "SETTLED_NS", 0)


def _hashing_counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    hashed: list[Path] = []
    real = trust.fingerprint

    def counting(index_dir: Path, key: bytes) -> str:
        hashed.append(index_dir)
        return real(index_dir, key)

    monkeypatch.setattr(trust, "fingerprint", counting)
    return hashed


def test_an_unchanged_index_is_trusted_without_reading_its_bytes(
        archive_dir: Path, paths: pathsmod.Paths, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(archive_dir, paths).close()
    hashed = _hashing_counted(monkeypatch)
    assert trust.status(paths, archive_dir / INDEX_DIRNAME) == "trusted"
    with SearchIndex.open(archive_dir, paths) as index:
        assert index.search("tomatoes").total == 1
    assert hashed == []


def test_a_same_size_change_with_its_time_put_back_is_caught(
        archive_dir: Path, paths: pathsmod.Paths, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(archive_dir, paths).close()
    index_dir = archive_dir / INDEX_DIRNAME
    segment = sorted(index_dir.glob("*.seg"))[0]
    before = segment.stat()
    data = segment.read_bytes()
    segment.write_bytes(data[:-16] + bytes(16))
    os.utime(segment, ns=(before.st_atime_ns, before.st_mtime_ns))  # the ctime cannot be put back
    hashed = _hashing_counted(monkeypatch)
    assert trust.status(paths, index_dir) == "changed"
    assert hashed == [index_dir]


def test_a_file_replaced_by_the_same_bytes_is_hashed_once_then_trusted_cheaply(
        archive_dir: Path, paths: pathsmod.Paths, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(archive_dir, paths).close()
    index_dir = archive_dir / INDEX_DIRNAME
    segment = sorted(index_dir.glob("*.seg"))[0]
    copy = segment.with_name(".copy")
    copy.write_bytes(segment.read_bytes())
    copy.replace(segment)  # a new inode
    hashed = _hashing_counted(monkeypatch)
    assert trust.status(paths, index_dir) == "trusted"
    assert trust.status(paths, index_dir) == "trusted"
    assert hashed == [index_dir]


def test_an_entry_from_before_identities_is_checked_by_its_digest(
        archive_dir: Path, paths: pathsmod.Paths, settled: None) -> None:
    SearchIndex.open(archive_dir, paths).close()
    index_dir = archive_dir / INDEX_DIRNAME
    registry = paths.data / trust.TRUST_FILE
    data = json.loads(registry.read_text())
    entry = data[str(index_dir.resolve())]
    data[str(index_dir.resolve())] = entry["digest"]  # the older format: the digest alone
    registry.write_text(json.dumps(data))
    assert trust.status(paths, index_dir) == "trusted"
    assert json.loads(registry.read_text())[str(index_dir.resolve())]["identity"] == entry["identity"]


def test_a_fresh_index_is_recorded_by_digest_only_until_its_files_settle(
        archive_dir: Path, paths: pathsmod.Paths) -> None:
    SearchIndex.open(archive_dir, paths).close()
    index_dir = archive_dir / INDEX_DIRNAME
    entry = json.loads((paths.data / trust.TRUST_FILE).read_text())[str(index_dir.resolve())]
    assert set(entry) == {"digest"}  # written this very second: the file times may tick no further
