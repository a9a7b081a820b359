"""The synthetic WordPress export and the import benchmark's harness.

The import benchmark is only comparable across runs if the export is
deterministic, and a re-import check only means something if the changed copy
changes exactly the posts its sidecar names.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import wxr_synth  # noqa: E402

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_POST_ID = re.compile(r"<wp:post_id>(\d+)</wp:post_id>")


def _items(path: Path) -> dict[int, str]:
    """post_id -> the exact text of its <item> element."""
    text = path.read_text(encoding="utf-8")
    chunks = text.split("\t<item>\n")[1:]
    return {int(_POST_ID.search(chunk)[1]): chunk.split("\t</item>\n")[0] for chunk in chunks}


def _ids(manifest: dict, key: str) -> set[int]:
    return {entry["post_id"] for entry in manifest[key]}


def test_export_is_well_formed_wxr_with_the_whole_mix(tmp_path: Path) -> None:
    manifest = wxr_synth.generate(tmp_path / "site.xml", 30, seed=3)
    root = ET.parse(tmp_path / "site.xml").getroot()
    channel = root.find("channel")
    assert root.tag == "rss" and channel is not None
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findall(f"{WP}author") and channel.find(f"{WP}author/{WP}author_display_name") is not None
    names = {c.findtext(f"{WP}cat_name") for c in channel.iter(f"{WP}category")}
    names |= {t.findtext(f"{WP}tag_name") for t in channel.iter(f"{WP}tag")}
    assert {"Économie", "社会主义", "Ärger"} <= names
    items = channel.findall("item")
    assert len(items) == manifest["items"] == 30
    def kind_of(item: ET.Element) -> tuple[str | None, str | None]:
        return item.findtext(f"{WP}post_type"), item.findtext(f"{WP}status")

    kinds = Counter(kind_of(i) for i in items)
    assert kinds[("post", "publish")] == manifest["kinds"]["post"] + manifest["kinds"].get("protected", 0)
    assert manifest["kinds"]["post"] >= 24
    assert {("post", "draft"), ("page", "publish"), ("attachment", "inherit")} <= set(kinds)
    published = [i for i in items
                 if kind_of(i) == ("post", "publish") and not i.findtext(f"{WP}post_password")]
    assert len(published) == manifest["articles"]["default"]
    for item in published:
        for tag in ("title", "link", "guid", "{http://purl.org/dc/elements/1.1/}creator", f"{WP}post_id",
                    f"{WP}post_date", f"{WP}post_date_gmt", f"{WP}post_name"):
            assert item.find(tag) is not None, tag
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.find("category[@domain='category']").get("nicename")
        assert len((item.findtext(CONTENT) or "").split()) >= 150
    bodies = [i.findtext(CONTENT) or "" for i in published]
    assert any("<!-- wp:paragraph -->" in b for b in bodies)          # block editor
    assert any("<!-- wp:" not in b and "\n\n" in b for b in bodies)   # classic editor


def test_same_arguments_write_identical_bytes(tmp_path: Path) -> None:
    first = wxr_synth.generate(tmp_path / "a.xml", 30, seed=3)
    second = wxr_synth.generate(tmp_path / "b.xml", 30, seed=3, workers=2)
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()
    assert first["sha256"] == second["sha256"]
    other = wxr_synth.generate(tmp_path / "c.xml", 30, seed=4)
    assert other["sha256"] != first["sha256"]
    wxr_synth.generate(tmp_path / "d.xml", 30, seed=3, namespace="https")
    assert ET.parse(tmp_path / "d.xml").getroot().find(
        "channel/{https://wordpress.org/export/1.2/}wxr_version") is not None


def test_changed_copy_changes_exactly_what_it_reports(tmp_path: Path) -> None:
    wxr_synth.generate(tmp_path / "base.xml", 30, seed=3)
    manifest = wxr_synth.generate(tmp_path / "copy.xml", 30, seed=3, edit_fraction=0.1, add=4, remove=2)
    ET.parse(tmp_path / "copy.xml")
    assert json.loads((tmp_path / "copy.xml.json").read_text(encoding="utf-8")) == manifest
    base, copy = _items(tmp_path / "base.xml"), _items(tmp_path / "copy.xml")
    edited, added, removed = (_ids(manifest, k) for k in ("edited", "added", "removed"))
    assert len(edited) == round(0.1 * 26) and len(added) == 4 and len(removed) == 2
    assert set(base) - set(copy) == removed
    assert set(copy) - set(base) == added
    assert {pid for pid in set(base) & set(copy) if base[pid] != copy[pid]} == edited
    for pid in edited:  # one sentence of the content, and the modification date
        old, new = (_field(items[pid], "content:encoded").split(" ") for items in (base, copy))
        assert len(old) == len(new)
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        assert changed and changed[-1] - changed[0] < 24
        assert _field(copy[pid], "wp:post_modified") == wxr_synth.EDITED_AT
    kinds = {pid: _kind(copy[pid]) for pid in added}
    assert set(kinds.values()) == {("post", "publish")}
    assert manifest["articles"]["default"] == 26 - 2 + 4


def _field(item: str, tag: str) -> str:
    """The text of a CDATA field of an item's XML (split sections joined again)."""
    found = re.search(rf"<{tag}><!\[CDATA\[(.*?)\]\]></{tag}>", item, re.DOTALL)
    assert found, tag
    return found[1].replace("]]]]><![CDATA[>", "]]>")


def _kind(item: str) -> tuple[str, str]:
    return _field(item, "wp:post_type"), _field(item, "wp:status")


def test_size_mode_stops_at_the_target_and_refuses_changes(tmp_path: Path) -> None:
    manifest = wxr_synth.generate(tmp_path / "s.xml", size_mb=0.5)
    assert 0.5 * 2**20 <= (tmp_path / "s.xml").stat().st_size == manifest["bytes"] < 0.6 * 2**20
    ET.parse(tmp_path / "s.xml")
    with pytest.raises(wxr_synth.ChangeError):
        wxr_synth.generate(tmp_path / "t.xml", size_mb=0.5, add=1)


def test_bench_baseline_only_prints_json(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(BENCHMARKS / "wxr_import_bench.py"), "--posts", "40",
                           "--baseline-only", "--cache", str(tmp_path / "cache"),
                           "--workdir", str(tmp_path / "w")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["items"] == 40
    assert report["baseline"]["articles"] == report["published_posts"] > 30
    assert report["baseline"]["peak_rss_mb"] > 0 and report["baseline"]["articles_per_s"] > 0


def _has_wxr_importer() -> bool:
    return any((BENCHMARKS.parent / "reader" / "core" / "importers").glob("wxr*.py"))


@pytest.mark.skipif(not _has_wxr_importer(), reason="reader/core/importers/wxr*.py not written yet")
def test_bench_full_prints_the_whole_contract(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(BENCHMARKS / "wxr_import_bench.py"), "--posts", "60",
                           "--cache", str(tmp_path / "cache"), "--workdir", str(tmp_path / "w")],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and "error" not in report, done.stderr
    ours = report["import"]
    for key in ("wall_s", "articles", "articles_expected", "articles_per_s", "peak_rss_mb", "index_mb",
                "reimport", "changed_copy"):
        assert key in ours, key
    assert ours["articles"] == ours["articles_expected"] == report["published_posts"]
    assert ours["peak_rss_mb"] > 0 and ours["index_mb"] > 0
    assert {"articles_per_s_min", "peak_rss_mb_max", "met"} <= set(report["targets"])
