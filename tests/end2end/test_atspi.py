"""What a screen reader gets from the real app: the AT-SPI tree under Xvfb on a private D-Bus.

The app (a11y_app.py, the venv's Python) runs on the xcb platform of a fresh Xvfb
display, with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, inside ``dbus-run-session``; the
session bus starts the AT-SPI bus and registry (at-spi2-core) on demand, as on a
desktop.  atspi_walk.py (Debian's /usr/bin/python3 with python3-pyatspi; gi is not
in the venv) reads the tree as Orca would.  The run fails, never skips, when a tool is
missing: .ci/run installs them (xvfb, dbus, at-spi2-core, python3-pyatspi, gir1.2-atspi-2.0).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.end2end.xsession import session_env, start_xvfb

HERE = Path(__file__).parent
REPO = HERE.parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUNDLED = REPO / "resources" / "archive" / "articles" / "hasnt-socialism-been-tried-and-failed.md"
STAGES = ("main", "caret", "note", "find", "preferences", "import", "export", "shortcuts")
#: AT-SPI roles a reader operates: each needs a name (so does anything focusable).
CONTROL_ROLES = {"push button", "toggle button", "check box", "radio button", "combo box", "text", "entry",
                 "password text", "spin button", "slider", "scroll bar", "page tab", "page tab list", "list",
                 "list box", "list item", "tree", "table", "tree table", "table cell", "menu item",
                 "check menu item", "radio menu item", "popup menu"}
ITEM_ROLES = {"list item", "table cell"}  # an item that cannot take the focus (a separator) is not operated
TEXT_ROLES = {"text", "document text", "document frame", "label"}  # Qt gives a QTextBrowser "label"


def _missing_tools() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-run-session") if shutil.which(tool) is None]
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True) \
        if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    missing = _missing_tools()
    if missing:
        pytest.fail(f"the AT-SPI check needs {', '.join(missing)} (see .ci/run)")
    root = tmp_path_factory.mktemp("atspi")
    xvfb, display = start_xvfb()
    env = session_env(display, root)
    out = root / "report.json"
    try:
        walk = [SYSTEM_PYTHON, str(HERE / "atspi_walk.py"), str(out), sys.executable,
                str(HERE / "a11y_app.py")]
        result = subprocess.run(["dbus-run-session", "--", *walk], env=env, capture_output=True, text=True,
                                timeout=180)
    finally:
        xvfb.kill()
        xvfb.wait()
    assert result.returncode == 0 and out.exists(), result.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def nodes(report: dict[str, object], stage: str) -> list[dict]:
    found = report[stage]
    return found if isinstance(found, list) else found["nodes"]  # type: ignore[index]


def article(report: dict[str, object], stage: str) -> dict:
    [node] = [n for n in nodes(report, stage) if n["name"] == "Article" and n.get("text")]
    return node


def first_paragraph() -> str:
    body = BUNDLED.read_text(encoding="utf-8").split("+++", 2)[2]
    return next(p for p in body.split("\n\n") if len(p.split()) >= 12).strip()


@pytest.mark.parametrize("stage", STAGES)
def test_every_control_has_a_name(report: dict[str, object], stage: str) -> None:
    unnamed = [f"{n['role']} at {n['path']}" for n in nodes(report, stage)
               if ("focusable" in n["states"] or n["role"] in CONTROL_ROLES - ITEM_ROLES)
               and not n["name"].strip()]
    assert unnamed == []


def test_combo_boxes_say_what_they_choose(report: dict[str, object]) -> None:
    """On Linux a combo box's name is its value: a label or a description must say what it is."""
    combos = [n for stage in STAGES for n in nodes(report, stage) if n["role"] == "combo box"]
    assert len(combos) >= 5
    assert [n["path"] for n in combos if not (n["labelled_by"] or n["description"])] == []


def test_the_article_is_readable_text(report: dict[str, object]) -> None:
    node = article(report, "main")
    assert node["role"] in TEXT_ROLES and {"focusable", "multi_line", "showing"} <= set(node["states"])
    paragraph = " ".join(first_paragraph().split())
    assert paragraph in " ".join(node["text"]["text"].split())
    assert report["app"]["name"] == "Reading Room"  # type: ignore[index]


def test_the_caret_is_followed_and_read_by_line_and_word(report: dict[str, object]) -> None:
    moved = report["caret"]  # type: ignore[index]
    text = article(report, "caret")["text"]
    position, paragraph = moved["app"]["position"], moved["app"]["paragraph"]
    assert text["caret"] == position
    assert {"type": "object:text-caret-moved", "source": "Article", "detail1": position} in [
        {key: e[key] for key in ("type", "source", "detail1")} for e in moved["events"]]
    assert text["word"]["text"].strip() == paragraph.split()[0]  # "Einstein"
    assert paragraph.startswith(text["line"]["text"].rstrip()) and len(text["line"]["text"]) < len(paragraph)
    assert text["sentence"]["text"].startswith("Einstein famously remarked")


def test_a_new_highlight_is_announced(report: dict[str, object]) -> None:
    made = report["highlight"]  # type: ignore[index]
    assert made["app"] == "Einstein"
    assert {"type": "object:announcement", "source": "Article", "data": "Yellow highlight added."} in [
        {key: e[key] for key in ("type", "source", "data")} for e in made["events"]]


@pytest.mark.parametrize(("stage", "role", "title"), [
    ("preferences", "dialog", "Preferences"), ("import", "dialog", "New Archive"),
    ("export", "dialog", "Export notes"), ("shortcuts", "dialog", "Keyboard shortcuts"),
    ("note", "dialog", "Edit highlight")])
def test_dialogs_are_reached(report: dict[str, object], stage: str, role: str, title: str) -> None:
    assert report[stage]["title"].startswith(title)  # type: ignore[index]
    dialogs = [n for n in nodes(report, stage) if n["role"] == role and n["name"].startswith(title)]
    assert dialogs, f"no {role} named {title!r}"
    inside = [n for n in nodes(report, stage) if n["path"].startswith(dialogs[0]["path"] + "/")
              and "focusable" in n["states"]]
    assert len(inside) >= 4


def test_the_find_bar_is_reached(report: dict[str, object]) -> None:
    [field] = [n for n in nodes(report, "find") if n["name"] == "Find text"]
    [before] = [n for n in nodes(report, "main") if n["name"] == "Find text"]
    assert "showing" not in before["states"]  # hidden until Ctrl+F (no window manager gives focus here)
    assert {"showing", "editable", "focusable"} <= set(field["states"])
