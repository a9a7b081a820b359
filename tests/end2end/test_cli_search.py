"""``reading-room search`` and ``index`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.search import sidecar
from tests.end2end.test_cli import rr

HIT_KEYS = {"id", "title", "date", "authors", "score", "snippet"}


def test_search_json_contract_on_the_bundled_archive(data_dir: Path) -> None:
    out = json.loads(rr("search", "socialism", "--json", data_dir=data_dir).stdout)
    assert {"query", "total", "hits", "facets", "suggestion"} <= out.keys()
    assert out["query"] == "socialism" and out["total"] == 1
    (hit,) = out["hits"]
    assert set(hit) == HIT_KEYS
    assert "<mark>socialism</mark>" in hit["snippet"].lower()
    assert set(out["facets"]) == {"authors", "year", "tags", "categories"}


def test_did_you_mean(data_dir: Path) -> None:
    out = json.loads(rr("search", "capitalsm", "--json", data_dir=data_dir).stdout)
    assert out["total"] == 0 and out["suggestion"] == "capitalism"
    assert "Did you mean: capitalism" in rr("search", "capitalsm", data_dir=data_dir).stdout


HOSTILE = ["?*?*?", "*", " ".join(["w"] * 2000), "(" * 2000 + "a" + ")" * 2000, "a~5"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer_with_a_message(data_dir: Path, query: str) -> None:
    result = rr("search", query, data_dir=data_dir, check=False)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr
    if result.returncode == 1:
        assert result.stderr.count("\n") == 1


def test_corrupted_index_is_rebuilt_on_the_next_search(make_archive, data_dir: Path) -> None:
    root = make_archive({"a": "+++\ntitle = \"Apples\"\n+++\n\nRed apples and pears.\n"})
    assert "1 article indexed" in rr("index", "--archive", root, data_dir=data_dir).stdout
    for segment in (root / "index").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:100])
    result = rr("search", "pears", "--archive", root, data_dir=data_dir)
    assert "damaged and has been rebuilt" in result.stderr
    assert "Red apples and [pears]" in result.stdout


def test_import_updates_an_existing_index(tmp_path: Path, data_dir: Path) -> None:
    into = tmp_path / "mine"
    first = tmp_path / "first.md"
    first.write_text("# Apples\n\nRed apples.\n", encoding="utf-8")
    rr("import", first, "--into", into, data_dir=data_dir)
    rr("index", "--archive", into, data_dir=data_dir)
    second = tmp_path / "second.md"
    second.write_text("# Pears\n\nGreen pears.\n", encoding="utf-8")
    rr("import", second, "--into", into, data_dir=data_dir)
    manifest = sidecar.read_manifest(into / "index")
    assert manifest is not None and {"apples.md", "pears.md"} == set(sidecar.manifest_stamps(manifest))
    out = json.loads(rr("search", "pears", "--archive", into, "--json", data_dir=data_dir).stdout)
    assert [hit["id"] for hit in out["hits"]] == ["pears"]


def test_a_star_finds_long_words_after_an_import(tmp_path: Path, data_dir: Path) -> None:
    from tests.unit.core.importers.wxr_builder import item, wxr
    from tests.unit.core.search.test_long_words import DISH, HILL

    export = tmp_path / "site.xml"
    export.write_text(wxr(item(1, f"<p>{DISH}</p>", title=HILL)), encoding="utf-8")
    rr("import", export, "--into", tmp_path / "site", data_dir=data_dir)
    for typed in ("Taumata*", f"{DISH[:45]}*", f"{DISH[:99]}*"):
        out = json.loads(rr("--archive", tmp_path / "site", "search", typed, "--json",
                            data_dir=data_dir).stdout)
        assert [hit["id"] for hit in out["hits"]] == ["post-1"], typed
