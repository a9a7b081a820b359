"""The service: notes from quotes or selections, re-anchored and written back on open."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.annotations import AmbiguousQuote, Annotations, AnnotationStore, QuoteNotFound
from reader.core.annotations.text import article_plain_text
from reader.core.archive import open_archive
from reader.core.errors import ReaderError

BODY = ("First paragraph with a *striking* claim about bread.\n\n"
        "Second paragraph about   bread and roses, and more bread.\n\n"
        "Third paragraph closes the argument about the harvest.\n")


def article(body: str) -> str:
    return f'+++\ntitle = "Bread"\n+++\n\n{body}'


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    with AnnotationStore.in_dir(tmp_path / "data") as opened:
        yield opened


def rewrite(root: Path, body: str) -> None:
    (root / "articles" / "bread.md").write_text(article(body), encoding="utf-8")


def test_add_from_a_selection_and_from_a_quote(make_archive, store: AnnotationStore) -> None:
    with open_archive(make_archive({"bread": article(BODY)})) as archive:
        notes = Annotations(store, archive)
        text = notes.text("bread")
        assert "a striking claim" in text  # Markdown rendered, white space collapsed
        by_range = notes.add("bread", text.index("striking"), text.index("striking") + 8, creator="Me")
        by_quote = notes.add_quote("bread", "bread and\n roses", note="*why*", tags=("food",),
                                   color="pink")
        assert by_range.quote == "striking" and by_range.creator == "Me" and by_range.archive == "arch"
        assert by_quote.quote == "bread and roses" and by_quote.color == "pink"
        assert text[by_quote.start:by_quote.end] == "bread and roses"
        assert store.get(by_quote.id) == by_quote


def test_quote_errors_say_what_is_wrong(make_archive, store: AnnotationStore) -> None:
    with open_archive(make_archive({"bread": article(BODY)})) as archive:
        notes = Annotations(store, archive)
        with pytest.raises(QuoteNotFound, match="'cake' is not in article 'bread'"):
            notes.add_quote("bread", "cake")
        with pytest.raises(AmbiguousQuote, match="occurs 3 times") as ambiguous:
            notes.add_quote("bread", "bread")
        assert ambiguous.value.count == 3
        third = notes.add_quote("bread", "bread", occurrence=3)
        assert third.start == notes.text("bread").index("more bread") + 5
        with pytest.raises(ReaderError, match=r"occurrence 5 asked for.*3 times"):
            notes.add_quote("bread", "bread", occurrence=5)
        assert len(store.all()) == 1


def test_open_anchors_writes_back_and_keeps_orphans(make_archive, store: AnnotationStore) -> None:
    root = make_archive({"bread": article(BODY)})
    with open_archive(root) as archive:
        notes = Annotations(store, archive)
        roses = notes.add_quote("bread", "bread and roses")
        harvest = notes.add_quote("bread", "closes the argument about the harvest")
        claim = notes.add_quote("bread", "striking claim")
    edited = BODY.replace("argument about the harvest", "argument on the harvests")
    rewrite(root, "A new opening.\n\n" + edited.replace("a *striking* claim", "a claim"))
    with open_archive(root) as archive:
        notes = Annotations(store, archive)
        pairs = notes.for_article("bread")
        text = article_plain_text(archive.article("bread"))
        states = {note.id: (note.anchored, match) for note, match in pairs}
        assert states[roses.id][0] == "moved" and states[harvest.id][0] == "fuzzy"
        assert states[claim.id] == ("orphan", None)
        assert [note.id for note, _ in pairs][-1] == claim.id  # orphans last, never dropped
        moved = store.get(roses.id)
        assert moved is not None and moved.anchored == "moved"
        assert text[moved.start:moved.end] == "bread and roses"
        fuzzy = store.get(harvest.id)
        assert fuzzy is not None and "argument on the harvest" in text[fuzzy.start:fuzzy.end]
        orphan = store.get(claim.id)
        assert orphan is not None and (orphan.start, orphan.end, orphan.anchored) == (
            claim.start, claim.end, "orphan")
        again = {note.id: note.anchored for note, _ in notes.for_article("bread")}
        assert again == {roses.id: "exact", harvest.id: "fuzzy", claim.id: "orphan"}
        assert [n.id for n, _ in notes.all()] == [n.id for n, _ in notes.for_article("bread")]


def test_notes_of_a_vanished_article_are_orphans(make_archive, store: AnnotationStore) -> None:
    root = make_archive({"bread": article(BODY), "other": article("Other text.")})
    with open_archive(root) as archive:
        kept = Annotations(store, archive).add_quote("bread", "roses")
    (root / "articles" / "bread.md").unlink()
    with open_archive(root) as archive:
        pairs = Annotations(store, archive).for_article("bread")
        assert [(note.id, note.anchored, match) for note, match in pairs] == [(kept.id, "orphan", None)]
        assert Annotations(store, archive).for_article("other") == []
