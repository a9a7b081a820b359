"""A small archive with notes by two people, in a real store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import Archive, open_archive

FOX = """+++
title = "The Fox"
tags = ["animals"]
+++

The quick brown fox jumps over the lazy dog.

""" + "\n\n".join(f"Filler paragraph {i} about foxes and dogs and their habits." for i in range(40))

OWL = """+++
title = "The Owl"
+++

The owl flies silently through the night, hunting mice in the fields.
"""


@pytest.fixture
def archive(make_archive) -> Iterator[Archive]:
    opened = open_archive(make_archive({"fox": FOX, "owl": OWL}))
    yield opened
    opened.close()


@pytest.fixture
def service(store: AnnotationStore, archive: Archive) -> Annotations:
    notes = Annotations(store, archive)
    notes.add_quote("fox", "quick brown fox", creator="Ada", note="A classic pangram.", tags=("lang",))
    notes.add_quote("fox", "lazy dog", creator="Ada", color="green")
    for i in range(0, 40, 2):
        notes.add_quote("fox", f"Filler paragraph {i} about", creator="Bob", color="blue",
                        note=f"Filler note number {i}, long enough to wrap onto a second line of the "
                        "handout if the page is narrow enough, which it is not.")
    notes.add_quote("owl", "flies silently", creator="Bob", color="pink", note="Silent flight.")
    return notes
