"""Regression suite from the second security sweep: damaged, foreign and shared indexes.

Each case is one change made to an index this user built, and one expected
outcome: the next search answers correctly, says the index was rebuilt when
it was ours and damaged, and writes nothing into an index that is not ours
(a rebuild goes to the user's cache).  Whoosh's files hold pickles: an index
whose bytes changed is never opened.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.core import paths as pathsmod
from reader.core.errors import ReaderError
from reader.core.search import SearchIndex, docstore, engine, sidecar
from reader.core.search.engine import DAMAGED, INDEX_DIRNAME, STALE
from tests.unit.core.search.conftest import ids

#: The issue asks for 60 s; the suite runs 20 s (set READING_ROOM_PROFILE_SECONDS=60 to run it by hand).
PROFILE_SECONDS = float(os.environ.get("READING_ROOM_PROFILE_SECONDS", "20"))
CHILD = Path(__file__).with_name("profile_child.py")


def _first(index_dir: Path, pattern: str) -> Path:
    return sorted(index_dir.glob(pattern))[0]


def _same_size(pattern: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(index_dir: Path) -> None:
        target = _first(index_dir, pattern)
        data = target.read_bytes()
        new = change(data)
        assert len(new) == len(data) and new != data
        target.write_bytes(new)
    return damage


def _truncate(pattern: str) -> Callable[[Path], None]:
    def damage(index_dir: Path) -> None:
        target = _first(index_dir, pattern)
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 3])
    return damage


def _garbage_json(name: str) -> Callable[[Path], None]:
    return _same_size(name, lambda data: b"\xff" * len(data))


def _pickle_swap(index_dir: Path) -> None:
    """A stored-fields pickle replaced by one that would run code, padded to the same size."""
    target = _first(index_dir, "*.seg")
    data = target.read_bytes()
    payload = b"cos\nsystem\n(S'touch PWNED'\ntR."
    target.write_bytes(data[:-len(payload) - 8] + payload + data[-8:])


# (case, change to the index we built, "damaged" notice expected)
DAMAGE: list[tuple[str, Callable[[Path], None], bool]] = [
    ("zeroed-seg", _same_size("*.seg", lambda data: bytes(len(data))), True),
    ("random-tail-seg", _same_size("*.seg", lambda data: data[:-64] + os.urandom(64)), True),
    ("pickle-payload-seg", _pickle_swap, True),
    ("zeroed-toc", _same_size("*.toc", lambda data: bytes(len(data))), True),
    ("garbage-vocab", _garbage_json("vocab.json"), True),
    ("garbage-docs", _garbage_json("docs.bin"), True),
    ("garbage-facet-names", _garbage_json("facets.json"), True),
    ("garbage-manifest", _garbage_json("manifest.json"), True),
    ("truncated-seg", _truncate("*.seg"), True),
    ("truncated-toc", _truncate("*.toc"), True),
    ("extra-file", lambda d: (d / "_MAIN_99.toc").write_bytes(b"x"), True),
    ("deleted", lambda d: shutil.rmtree(d), False),
]


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("case", "damage", "notice"), DAMAGE, ids=[c[0] for c in DAMAGE])
def test_damaged_index_is_detected_and_rebuilt(archive_dir: Path, paths: pathsmod.Paths, case: str,
                                               damage: Callable[[Path], None], notice: bool,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(archive_dir, paths).close()
    inside = archive_dir / INDEX_DIRNAME
    damage(inside)
    damaged = _snapshot(inside) if inside.exists() else None
    opened: list[Path] = []
    real_open, real_open_whoosh = whoosh_index.open_dir, engine.open_whoosh
    monkeypatch.setattr(whoosh_index, "open_dir", lambda d, *a, **k: opened.append(Path(d))
                        or real_open(d, *a, **k))
    monkeypatch.setattr(engine, "open_whoosh", lambda d: opened.append(Path(d)) or real_open_whoosh(d))
    monkeypatch.chdir(archive_dir)
    with SearchIndex.open(archive_dir, paths) as index:
        first = index.search("tomatoes")
        second = index.search("tomatoes")
    assert ids(first) == ["undated"] and ids(second) == ["undated"]
    assert (first.message is not None and DAMAGED in first.message) == notice
    assert second.message is None
    if damaged is not None:
        assert inside not in opened  # changed bytes: never unpickled
        assert _snapshot(inside) == damaged  # and never written: it may be shared
    assert not (archive_dir / "PWNED").exists()
    with SearchIndex.open(archive_dir, paths) as index:  # the repair holds: no notice next time
        assert index.search("tomatoes").message is None


def test_index_deleted_during_a_search_session_is_rebuilt(archive_dir: Path, paths: pathsmod.Paths) -> None:
    """The vocabulary is read lazily ("did you mean"): it used to raise FileNotFoundError."""
    with SearchIndex.open(archive_dir, paths) as index:
        shutil.rmtree(archive_dir / INDEX_DIRNAME)
        result = index.search("tomatos")
    assert result.message is not None and DAMAGED in result.message


def test_index_deleted_while_searching_never_raises(archive_dir: Path, paths: pathsmod.Paths) -> None:
    """The sweep's 1-in-5 FileNotFoundError: deletion racing a search, twenty times."""
    for _ in range(20):
        with SearchIndex.open(archive_dir, paths) as index:
            remover = threading.Thread(target=shutil.rmtree, args=(index.index_dir, True))
            remover.start()
            results = [index.search(q) for q in ("tomatoes", "tomatos", "class", "socialism OR sport")]
            remover.join()
        assert ids(results[0]) == ["undated"]


