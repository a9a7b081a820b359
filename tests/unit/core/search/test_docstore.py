"""The per-document file: rows, gaps, facet numbers and dates read back as written; damage is refused."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search import docstore
from reader.core.search.sidecar import DocInfo

_TEXT = st.text(max_size=12)
_ROWS = st.lists(st.one_of(st.none(), st.builds(
    DocInfo, _TEXT, _TEXT, st.one_of(st.none(), st.sampled_from(["2019-03-04", "1999", "x"])),
    st.lists(_TEXT, max_size=3).map(tuple), st.lists(_TEXT, max_size=3).map(tuple),
    st.lists(_TEXT, max_size=2).map(tuple))), max_size=30)


@settings(max_examples=60, deadline=None)
@given(rows=_ROWS)
def test_rows_read_back_as_written(rows: list[DocInfo | None],
                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("docs")
    docstore.write(folder, rows)
    store = docstore.DocStore(folder)
    try:
        assert len(store) == len(rows)
        assert [store[d] for d in range(len(rows))] == rows
        assert store.gaps() == {d for d, info in enumerate(rows) if info is None}
        values = store.facet_values()
        everyone = Counter(pair for info in rows if info is not None for pair in docstore.facet_pairs(info))
        # The first count goes over slices of the flat array, the next ones over per-document tuples.
        for _ in range(2):
            assert {values[n]: c for n, c in store.count_facets(range(len(rows))).items()} == everyone
        for docnum, info in enumerate(rows):
            pairs = [] if info is None else docstore.facet_pairs(info)
            assert {values[n]: c for n, c in store.count_facets([docnum]).items()} == Counter(pairs)
        assert store.dates() == [(info.date or "") if info else "" for info in rows]
    finally:
        store.close()


@pytest.mark.parametrize("damage", [
    lambda data: data[:20],
    lambda data: b"X" + data[1:],
    lambda data: data[:-3],
])
def test_a_damaged_file_is_refused_with_value_error(tmp_path: Path, damage) -> None:
    rows = [DocInfo("a", "Title", "2019-01-01", ("Ann",), ("t",), ()), None]
    docstore.write(tmp_path, rows)
    path = tmp_path / docstore.DOCS
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ValueError):
        docstore.DocStore(tmp_path)


def test_without_pread_the_file_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no ``os.pread``: the same rows and counts from the bytes read once."""
    rows = [DocInfo("a", "Title", "2019-01-01", ("Ann",), ("t",), ()), None,
            DocInfo("b", "Other", None, ("Ann", "Bob"), (), ("c",))]
    docstore.write(tmp_path, rows)
    monkeypatch.delattr(os, "pread")
    store = docstore.DocStore(tmp_path)
    try:
        assert [store[d] for d in range(3)] == rows and store.gaps() == {1}
        values = store.facet_values()
        assert {values[n]: c for n, c in store.count_facets([0, 2]).items()}[("authors", "Ann")] == 2
    finally:
        store.close()
    (tmp_path / docstore.DOCS).unlink()  # nothing kept open: the file can go
