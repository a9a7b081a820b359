"""``notes export`` / ``notes import`` in a subprocess: round trip, merging, hostile files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

from reader.core.annotations import AnnotationStore
from tests.end2end.test_cli import SEED_ID, rr
from tests.end2end.test_cli_notes import one_line_error

SEED_URL = "https://marxiststudent.com/hasnt-socialism-been-tried-and-failed/"


def listing(data_dir: Path, *extra: str | Path) -> list[dict[str, object]]:
    return json.loads(rr("notes", "list", "--json", *extra, data_dir=data_dir).stdout)


def seed_notes(data_dir: Path) -> None:
    rr("notes", "add", SEED_ID, "--quote", "Einstein famously remarked", "--note", "**why**\nline 2",
       "--color", "green", "--tag", "quotes", "--tag", "science", "--creator", "Ann", data_dir=data_dir)
    rr("notes", "add", SEED_ID, "--quote", "socialism", "--occurrence", "2", "--style", "underline",
       "--color", "purple", "--creator", "Bo", data_dir=data_dir)
    rr("notes", "add", SEED_ID, "--quote", "the real failure of modern times", "--tag", "quotes",
       data_dir=data_dir)


def export_json(data_dir: Path, target: Path) -> dict[str, object]:
    rr("notes", "export", "--format", "json", "--output", target, data_dir=data_dir)
    return json.loads(target.read_text(encoding="utf-8"))


def test_round_trip_into_a_fresh_data_dir(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    exported = tmp_path / "out" / "notes.json"
    doc = export_json(data_dir, exported)
    assert doc["total"] == 3
    fresh = tmp_path / "fresh"
    result = rr("notes", "import", exported, data_dir=fresh)
    assert result.stdout == "3 imported, 0 updated, 0 skipped\n"
    original, copied = listing(data_dir), listing(fresh)
    assert copied == original and {r["anchored"] for r in copied} == {"exact"}
    assert rr("notes", "import", exported, data_dir=fresh).stdout == (
        "0 imported, 0 updated, 3 skipped (3 unchanged)\n")
    assert listing(fresh) == original

    items = doc["first"]["items"]  # type: ignore[index]
    items[0]["modified"] = "2099-01-01T00:00:00Z"
    items[0]["body"][0]["value"] = "edited elsewhere"
    items[1]["created"] = items[1]["modified"] = "2000-01-01T00:00:00Z"
    items[1]["rr:color"] = "blue"
    exported.write_text(json.dumps(doc), encoding="utf-8")
    result = rr("notes", "import", exported, data_dir=fresh)
    assert result.stdout == "0 imported, 1 updated, 2 skipped (1 older than yours, 1 unchanged)\n"
    after = {r["id"]: r for r in listing(fresh)}
    assert after[items[0]["id"][9:]]["note"] == "edited elsewhere"
    assert after[items[0]["id"][9:]]["modified"] == "2099-01-01T00:00:00Z"
    assert after[items[1]["id"][9:]]["color"] == "purple"
    assert len(after) == 3


def test_archive_without_source_urls_round_trips_by_urn(tmp_path: Path, data_dir: Path,
                                                       make_archive: Callable[..., Path]) -> None:
    archive = make_archive({"bread": '+++\ntitle = "Bread"\n+++\n\nBread and roses.\n'})
    rr("notes", "add", "bread", "--quote", "roses", "--archive", archive, data_dir=data_dir)
    rr("notes", "export", "--format", "json", "--output", tmp_path / "n.json", "--archive", archive,
       data_dir=data_dir)
    doc = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert doc["first"]["items"][0]["target"]["source"] == "urn:reading-room:arch:bread"
    fresh = tmp_path / "fresh"
    rr("notes", "import", tmp_path / "n.json", "--archive", archive, data_dir=fresh)
    assert listing(fresh, "--archive", archive) == listing(data_dir, "--archive", archive)
    # The bundled archive is not this one: its notes are "elsewhere", so nothing can be imported.
    result = rr("notes", "import", tmp_path / "n.json", data_dir=fresh, check=False)
    one_line_error(result, "none of the 1 notes", "urn:reading-room:arch:bread")


def test_export_markdown_html_and_scopes(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    rr("notes", "export", "--format", "md", "--output", tmp_path / "n.md", data_dir=data_dir)
    markdown = (tmp_path / "n.md").read_text(encoding="utf-8")
    assert "## Hasn't socialism been tried and failed?" in markdown and f"<{SEED_URL}>" in markdown
    assert "> Einstein famously remarked" in markdown and "#quotes #science" in markdown
    rr("notes", "export", "--format", "html", "--output", tmp_path / "n.html", "--tag", "science",
       data_dir=data_dir)
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert "Einstein famously remarked" in page and "socialism</blockquote>" not in page
    doc = export_json(data_dir, tmp_path / "n.json")
    assert doc["total"] == 3
    rr("notes", "export", "--format", "json", "--output", tmp_path / "q.json", "--article", SEED_ID,
       "--tag", "quotes", data_dir=data_dir)
    assert json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))["total"] == 2
    result = rr("notes", "export", "--format", "md", "--output", tmp_path / "x.md", "--tag", "nope",
                data_dir=data_dir, check=False)
    one_line_error(result, "no notes to export for tag 'nope'")
    assert not (tmp_path / "x.md").exists()


def hostile_corpus(good: dict[str, object], root: Path) -> dict[str, tuple[Path, str]]:
    """Name -> (file, a fragment its one-line error must contain)."""
    def variant(change: Callable[[dict[str, object]], object]) -> bytes:
        doc = copy.deepcopy(good)
        item = doc["first"]["items"][0]  # type: ignore[index]
        doc["first"]["items"] = [item]  # type: ignore[index]
        change(item)
        return json.dumps(doc).encode()

    def selectors(value: object) -> Callable[[dict[str, object]], object]:
        return lambda item: item["target"].__setitem__("selector", value)  # type: ignore[index]

    text = json.dumps(good).encode()
    fresh_good = copy.deepcopy(good["first"]["items"][0])  # type: ignore[index]
    fresh_good["id"] = "urn:uuid:11111111-2222-4333-8444-555555555555"
    cases: dict[str, tuple[bytes, str]] = {
        "truncated": (text[: len(text) // 2], "not valid JSON"),
        "empty": (b"", "not valid JSON"),
        "whitespace": (b" \n\t ", "not valid JSON"),
        "string": (b'"annotations"', "holds a JSON string"),
        "number": (b"3.14", "holds a JSON number"),
        "null": (b"null", "holds a JSON null"),
        "boolean": (b"true", "holds a JSON boolean"),
        "deep-arrays": (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        "deep-objects": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested more than"),
        "not-utf8": (text.replace(b"Einstein", b"Einst\xe9in"), "not UTF-8"),
        "utf16": (json.dumps(good).encode("utf-16"), "not UTF-8"),
        "nan": (b'[{"type": "Annotation", "x": NaN}]', "NaN"),
        "huge-int": (b'[{"type": "Annotation", "x": ' + b"9" * 100_000 + b"}]", "a number is too long"),
        "empty-array": (b"[]", "no annotations"),
        "not-annotations": (b'{"type": "Person", "name": "x"}', "not a W3C Web Annotation"),
        "remote-page": (b'{"type": "AnnotationCollection", "first": "http://x/p1"}', "no embedded"),
        "items-not-list": (b'{"type": "AnnotationPage", "items": "x"}', "no embedded"),
        "item-number": (b"[1]", "annotation 1 is a JSON number"),
        "wrong-type": (variant(lambda i: i.__setitem__("type", "Highlight")), "type 'Annotation'"),
        "unknown-article": (variant(lambda i: i["target"].__setitem__("source", "https://x.example/")),
                            "none of the 1 notes"),
        "other-archive-urn": (variant(lambda i: i["target"].__setitem__("source", "urn:reading-room:x:y")),
                              "none of the 1 notes"),
        "no-target": (variant(lambda i: i.pop("target")), "no target"),
        # a target with no selector is a page note (valid); these are not
        "target-number": (variant(lambda i: i.__setitem__("target", 5)), "no target"),
        "no-source": (variant(lambda i: i["target"].pop("source")), "'source' must be a string"),
        "selector-string": (variant(selectors(["p"])), "selector that is a JSON string"),
        "only-css-selector": (variant(selectors([{"type": "CssSelector", "value": "p"}])),
                              "1 unsupported selector (CssSelector)"),
        "exact-number": (variant(selectors([{"type": "TextQuoteSelector", "exact": 7}])), "must be a string"),
        "empty-quote": (variant(selectors([{"type": "TextQuoteSelector", "exact": ""}])), "empty quote"),
        "start-string": (variant(selectors([{"type": "TextQuoteSelector", "exact": "x"},
                                            {"type": "TextPositionSelector", "start": "0", "end": 1}])),
                         "whole number"),
        "negative-start": (variant(selectors([{"type": "TextQuoteSelector", "exact": "x"},
                                              {"type": "TextPositionSelector", "start": -5, "end": 1}])),
                           "whole number"),
        "bad-date": (variant(lambda i: i.__setitem__("created", "last Tuesday")), "ISO 8601"),
        "date-number": (variant(lambda i: i.__setitem__("modified", 20260101)), "must be a string"),
        "bad-colour": (variant(lambda i: i.__setitem__("rr:color", "octarine")), "unknown colour"),
        "creator-number": (variant(lambda i: i.__setitem__("creator", 5)), "'creator'"),
        "body-number": (variant(lambda i: i.__setitem__("body", [5])), "body that is a JSON number"),
        "huge-quote": (variant(selectors([{"type": "TextQuoteSelector", "exact": "x" * 2_000_000}])),
                       "longer than"),
        "huge-note": (variant(lambda i: i.__setitem__("bodyValue", "y" * 5_000_000)), "longer than"),
        "huge-tag": (variant(lambda i: i["body"].append({"type": "TextualBody", "purpose": "tagging",
                                                         "value": "t" * 5000})), "longer than"),
        "good-then-bad": (json.dumps([fresh_good, {"type": "Annotation"}]).encode(), "annotation 2"),
    }
    files = {}
    for name, (data, fragment) in cases.items():
        path = root / f"{name}.json"
        path.write_bytes(data)
        files[name] = (path, fragment)
    big = root / "fifty-megabytes.json"
    with big.open("wb") as handle:
        handle.write(b"[" + b" " * (50 * 1024 * 1024) + b"]")
    files["fifty-megabytes"] = (big, "larger than 20 MB")
    files["missing-file"] = (root / "no-such-file.json", "cannot read")
    files["a-directory"] = (root, "cannot read")
    return files


def test_hostile_files_are_refused_in_one_line_and_change_nothing(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    good = export_json(data_dir, tmp_path / "good.json")
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    corpus = hostile_corpus(good, corpus_dir)
    assert len(corpus) >= 25
    before = listing(data_dir)
    with AnnotationStore.in_dir(data_dir / "data") as store:
        records = store.all()
    for name, (path, fragment) in corpus.items():  # rr's timeout fails a refusal that hangs
        result = rr("notes", "import", path, data_dir=data_dir, check=False)
        assert result.returncode == 1, (name, result.stdout, result.stderr)
        assert result.stdout == "" and result.stderr.count("\n") == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr, (name, result.stderr)
        assert fragment.lower() in result.stderr.lower(), (name, result.stderr)
        with AnnotationStore.in_dir(data_dir / "data") as store:
            assert store.all() == records, name
    assert listing(data_dir) == before


def test_notes_for_other_archives_are_kept_aside(tmp_path: Path, data_dir: Path) -> None:
    import sqlite3

    from reader.cli.notes import RECORD_KEYS

    seed_notes(data_dir)
    doc = export_json(data_dir, tmp_path / "n.json")
    items = doc["first"]["items"]  # type: ignore[index]
    items[1]["target"]["source"] = "https://elsewhere.example/x"
    items[2]["target"]["source"] = "urn:reading-room:other:art7"
    (tmp_path / "n.json").write_text(json.dumps(doc), encoding="utf-8")
    fresh = tmp_path / "fresh"
    result = rr("notes", "import", tmp_path / "n.json", data_dir=fresh)
    assert result.stdout.startswith("1 imported, 0 updated, 2 skipped (2 for articles not in this archive)\n")
    assert "notes for 2 article(s) not in this archive: https://elsewhere.example/x, " in result.stdout
    assert [r["id"] for r in listing(fresh)] == [items[0]["id"][9:]]  # never in this archive's views
    aside = listing(fresh, "--elsewhere")
    assert all(tuple(r) == RECORD_KEYS and r["anchored"] == "orphan" for r in aside)
    assert {r["article"]: r["id"] for r in aside} == {"https://elsewhere.example/x": items[1]["id"][9:],
                                                      "art7": items[2]["id"][9:]}
    with AnnotationStore.in_dir(fresh / "data") as store:
        assert {n.archive for n in store.elsewhere()} == {"elsewhere", "other"}
    db = sqlite3.connect(fresh / "data" / "annotations.sqlite")
    sources = dict(db.execute("SELECT id, source FROM elsewhere").fetchall())
    db.close()
    assert sources == {items[1]["id"][9:]: "https://elsewhere.example/x",
                       items[2]["id"][9:]: "urn:reading-room:other:art7"}
    rr("notes", "import", tmp_path / "n.json", data_dir=fresh)  # again: nothing doubled
    assert listing(fresh, "--elsewhere") == aside and len(listing(fresh)) == 1
    text = rr("notes", "list", "--elsewhere", data_dir=fresh).stdout
    assert text.count("\torphan\t") == 2


def test_import_layer_names_notes_without_a_creator(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    doc = export_json(data_dir, tmp_path / "n.json")
    items = doc["first"]["items"]  # type: ignore[index]
    for item in items:
        if item.get("creator", {}).get("name") != "Ann":
            item.pop("creator", None)
    (tmp_path / "n.json").write_text(json.dumps(doc), encoding="utf-8")
    fresh = tmp_path / "fresh"
    rr("notes", "import", tmp_path / "n.json", "--layer", "Cy", data_dir=fresh)
    creators = sorted(str(r["creator"]) for r in listing(fresh))
    assert creators == ["Ann", "Cy", "Cy"]


def test_export_pdf_handout_through_the_cli(tmp_path: Path, data_dir: Path) -> None:
    from tests.end2end.test_cli import rr as run

    run("notes", "add", "hasnt-socialism-been-tried-and-failed", "--quote",
        "insanity is doing the same thing", "--note", "Einstein?", data_dir=data_dir)
    target = tmp_path / "handout.pdf"
    out = run("notes", "export", "--format", "pdf", "--output", target, data_dir=data_dir)
    assert "1 note written" in out.stdout
    assert target.read_bytes().startswith(b"%PDF")
