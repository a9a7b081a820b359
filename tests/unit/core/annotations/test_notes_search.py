"""in:notes: the reader's notes and quotes through the search panel's result shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.annotations.search import is_notes_query, search_notes, split_hit_id
from reader.core.annotations.service import Annotations
from reader.core.annotations.store import AnnotationStore
from reader.core.archive import open_archive
from reader.core.errors import ReaderError


def test_notes_and_quotes_are_found_and_marked(make_archive, tmp_path: Path) -> None:
    archive = open_archive(make_archive({"a": '+++\ntitle = "Apples"\n+++\n\nRed apples and green pears.\n'}))
    with AnnotationStore.in_dir(tmp_path) as store:
        service = Annotations(store, archive)
        made = service.add_quote(archive.article("a"), "green pears", note="Pears ripen late", creator="Ada")
        assert is_notes_query("ripen in:notes") and not is_notes_query("notes")
        result = search_notes(store, archive, "in:notes ripen*")
        assert result.total == 1
        (hit,) = result.hits
        assert split_hit_id(hit.id) == ("a", made.id)
        assert hit.title == "Apples" and "<mark>ripen</mark>" in hit.snippet
        assert search_notes(store, archive, "in:notes pears").total == 1  # the quote counts too
        assert search_notes(store, archive, "in:notes plums").total == 0
        with pytest.raises(ReaderError):
            search_notes(store, archive, "in:notes")
    assert split_hit_id("plain-article") == ("plain-article", None)
