"""issue 14's front-end leftovers, through the real CLI: damaged notes rows, the log file named only
when it is written, Ctrl+C during a WordPress import."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import cli
from reader.core import log as logsetup
from reader.core import paths as pathsmod
from reader.core.importing import PARALLEL_BYTES
from reader.core.usecases import AppContext
from tests.end2end.test_cli import SEED_ID, rr
from tests.unit.core.importers.wxr_builder import item, write


def test_a_damaged_notes_row_is_named_on_stderr_and_the_rest_listed(data_dir: Path, tmp_path: Path) -> None:
    ids = [rr("notes", "add", SEED_ID, "--quote", quote, data_dir=data_dir).stdout.strip()
           for quote in ("Einstein famously remarked", "insanity")]
    with sqlite3.connect(data_dir / "data" / "annotations.sqlite") as db:
        db.execute("UPDATE annotations SET tags = '[not json' WHERE id = ?", (ids[0],))
    listed = rr("notes", "list", "--json", data_dir=data_dir)
    assert [n["id"] for n in json.loads(listed.stdout)] == [ids[1]]
    assert listed.stderr.count("\n") == 1 and ids[0] in listed.stderr and "damaged" in listed.stderr
    exported = rr("notes", "export", "--format", "json", "--output", tmp_path / "notes.json",
                  data_dir=data_dir)
    assert exported.stderr.count("\n") == 1 and ids[0] in exported.stderr
    written = (tmp_path / "notes.json").read_text(encoding="utf-8")
    assert ids[1] in written and ids[0] not in written


@pytest.mark.parametrize("writing", [True, False])
def test_an_unexpected_error_names_the_log_only_when_it_is_written(
        writing: bool, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = AppContext.create(None, None)
    if writing:
        logsetup.setup(ctx.paths.ensure())
    else:
        logsetup.setup_null()

    def broken(_ctx: AppContext, _args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    try:
        assert cli._run(ctx, argparse.Namespace(command="list"), broken) == cli.EXIT_BUG
    finally:
        logsetup.setup_null()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: boom" in err
    assert (str(pathsmod.resolve().log_file) in err) == writing


def test_ctrl_c_during_a_wordpress_import_says_one_line_and_keeps_the_archive(
        data_dir: Path, tmp_path: Path) -> None:
    """Two worker processes: neither they nor the parent print a KeyboardInterrupt traceback."""
    small = write(tmp_path / "v1.xml", item(1, "A first post that stays."))
    rr("import", small, "--into", tmp_path / "arch", data_dir=data_dir)
    before = {str(p.relative_to(tmp_path / "arch")): p.read_bytes()
              for p in (tmp_path / "arch").rglob("*") if p.is_file()}
    body = "<p>" + "Words of a long post about labour and organising. " * 400 + "</p>"
    big = write(tmp_path / "big.xml", *(item(n, body, title=f"Post {n}") for n in range(1, 400)))
    assert big.stat().st_size > PARALLEL_BYTES  # so two worker processes convert it
    env = {**os.environ, "READING_ROOM_DATA_DIR": str(data_dir)}
    process = subprocess.Popen([sys.executable, "-m", "reader", "import", str(big), "--into",
                                str(tmp_path / "arch")], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    # once the workers' posts are being written, Ctrl+C the whole process group as a terminal does
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".arch*/articles/post-40.md")) and process.poll() is None:
        assert time.monotonic() < deadline, "the import never got going"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    try:
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.splitlines() == ["reading-room: interrupted; nothing was changed by the unfinished step"]
    assert out == ""
    after = {str(p.relative_to(tmp_path / "arch")): p.read_bytes()
             for p in (tmp_path / "arch").rglob("*") if p.is_file()}
    assert after == before
