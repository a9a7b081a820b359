"""The installed program is read-only: the CLI and the GUI run from it and never write there.

A public machine installs Reading Room once (by an administrator) and runs it
for every patron, sometimes several at once.  Here a real, non-editable
``pip install --target`` of this checkout, precompiled as an installer does and
made read-only, runs the real CLI and the GUI in subprocesses.  Tests run as
root on CI, where file modes stop nothing, so "nothing written" is proved by
comparing snapshots (every file's size, mtime and hash, every directory and its
mtime) of the installed tree before and after.
"""

from __future__ import annotations

import compileall
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_ID = "hasnt-socialism-been-tried-and-failed"
TIMEOUT = 60
#: Said by Qt's offscreen platform plugin for every top-level window; not ours (see pyproject.toml).
QT_NOISE = ("This plugin does not support propagateSizeHints",)

Snapshot = tuple[dict[str, tuple[int, int, str]], dict[str, int]]


# -- the installed copy ------------------------------------------------------------------------


def _copy_sources(dest: Path) -> None:
    """What a build needs (top-level files plus the package folders), not .venv, .git or build/.

    Building from a copy keeps pip/setuptools from writing build/ and *.egg-info into the checkout.
    """
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {name.split(".")[0] for name in config["packages"]}
    folders |= {value.split("/")[0] for value in config.get("package-dir", {}).values()}
    dest.mkdir()
    for entry in REPO.iterdir():
        if entry.is_file():
            shutil.copy2(entry, dest / entry.name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in sorted(folders):
        shutil.copytree(REPO / folder, dest / folder, ignore=ignore)


def _pip_install(source: Path, target: Path) -> None:
    """``pip install --target``; without build isolation (offline) when the venv's setuptools can build us."""
    base = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    offline = subprocess.run([*base, "--no-build-isolation", "--no-index", str(source)],
                             capture_output=True, text=True, env=env, timeout=120)
    if offline.returncode == 0:
        return
    # The venv's setuptools is older than the project needs (``license = "…"`` wants >= 77):
    # let pip fetch the build backend pyproject.toml asks for.
    shutil.rmtree(target, ignore_errors=True)
    isolated = subprocess.run([*base, str(source)], capture_output=True, text=True, env=env, timeout=300)
    assert isolated.returncode == 0, (
        f"pip install failed\n--- without build isolation:\n{offline.stderr[-3000:]}"
        f"\n--- with build isolation:\n{isolated.stderr[-3000:]}"
    )


def _set_writable(root: Path, writable: bool) -> None:
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            _chmod(Path(folder) / name, writable)
    _chmod(root, writable)


def _chmod(path: Path, writable: bool) -> None:
    if path.is_symlink():
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    write = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    path.chmod(mode | stat.S_IWUSR if writable else mode & ~write)


def snapshot(root: Path) -> Snapshot:
    """Every file (size, mtime_ns, sha256) and every directory (mtime_ns), by relative path.

    A directory's mtime also catches a file or folder made and removed again (a staging folder).
    """
    files: dict[str, tuple[int, int, str]] = {}
    dirs: dict[str, int] = {".": root.stat().st_mtime_ns}
    for folder, subdirs, names in os.walk(root):
        here = Path(folder)
        for name in subdirs:
            path = here / name
            dirs[path.relative_to(root).as_posix()] = path.lstat().st_mtime_ns
        for name in names:
            path = here / name
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else "-"
            files[path.relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns, digest)
    return files, dirs


def assert_unchanged(before: Snapshot, root: Path) -> None:
    after = snapshot(root)
    (old_files, old_dirs), (new_files, new_dirs) = before, after
    changes = sorted(
        [f"added {p}" for p in new_files.keys() - old_files.keys()]
        + [f"removed {p}" for p in old_files.keys() - new_files.keys()]
        + [f"changed {p}" for p in old_files.keys() & new_files.keys() if old_files[p] != new_files[p]]
        + [f"added dir {p}" for p in new_dirs.keys() - old_dirs.keys()]
        + [f"removed dir {p}" for p in old_dirs.keys() - new_dirs.keys()]
        + [f"touched dir {p}" for p in old_dirs.keys() & new_dirs.keys() if old_dirs[p] != new_dirs[p]]
    )
    assert changes == [], f"the program wrote into its install folder {root}: {changes}"


class Install:
    def __init__(self, site: Path, work: Path) -> None:
        self.site = site  # what is on PYTHONPATH: reader/ and its metadata
        self.work = work  # per-run data dirs and the cwd of every process
        self.baseline = snapshot(site)
        self._runs = 0

    def fresh_dir(self, label: str) -> Path:
        self._runs += 1
        folder = self.work / f"{self._runs:02d}-{label}"
        folder.mkdir()
        return folder

    def env(self, data_dir: Path, **extra: str) -> dict[str, str]:
        """Dependencies from the venv, ``reader`` from the install, every user file under ``data_dir``."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("READING_ROOM_", "PYTHON"))}
        xdg = data_dir / "xdg"
        for name in ("cache", "config", "data", "state", "runtime"):
            (xdg / name).mkdir(parents=True, mode=0o700)
        env |= {
            "PYTHONPATH": str(self.site),
            "READING_ROOM_DATA_DIR": str(data_dir / "rr"),
            "QT_QPA_PLATFORM": "offscreen",
            # Qt and fontconfig write caches too: keep them in the tmp folder, not in $HOME.
            "XDG_CACHE_HOME": str(xdg / "cache"),
            "XDG_CONFIG_HOME": str(xdg / "config"),
            "XDG_DATA_HOME": str(xdg / "data"),
            "XDG_STATE_HOME": str(xdg / "state"),
            "XDG_RUNTIME_DIR": str(xdg / "runtime"),
        }
        return env | extra

    def python(self, code: str, *args: str) -> list[str]:
        return [sys.executable, "-B", "-c", code, *args]

    def popen(self, code: str, *args: str, data_dir: Path, **extra: str) -> subprocess.Popen[str]:
        # cwd outside the checkout: ``-c`` puts the cwd first on sys.path.
        return subprocess.Popen(self.python(code, *args), cwd=data_dir, env=self.env(data_dir, **extra),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def cli(self, *args: str, label: str = "cli") -> tuple[subprocess.CompletedProcess[str], Path]:
        data_dir = self.fresh_dir(label)
        proc = self.popen(MAIN, *args, data_dir=data_dir)
        return finish(proc), data_dir


MAIN = "import sys; from reader.__main__ import main; sys.exit(main())"


def finish(proc: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"{proc.args} did not finish in {TIMEOUT} s\nstdout:\n{out}\nstderr:\n{err}")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 0 and nothing on stderr but the offscreen plugin's own notice."""
    noise = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith(QT_NOISE)]
    assert result.returncode == 0 and noise == [], (
        f"exit {result.returncode}\nstdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
    )