def test_an_index_of_another_profile_is_never_written(archive_dir: Path, paths: pathsmod.Paths,
                                                      tmp_path: Path) -> None:
    SearchIndex.open(archive_dir, paths).close()
    before = _snapshot(archive_dir)
    other = pathsmod.Paths.under(tmp_path / "other-profile").ensure()
    for rebuild in (False, True):
        with SearchIndex.open(archive_dir, other, rebuild=rebuild) as index:
            assert other.cache in index.index_dir.parents
            assert ids(index.search("tomatoes")) == ["undated"]
    with SearchIndex.open(archive_dir, paths) as index:
        assert index.index_dir == archive_dir / INDEX_DIRNAME
        assert index.search("tomatoes").message is None
    assert _snapshot(archive_dir) == before


def test_an_index_folder_that_is_a_link_is_not_opened(archive_dir: Path, paths: pathsmod.Paths,
                                                      tmp_path: Path) -> None:
    SearchIndex.open(archive_dir, paths).close()
    shutil.move(archive_dir / INDEX_DIRNAME, tmp_path / "planted")
    os.symlink(tmp_path / "planted", archive_dir / INDEX_DIRNAME)
    with SearchIndex.open(archive_dir, paths) as index:
        assert paths.cache in index.index_dir.parents


def test_a_linked_article_never_reaches_the_index(archive_dir: Path, paths: pathsmod.Paths,
                                                  tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text('+++\ntitle = "Secret"\n+++\nSECRETWORD\n', encoding="utf-8")
    os.symlink(secret, archive_dir / "articles" / "passwd.md")
    with SearchIndex.open(archive_dir, paths) as index:
        assert index.search("SECRETWORD").total == 0
        folder = index.index_dir
    assert not any(b"SECRETWORD" in p.read_bytes().upper() for p in folder.iterdir())


def test_two_profiles_search_one_archive_at_once(archive_dir: Path, paths: pathsmod.Paths,
                                                 tmp_path: Path) -> None:
    """Profile A built the archive's index; A and B search it at once: no "damaged", nothing written."""
    SearchIndex.open(archive_dir, paths).close()
    before = _snapshot(archive_dir)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[4])}
    children = [subprocess.Popen([sys.executable, str(CHILD), str(archive_dir), str(root),
                                  str(PROFILE_SECONDS)], stdout=subprocess.PIPE, text=True, env=env)
                for root in (paths.data.parent, tmp_path / "profile-b")]
    reports = [json.loads(child.communicate(timeout=PROFILE_SECONDS + 120)[0]) for child in children]
    print(f"two profiles, {PROFILE_SECONDS:.0f} s: rounds {[r['rounds'] for r in reports]}")
    for report in reports:
        assert report["errors"] == [] and report["rounds"] > 0
        assert not any("damaged" in message for message in report["messages"]), report["messages"]
    assert _snapshot(archive_dir) == before


def _disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_while_building_is_one_sentence(archive_dir: Path, paths: pathsmod.Paths,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sidecar, "atomic_write_text", _disk_full)
    with pytest.raises(ReaderError, match=r"cannot write the search index.*No space left") as caught:
        SearchIndex.open(archive_dir, paths)
    assert "\n" not in str(caught.value)
    assert not list(archive_dir.glob(f"{INDEX_DIRNAME}*"))  # no half-built folder left


def test_full_disk_before_an_update_commits_searches_what_there_is(
        archive_dir: Path, paths: pathsmod.Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(archive_dir, paths).close()
    (archive_dir / "articles" / "new.md").write_text('+++\ntitle = "New"\n+++\nradishes\n', encoding="utf-8")
    monkeypatch.setattr(engine.indexer, "update", _disk_full)
    with SearchIndex.open(archive_dir, paths) as index:
        result = index.search("tomatoes")
    assert ids(result) == ["undated"] and result.message == STALE


def test_full_disk_after_an_update_commits_is_one_sentence(
        archive_dir: Path, paths: pathsmod.Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The side files cannot follow the new segment: the index is rebuilt, which the full disk refuses."""
    SearchIndex.open(archive_dir, paths).close()
    (archive_dir / "articles" / "new.md").write_text('+++\ntitle = "New"\n+++\nradishes\n', encoding="utf-8")
    monkeypatch.setattr(sidecar, "atomic_write_text", _disk_full)
    monkeypatch.setattr(docstore, "atomic_write_bytes", _disk_full)
    with pytest.raises(ReaderError, match="No space left") as caught:
        SearchIndex.open(archive_dir, paths)
    assert "\n" not in str(caught.value)
