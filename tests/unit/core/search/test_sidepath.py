"""The side files must give exactly the scores and phrase matches Whoosh's own blocks give.

Every term of every segment is scored both ways (posting by posting, same
floats); phrases are matched both ways over word pairs and triples of a
generated archive; an index built with spilled runs gets the same side file
as one built in memory; and segments the side files do not cover (an update,
a damaged file) still answer through Whoosh.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.search import SearchIndex, indexer, postfile
from reader.core.search.fastpath import FastScorer
from reader.core.search.sidepath import NotInSideFile
from tests.unit.core.search.conftest import article_text

WORDS = [f"w{i}" for i in range(40)] + ["running", "class", "café", "the", "work", "socialism"]


@pytest.fixture
def corpus(make_archive) -> Path:
    rng = random.Random(7)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    articles = {}
    for n in range(300):
        body = " ".join(rng.choices(WORDS, weights, k=rng.randint(1, 150)))
        title = " ".join(rng.choices(WORDS, k=rng.randint(1, 4)))
        articles[f"doc{n:03d}"] = article_text(title, [rng.choice(["Ann", "Bob"])], "2020-01-02", ["t"],
                                               ["c"], body)
    return make_archive(articles)


def _paths(tmp_path: Path) -> pathsmod.Paths:
    return pathsmod.Paths.under(tmp_path / "data").ensure()


def _terms(index: SearchIndex) -> list[tuple[str, str]]:
    reader = index._searcher.reader()
    return [(field, text.decode("utf-8") if isinstance(text, bytes) else text)
            for field in ("title", "body", "authors", "tags") for text in reader.lexicon(field)]


def _whoosh_scores(fast: FastScorer, field: str, text: str, boost: float) -> dict[int, float]:
    scores: dict[int, float] = {}
    for leaf, base in fast.leaves:
        fast._decode_leaf(scores, leaf, base, field, text, boost)
    return scores


@pytest.mark.parametrize("procs", [1, 2])
def test_every_term_scores_as_whoosh_does(corpus: Path, tmp_path: Path, procs: int,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 50)
    with open_archive(corpus) as archive:
        indexer.build(archive, tmp_path / "ix", procs=procs)
    index = SearchIndex(open_archive(corpus), tmp_path / "ix", _paths(tmp_path))
    try:
        fast = index._fast
        assert len(fast.leaves) == procs
        assert len(list((tmp_path / "ix").glob(f"*{postfile.EXT}"))) == procs
        terms = _terms(index)
        assert len(terms) > 40
        for field, text in terms:
            for boost in (1.0, 2.0):
                side: dict[int, float] = {}
                for n in range(len(fast.leaves)):
                    pairs = fast.side.term(n, field, text, boost)
                    assert pairs is not None, (field, text)
                    side.update(pairs)
                assert side == _whoosh_scores(fast, field, text, boost), (field, text, boost)
    finally:
        index.close()


@pytest.mark.parametrize("text", ["date:2020-01..2020-02", "year:2020", "date:2020-01-02", "year:1999",
                                  "date:..2019-12", "w1 date:2020"])
def test_date_and_year_filters_read_the_side_files(corpus: Path, tmp_path: Path, text: str) -> None:
    index = SearchIndex.open(corpus, _paths(tmp_path))
    try:
        query = index.parse(text).combined()
        fast = index._fast.evaluate(query, float("inf"))
        slow, _partial = index._collect_with_whoosh(query, 5)
        assert fast.keys() == slow.keys()
        fast_side, index._fast.side = index._fast.side, _NoSide()
        assert index._fast.evaluate(query, float("inf")).keys() == slow.keys()
        index._fast.side = fast_side
    finally:
        index.close()


def test_phrases_match_the_whoosh_positions(corpus: Path, tmp_path: Path) -> None:
    index = SearchIndex.open(corpus, _paths(tmp_path))
    try:
        fast = index._fast
        rng = random.Random(1)
        phrases = [rng.sample(WORDS[:12], k) for k in (2, 2, 2, 3, 3) for _ in range(12)]
        phrases += [["w0", "w0"], ["w1", "w0", "w1"], ["missing", "w0"]]
        matched = 0
        for words in phrases:
            every = list(range(len(fast.leaves)))
            side, _order = fast.side.phrase("body", words, 1.0, every, [0] * len(words))
            fast.side, real = _NoSide(), fast.side
            try:
                expected = fast._phrase("body", words, 1.0)
            finally:
                fast.side = real
            assert side == expected, words
            matched += bool(side)
        assert matched >= 20  # the comparison is not only over empty results
    finally:
        index.close()


class _NoSide:
    """Side files that never answer: FastScorer falls back to Whoosh's blocks."""

    def term(self, *args: object) -> None:
        return None

    def phrase(self, *args: object) -> dict[int, float]:
        raise NotInSideFile

    def docs(self, *args: object) -> set[int]:
        raise NotInSideFile

    def covers(self, n: int) -> bool:
        return False

    def close(self) -> None:
        pass


