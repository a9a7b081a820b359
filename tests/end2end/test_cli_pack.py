"""``notes pack`` / ``notes import FILE.rrpack`` in a subprocess: round trip and hostile packs."""

from __future__ import annotations

from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.export.pack import LISTS_FILE, load_reading_lists
from tests.end2end.test_cli import SEED_ID, rr
from tests.end2end.test_cli_notes import one_line_error
from tests.end2end.test_cli_notes_exchange import listing, seed_notes
from tests.unit.core.export.test_pack import meta, zipped


def test_pack_round_trip_into_a_fresh_data_dir(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    pack = tmp_path / "out" / "week.rrpack"
    result = rr("notes", "pack", "--output", pack, "--title", "Week 1", "--description", "Start here",
                data_dir=data_dir)
    assert result.stdout == f"1 article and 3 notes written to {pack}\n"
    fresh = tmp_path / "fresh"
    result = rr("notes", "import", pack, data_dir=fresh)
    assert result.stdout == "3 imported, 0 updated, 0 skipped\nreading list 'Week 1' saved (1 article)\n"
    assert listing(fresh) == listing(data_dir)
    [saved] = load_reading_lists(fresh / "data")
    assert (saved.title, saved.description, saved.articles) == ("Week 1", "Start here", (SEED_ID,))
    renamed = tmp_path / "week.json"  # told by the zip magic, not the name
    renamed.write_bytes(pack.read_bytes())
    again = rr("notes", "import", renamed, data_dir=fresh).stdout
    assert again.startswith("0 imported, 0 updated, 3 skipped")
    assert len(load_reading_lists(fresh / "data")) == 1


def test_pack_with_articles_tags_and_unknown_ids(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    pack = tmp_path / "q.rrpack"
    result = rr("notes", "pack", "--output", pack, "--title", "Quotes", "--tag", "nope", "--article", SEED_ID,
                data_dir=data_dir)
    assert result.stdout == f"1 article and 0 notes written to {pack}\n"
    one_line_error(rr("notes", "pack", "--output", pack, "--title", "Q", "--article", "missing",
                      data_dir=data_dir, check=False), "no article 'missing'")
    foreign = tmp_path / "foreign.rrpack"
    foreign.write_bytes(zipped({"pack.json": meta(articles=[SEED_ID, "gone", "lost"])}))
    fresh = tmp_path / "fresh"
    result = rr("notes", "import", foreign, data_dir=fresh)
    assert result.stdout == ("reading list 'Week 1' saved (3 articles)\n"
                             "2 article(s) of the list not in this archive: gone, lost\n")


def test_hostile_packs_are_refused_in_one_line_and_change_nothing(tmp_path: Path, data_dir: Path) -> None:
    seed_notes(data_dir)
    before = listing(data_dir)
    with AnnotationStore.in_dir(data_dir / "data") as store:
        records = store.all()
    corpus = {
        "bomb": (zipped({"pack.json": meta(), "bomb": bytes(10 * 1024 * 1024)}), "zip bomb"),
        "dotdot": (zipped({"pack.json": meta(), "../evil": b"x"}), "unsafe member name"),
        "absolute": (zipped({"pack.json": meta(), "/tmp/evil": b"x"}), "unsafe member name"),
        "members": (zipped({"pack.json": meta(), **{f"m{n}": b"" for n in range(20)}}), "21 members"),
        "not-a-zip": (b"hello, not a zip", "not a readable zip"),
        "bad-meta": (zipped({"pack.json": b'{"format": "reading-room-pack"}'}), "version"),
    }
    for name, (data, message) in corpus.items():
        path = tmp_path / f"{name}.rrpack"
        path.write_bytes(data)
        one_line_error(rr("notes", "import", path, data_dir=data_dir, check=False), message)
        with AnnotationStore.in_dir(data_dir / "data") as store:
            assert store.all() == records, name
        assert not (data_dir / "data" / LISTS_FILE).exists(), name
    assert listing(data_dir) == before
