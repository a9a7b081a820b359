"""Re-importing an edited copy of the bundled seed keeps notes on their words.

The seed is imported with the real importer, three passages in three
paragraphs are annotated, and a copy with one other paragraph rewritten is
imported over it: the three notes must sit on the very same words.  Then a
copy that also changes a few words inside one annotated passage: that note is
placed fuzzily on the edited passage or left an orphan, never on other words.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.annotations.text import article_plain_text
from reader.core.archive import open_archive
from reader.core.importing import import_sources
from tests.conftest import SEED_META, SEED_TEXT

SEED_ID = "hasnt-socialism-been-tried-and-failed"
QUOTES = (
    "insanity is doing the same thing over and over again",  # paragraph 1
    "It was due to the lack of a revolutionary party",  # paragraph 5
    "participation in the soviets dried up",  # paragraph 9
)
REWRITTEN = (  # paragraph 3, annotated nowhere
    "However, Lenin, Trotsky and the Bolsheviks never thought it would be possible to",
    "Yet neither Lenin nor Trotsky, nor the Bolshevik party as a whole, ever believed one could",
)
EDITED_QUOTE = ("the lack of a revolutionary party", "the absence of a revolutionary party")


def import_copy(archive: Path, tmp: Path, *replacements: tuple[str, str]) -> None:
    sources = tmp / "sources"
    sources.mkdir(exist_ok=True)
    text = SEED_TEXT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1
        text = text.replace(old, new)
    (sources / SEED_TEXT.name).write_text(text, encoding="utf-8")
    shutil.copy(SEED_META, sources / SEED_META.name)
    [result] = import_sources(archive, [sources / SEED_TEXT.name])
    assert result.article_id == SEED_ID and result.changed


def test_reimported_seed_keeps_notes_on_their_words(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    [first] = import_sources(folder, [SEED_TEXT])
    assert first.article_id == SEED_ID and first.created
    with AnnotationStore.in_dir(tmp_path / "data") as store:
        with open_archive(folder) as archive:
            notes = Annotations(store, archive)
            ids = [notes.add_quote(SEED_ID, quote, note=f"note {n}").id for n, quote in enumerate(QUOTES)]

        import_copy(folder, tmp_path, REWRITTEN)
        with open_archive(folder) as archive:
            text = article_plain_text(archive.article(SEED_ID))
            placed = {note.id: note for note, _ in Annotations(store, archive).for_article(SEED_ID)}
        for note_id, quote in zip(ids, QUOTES, strict=True):
            note = placed[note_id]
            assert note.anchored in ("exact", "moved") and text[note.start:note.end] == quote
        assert placed[ids[0]].anchored == "exact" and placed[ids[2]].anchored == "moved"

        import_copy(folder, tmp_path, REWRITTEN, EDITED_QUOTE)
        with open_archive(folder) as archive:
            text = article_plain_text(archive.article(SEED_ID))
            placed = {note.id: note for note, _ in Annotations(store, archive).for_article(SEED_ID)}
        assert text[placed[ids[0]].start:placed[ids[0]].end] == QUOTES[0]
        assert text[placed[ids[2]].start:placed[ids[2]].end] == QUOTES[2]
        edited = placed[ids[1]]
        assert edited.anchored in ("fuzzy", "orphan")
        if edited.anchored == "fuzzy":
            passage = QUOTES[1].replace(*EDITED_QUOTE)
            passage_start = text.index(passage)
            assert passage_start - 2 <= edited.start and edited.end <= passage_start + len(passage) + 2
            assert Levenshtein.normalized_similarity(text[edited.start:edited.end], passage) >= 0.9
        assert len(store.all()) == 3  # nothing dropped
