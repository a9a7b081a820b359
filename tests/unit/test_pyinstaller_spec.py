"""The PyInstaller spec (packaging/pyinstaller/reading-room.spec), read with ``ast``: no build,
no PyInstaller needed.  The bundle itself is checked by ``make dist`` (smoke_test.py)."""

from __future__ import annotations

import ast
import fnmatch
import tomllib

import pytest

from tests.conftest import REPO

SPEC = REPO / "packaging" / "pyinstaller" / "reading-room.spec"
SMOKE = REPO / "packaging" / "pyinstaller" / "smoke_test.py"


@pytest.fixture(scope="module")
def tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def literal(tree: ast.Module, name: str) -> object:
    """The value of a module-level ``NAME = <literal>`` in the spec."""
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"the spec has no literal {name}")


def calls(tree: ast.Module, func: str) -> list[ast.Call]:
    return [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func
    ]


def keyword(call: ast.Call, name: str) -> ast.expr:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    raise AssertionError(f"{ast.unparse(call)[:80]} has no {name}=")


def pyside6_modules_imported_by_reader() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "reader").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("PySide6."))
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "PySide6":
                if node.module == "PySide6":  # from PySide6 import QtCore
                    found.update(f"PySide6.{alias.name}" for alias in node.names)
                else:
                    found.add(".".join(node.module.split(".")[:2]))
    return found


def test_the_spec_is_valid_python(tree: ast.Module) -> None:
    compile(tree, str(SPEC), "exec")
    ast.parse(SMOKE.read_text(encoding="utf-8"))


def test_webengine_and_other_unused_qt_modules_are_excluded(tree: ast.Module) -> None:
    excludes = literal(tree, "EXCLUDES")
    assert isinstance(excludes, list)
    for module in ("PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtQml",
                   "PySide6.QtQuick", "PySide6.QtMultimedia", "PySide6.Qt3DCore", "PySide6.QtCharts",
                   "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDesigner", "tkinter", "unittest"):
        assert module in excludes
    analysis = calls(tree, "Analysis")
    assert len(analysis) == 1
    assert ast.unparse(keyword(analysis[0], "excludes")) == "EXCLUDES"


def test_no_pyside6_module_reader_imports_is_excluded(tree: ast.Module) -> None:
    used = pyside6_modules_imported_by_reader()
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= used  # the scan works
    excludes = set(literal(tree, "EXCLUDES"))  # type: ignore[arg-type]
    excluded = {m for m in used if m in excludes or any(m.startswith(e + ".") for e in excludes)}
    assert not excluded, f"reader/ imports {sorted(excluded)}, which the spec excludes"


def test_the_datas_are_the_package_data_with_the_archive_and_its_index(tree: ast.Module) -> None:
    globs = literal(tree, "DATA_GLOBS")
    assert isinstance(globs, list)
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert globs == pyproject["tool"]["setuptools"]["package-data"]["reader.resources"]
    assert "archive/index/*" in globs
    assert literal(tree, "RESOURCES_DEST") == "reader/resources"
    assert "MAIN_WRITELOCK" in literal(tree, "DATA_EXCLUDE_NAMES")  # type: ignore[operator]
    resources = REPO / "resources"
    for required in ("archive/archive.toml", "archive/articles/hasnt-socialism-been-tried-and-failed.md"):
        assert any(fnmatch.fnmatch(required, g) for g in globs), required  # type: ignore[union-attr]
        assert (resources / required).is_file()
    index = [p for g in globs if g.startswith("archive/index") for p in resources.glob(g)]  # type: ignore[union-attr]
    assert any(p.suffix == ".toc" for p in index), "the bundled archive has no prebuilt index"
    analysis = calls(tree, "Analysis")[0]
    assert ast.unparse(keyword(analysis, "datas")) == "datas"


def test_two_executables_in_one_folder(tree: ast.Module) -> None:
    assert literal(tree, "EXE_CLI") == "reading-room"
    assert literal(tree, "EXE_GUI") == "reading-room-gui"
    exes = {ast.unparse(keyword(call, "name")): call for call in calls(tree, "EXE")}
    assert set(exes) == {"EXE_CLI", "EXE_GUI"}
    assert ast.literal_eval(keyword(exes["EXE_CLI"], "console")) is True
    assert ast.literal_eval(keyword(exes["EXE_GUI"], "console")) is False
    collect = calls(tree, "COLLECT")
    assert len(collect) == 1
    assert ast.literal_eval(keyword(collect[0], "name")) == "reading-room"
    assert [ast.unparse(arg) for arg in collect[0].args[:2]] == ["exe_cli", "exe_gui"]
    assert not calls(tree, "MERGE")  # MERGE would give the executables onefile semantics
    # the same entry point as [project.scripts] and [project.gui-scripts]
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["reading-room"] == "reader.__main__:main"
    assert pyproject["project"]["gui-scripts"]["reading-room-gui"] == "reader.__main__:main"
    assert "launcher.py" in ast.unparse(calls(tree, "Analysis")[0].args[0])
    launcher = (SPEC.parent / "launcher.py").read_text(encoding="utf-8")
    assert "from reader.__main__ import main" in launcher
    assert "multiprocessing.freeze_support()" in launcher


def test_the_macos_bundle_is_guarded_and_names_the_app(tree: ast.Module) -> None:
    (bundle,) = calls(tree, "BUNDLE")
    guards = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.If) and "darwin" in ast.unparse(node.test) and bundle in ast.walk(node)
    ]
    assert guards
    assert ast.literal_eval(keyword(bundle, "name")) == "Reading Room.app"
    assert ast.unparse(keyword(bundle, "bundle_identifier")) == "APP_ID"
    assert "rrpack" in ast.unparse(keyword(bundle, "info_plist"))
