"""Every package under reader/ is listed in pyproject.toml, or `pip install .` would drop it."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_every_package_is_listed() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "reader").rglob("__init__.py")}
    assert found - listed == set()
    assert "reader.resources" in listed