def test_spilled_runs_write_the_same_side_file(corpus: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with open_archive(corpus) as archive:
        indexer.build(archive, tmp_path / "memory", procs=1)
        monkeypatch.setattr(indexer, "LIMIT_MB", 0)  # a run after every document
        indexer.build(archive, tmp_path / "spilled", procs=1)
    (memory,) = (tmp_path / "memory").glob(f"*{postfile.EXT}")
    (spilled,) = (tmp_path / "spilled").glob(f"*{postfile.EXT}")
    assert memory.read_bytes() == spilled.read_bytes()
    assert not list((tmp_path / "spilled").glob("*_rr.tmp"))


def test_an_updated_index_answers_through_whoosh_where_needed(corpus: Path, tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    paths = _paths(tmp_path)
    with SearchIndex.open(corpus, paths) as index:
        before = index.search("w3 OR class", limit=500).total
        phrase_before = index.search('"w0 w1"', limit=500).total
    changed = corpus / "articles" / "doc000.md"
    changed.write_text(article_text("Fresh", ["Ann"], "2021-01-01", [], [], "class w0 w1 class"),
                       encoding="utf-8")
    with SearchIndex.open(corpus, paths) as index:
        ix = whoosh_index.open_dir(str(index.index_dir))
        segments = ix._segments()
        ix.close()
        assert len(segments) > 1 or any(s.has_deletions() for s in segments)
        result = index.search("w3 OR class", limit=500)
        assert "doc000" in {hit.id for hit in result.hits}
        assert abs(result.total - before) <= 1
        fast = index._fast
        for words in (["w0", "w1"], ["class", "w0"]):
            fast_scores = fast._phrase("body", words, 1.0)
            query = index.parse('body:"' + " ".join(words) + '"').combined()
            slow, partial = index._collect_with_whoosh(query, 5)
            assert not partial
            assert fast_scores.keys() == slow.keys()
            fast.side, real = _NoSide(), fast.side  # a segment with deletions, read both ways
            try:
                assert fast._phrase("body", words, 1.0) == fast_scores
            finally:
                fast.side = real
        assert index.search('"w0 w1"', limit=500).total >= phrase_before - 1
    assert "damaged" not in caplog.text  # answered from the updated index, not a rebuild


def test_a_damaged_side_file_is_ignored(corpus: Path, tmp_path: Path,
                                        caplog: pytest.LogCaptureFixture) -> None:
    paths = _paths(tmp_path)
    with SearchIndex.open(corpus, paths) as index:
        expected = [(hit.id, hit.score) for hit in index.search("w3 class", limit=20).hits]
        folder = index.index_dir
    for side in folder.glob(f"*{postfile.EXT}"):
        side.write_bytes(b"not a postings file")
    index = SearchIndex(open_archive(corpus), folder, paths)
    try:
        assert [(hit.id, hit.score) for hit in index.search("w3 class", limit=20).hits] == expected
        assert "is not a postings file" in caplog.text
    finally:
        index.close()


def test_a_phrase_over_a_covered_and_an_updated_segment(corpus: Path, tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    SearchIndex.open(corpus, paths).close()
    (corpus / "articles" / "added.md").write_text(
        article_text("Added", ["Ann"], "2021-01-01", [], [], "w0 w1 class w0 w1"), encoding="utf-8")
    with SearchIndex.open(corpus, paths) as index:
        fast = index._fast
        assert len(fast.leaves) > 1 and all(fast.side.covers(n) for n in range(len(fast.leaves)))
        folder = index.index_dir
        newest = fast.leaves[-1][0]._segid
    # As an index from before side files were written on update: the update's segment has none.
    postfile.side_file(folder, newest).unlink()
    with SearchIndex(open_archive(corpus), folder, paths) as index:  # opened as is, not re-verified
        fast = index._fast
        covered = [n for n in range(len(fast.leaves)) if fast.side.covers(n)]
        assert covered and len(covered) < len(fast.leaves)  # the old segment, not the update's
        for words in (["w0", "w1"], ["w1", "class"], ["w0", "w1", "class"]):
            found = fast._phrase("body", words, 1.0)
            query = index.parse('body:"' + " ".join(words) + '"').combined()
            slow, _partial = index._collect_with_whoosh(query, 5)
            assert found.keys() == slow.keys(), words
            fast.side, real = _NoSide(), fast.side
            try:
                assert fast._phrase("body", words, 1.0) == found  # the same floats either way
            finally:
                fast.side = real
        assert "added" in {hit.id for hit in index.search('"w0 w1"', limit=500).hits}
