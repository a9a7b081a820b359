"""Walks the app's accessibility tree over AT-SPI, as Orca sees it (started by test_atspi.py).

    /usr/bin/python3 atspi_walk.py REPORT.json APP-COMMAND...

Runs under the system Python (Debian's python3-pyatspi; the venv cannot import gi),
inside a private session D-Bus with an X display.  It starts APP-COMMAND
(a11y_app.py), finds the application on the AT-SPI desktop by its process id, and for
each stage (the main window, the caret moved, the note editor, the find bar, Preferences,
the import, export and shortcuts dialogs) writes every node it reaches: role, name,
description, states, labels, and for text nodes their text, caret and the line and word at
the caret read through the Text interface; with the caret-moved and announcement events
received after the caret moved and a highlight was made.  The test judges the report; this
script only reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

CONTAINERS = {"list", "list box", "table", "tree", "tree table"}  # their items come from models
ITEMS_PER_CONTAINER = 8  # enough to see how items are named; the library has hundreds of cells
STATES = {"focusable": pyatspi.STATE_FOCUSABLE, "focused": pyatspi.STATE_FOCUSED,
          "showing": pyatspi.STATE_SHOWING, "visible": pyatspi.STATE_VISIBLE,
          "enabled": pyatspi.STATE_ENABLED, "editable": pyatspi.STATE_EDITABLE,
          "multi_line": pyatspi.STATE_MULTI_LINE}
BOUNDARIES = {"line": pyatspi.TEXT_BOUNDARY_LINE_START, "word": pyatspi.TEXT_BOUNDARY_WORD_START,
              "sentence": pyatspi.TEXT_BOUNDARY_SENTENCE_START}


class Events:
    """Caret moves and announcements the app sends, as Orca would receive them."""

    TYPES = ("object:text-caret-moved", "object:announcement")

    def __init__(self) -> None:
        self.seen: list[dict[str, object]] = []
        pyatspi.Registry.registerEventListener(self.on_event, *self.TYPES)

    def on_event(self, event: object) -> None:
        source = event.source
        self.seen.append({"type": event.type, "source": source.name if source is not None else "",
                          "detail1": event.detail1, "data": str(event.any_data or "")})

    def take(self) -> list[dict[str, object]]:
        taken, self.seen = self.seen, []
        return taken


def pump(seconds: float) -> None:
    """Let GLib deliver the events that arrived (pyatspi dispatches from its main context)."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not context.iteration(False):
            time.sleep(0.02)


def find_app(pid: int, timeout: float = 30.0) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.get_process_id() == pid:
                return app
        time.sleep(0.2)
    raise SystemExit(f"the app (pid {pid}) never appeared on the AT-SPI desktop")


def text_of(node: object) -> dict[str, object] | None:
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    count = text.characterCount
    caret = text.caretOffset
    info: dict[str, object] = {"count": count, "caret": caret, "text": text.getText(0, min(count, 20_000))}
    if count:
        at = min(max(caret, 0), count - 1)
        for name, boundary in BOUNDARIES.items():
            chunk, start, end = text.getTextAtOffset(at, boundary)
            info[name] = {"text": chunk, "start": start, "end": end}
    return info


def walk(node: object, path: str, out: list[dict[str, object]], depth: int = 0) -> None:
    if node is None or depth > 40:
        return
    role = node.getRoleName()
    states = node.getState()
    entry: dict[str, object] = {
        "path": path, "role": role, "name": node.name or "", "description": node.description or "",
        "states": sorted(name for name, state in STATES.items() if states.contains(state)),
        "children": node.childCount,
        "labelled_by": [target.name for relation in node.getRelationSet()
                        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY
                        for target in (relation.getTarget(i) for i in range(relation.getNTargets()))
                        if target is not None],
    }
    if role in {"text", "document text", "document frame", "entry", "paragraph", "terminal"} \
            or "multi_line" in entry["states"]:
        entry["text"] = text_of(node)
    out.append(entry)
    count = node.childCount
    if role in CONTAINERS:
        count = min(count, ITEMS_PER_CONTAINER)
    for index in range(count):
        try:
            child = node.getChildAtIndex(index)
        except Exception:  # a child that vanished while we walked
            continue
        label = f"{child.getRoleName()}[{index}]" if child is not None else f"?[{index}]"
        walk(child, f"{path}/{label}", out, depth + 1)


def snapshot(app: object) -> list[dict[str, object]]:
    nodes: list[dict[str, object]] = []
    for index in range(app.childCount):
        window = app.getChildAtIndex(index)
        if window is not None:
            walk(window, f"{window.getRoleName()}[{index}]", nodes)
    return nodes


def main() -> int:
    report_path, command = sys.argv[1], sys.argv[2:]
    app_process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert app_process.stdin is not None and app_process.stdout is not None

    def ask(line: str) -> dict[str, object]:
        app_process.stdin.write(line + "\n")
        app_process.stdin.flush()
        answer = app_process.stdout.readline()
        if not answer:
            raise SystemExit(f"the app ended while asked {line!r}")
        pump(0.6)  # let Qt's events for what changed arrive before the tree is read
        return json.loads(answer)

    report: dict[str, object] = {}
    try:
        ready = json.loads(app_process.stdout.readline() or "null")
        if not ready:
            raise SystemExit("the app did not start")
        app = find_app(int(ready["pid"]))
        events = Events()
        report["app"] = {"name": app.name, "title": ready["ready"]}
        pump(0.5)
        report["main"] = snapshot(app)
        events.take()
        caret = ask("caret")["caret"]
        report["caret"] = {"app": caret, "events": events.take(), "nodes": snapshot(app)}
        report["highlight"] = {"app": ask("highlight")["highlight"], "events": events.take()}
        for stage in ("note", "find", "preferences", "import", "export", "shortcuts"):
            title = ask(stage)[stage]
            report[stage] = {"title": title, "nodes": snapshot(app)}
            ask("close")
        ask("quit")
        app_process.wait(timeout=20)
    finally:
        if app_process.poll() is None:
            app_process.kill()
    with open(report_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
