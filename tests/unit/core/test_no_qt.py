"""reader.core must stay headless: no PySide6, by source and at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reader.core

CORE = Path(reader.core.__file__).parent


def test_no_module_under_core_imports_pyside6() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in names):
                offenders.append(f"{path.relative_to(CORE)}:{node.lineno}")
    assert offenders == []


def test_importing_all_of_core_and_the_cli_loads_no_qt() -> None:
    modules = sorted(
        "reader.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
    )
    modules = [m.removesuffix(".__init__") for m in modules] + ["reader.cli"]
    code = f"import sys\nfor m in {modules!r}: __import__(m)\nprint('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