@pytest.fixture(scope="module")
def install(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Install]:
    base = tmp_path_factory.mktemp("readonly-install")
    source, site = base / "src", base / "site"
    _copy_sources(source)
    _pip_install(source, site)
    shutil.rmtree(source)
    # An installer precompiles (pip --target already does; compileall makes sure), then nothing is writable.
    assert compileall.compile_dir(str(site), quiet=1, workers=0)
    (base / "work").mkdir()
    _set_writable(site, False)
    try:
        yield Install(site, base / "work")
    finally:
        _set_writable(site, True)


# -- the tests ---------------------------------------------------------------------------------


WHERE = """
import json, reader, reader.resources
from reader.core.resources import bundled_archive
print(json.dumps([reader.__file__, reader.resources.__file__, str(bundled_archive())]))
"""


def test_the_copy_is_what_runs_and_holds_the_bundled_archive(install: Install) -> None:
    data_dir = install.fresh_dir("where")
    result = finish(install.popen(WHERE, data_dir=data_dir))
    assert_clean(result)
    site = install.site.resolve()
    for path in json.loads(result.stdout):
        assert Path(path).resolve().is_relative_to(site), f"{path} is not in the installed copy {site}"
    archive = site / "reader" / "resources" / "archive"
    assert (archive / "archive.toml").is_file()
    assert (archive / "articles" / f"{SEED_ID}.md").is_file()
    assert (archive / "index" / "manifest.json").is_file()
    assert stat.S_IMODE((archive / "index").stat().st_mode) & 0o222 == 0


def test_cli_lists_and_searches_without_writing_into_the_install(install: Install) -> None:
    listing, list_dir = install.cli("list", "--json", label="list")
    assert_clean(listing)
    assert SEED_ID in [article["id"] for article in json.loads(listing.stdout)]

    found, search_dir = install.cli("search", "socialism", "--json", label="search")
    assert_clean(found)
    result = json.loads(found.stdout)
    assert result["total"] >= 1
    assert SEED_ID in [hit["id"] for hit in result["hits"]]

    assert_unchanged(install.baseline, install.site)
    # What was written went to the data dir: the log, and no index of its own (the bundled one is used).
    for data_dir in (list_dir, search_dir):
        assert (data_dir / "rr" / "log" / "reading-room.log").is_file()
    assert not (search_dir / "rr" / "cache" / "indexes").exists()


def test_gui_reaches_the_first_article_without_writing_into_the_install(install: Install) -> None:
    data_dir = install.fresh_dir("gui")
    result = finish(install.popen(MAIN, data_dir=data_dir, READING_ROOM_STARTUP_PROBE="1"))
    assert_clean(result)
    events = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("probe ")]
    assert sorted(events[:2]) == ["article_shown", "library_painted"] and events[2:] == ["rss_mb"], (
        result.stdout
    )
    assert_unchanged(install.baseline, install.site)
    user_files = {p.relative_to(data_dir / "rr").as_posix() for p in (data_dir / "rr").rglob("*")}
    assert "log/reading-room.log" in user_files


SEARCH_LOOP = """
import sys
from pathlib import Path
from reader.core import paths
from reader.core.resources import bundled_archive
from reader.core.search import SearchIndex

rounds, site = int(sys.argv[1]), Path(sys.argv[2]).resolve()
archive = bundled_archive()
assert archive.resolve().is_relative_to(site), archive
where = paths.resolve()
for _ in range(rounds):
    with SearchIndex.open(archive, where) as index:
        assert index.index_dir.resolve().is_relative_to(site), index.index_dir
        result = index.search("socialism")
        assert result.total >= 1 and not result.partial and result.message is None, result
print("ok", rounds)
"""


def test_processes_share_the_archive_and_index_at_once(install: Install) -> None:
    # Two CLI searches started together, a few rounds in a row.
    for round_ in range(3):
        dirs = [install.fresh_dir(f"pair{round_}-{n}") for n in range(2)]
        procs = [install.popen(MAIN, "search", "socialism", "--json", data_dir=d) for d in dirs]
        for proc in procs:
            result = finish(proc)
            assert_clean(result)
            assert SEED_ID in [hit["id"] for hit in json.loads(result.stdout)["hits"]]
    # Two processes each opening the index and searching 50 times, with a GUI starting meanwhile.
    loops = [install.popen(SEARCH_LOOP, "50", str(install.site), data_dir=install.fresh_dir(f"loop{n}"))
             for n in range(2)]
    gui = install.popen(MAIN, data_dir=install.fresh_dir("gui-parallel"), READING_ROOM_STARTUP_PROBE="1")
    results = [finish(proc) for proc in [*loops, gui]]
    for result in results:
        assert_clean(result)
    assert [r.stdout.split() for r in results[:2]] == [["ok", "50"], ["ok", "50"]]
    assert "probe article_shown" in results[2].stdout
    assert_unchanged(install.baseline, install.site)
