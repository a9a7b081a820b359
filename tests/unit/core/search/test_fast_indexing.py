"""The fast indexing path must write exactly what stock Whoosh writes.

Three levels: ``FastText.index`` gives the same postings as ``TEXT`` with the
analyzer for any text; ``FastSegmentWriter`` writes byte-identical segment
files; and an index built in one or two processes answers queries with the
same hits and scores as one built the stock way.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.fields import TEXT, Schema
from whoosh.qparser import MultifieldParser
from whoosh.writing import SegmentWriter

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.search import SearchIndex, indexer
from reader.core.search.analysis import analyzer, index_positions
from reader.core.search.fastindex import FastSegmentWriter, FastText
from reader.core.search.indexer import Cancelled
from reader.core.search.schema import build_schema
from tests.unit.core.search.conftest import article_text

TRICKY_WORDS = [
    "the", "a", "I", "of", "and", "is", "us", "it", "be", "The", "THE", "x", "Q",
    "running", "Runner", "runs", "ran", "socialism", "Socialist", "capitalism", "classes",
    "café", "Café", "naïve", "Müller", "José", "façade", "ÉCOLE", "Straße", "œuvre", "Ærø",
    "e.g.", "i.e.", "U.S.A.", "3.14", "1917", "2019-03-04", "v2.0", "don't", "isn't", "l'homme",
    "Ωμέγα", "ΑΣ", "Σίσυφος", "Москва", "日本語", "テキスト", "中文", "عربى", "हिन्दी",
    "İstanbul", "ﬁne", "Ⅻ", "²", "_", "__init__", "snake_case", "ǅemal",
]
SEPARATORS = [" ", "  ", "\n", ", ", ". ", "; ", "'", "-", "—", "(", ")", "...", "\t", "’", "/"]

words = st.sampled_from(TRICKY_WORDS) | st.text(min_size=1, max_size=12)
texts = st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(word + sep for word, sep in parts)
) | st.text(max_size=200)


def _stock_field(boost: float) -> TEXT:
    return TEXT(analyzer=analyzer(), field_boost=boost)


def _stock_schema() -> Schema:
    """The schema with Whoosh's own TEXT fields: how indexes were built before FastText."""
    schema = build_schema()
    for name in ("title", "body"):
        fast = schema[name]
        schema._fields[name] = TEXT(analyzer=fast.analyzer, field_boost=fast.format.field_boost)
    return schema


@settings(max_examples=400, deadline=None)
@given(text=texts, boost=st.sampled_from([1.0, 2.0]))
def test_fast_field_gives_the_analyzer_postings(text: str, boost: float) -> None:
    try:
        expected: list[Any] | type[Exception] = list(_stock_field(boost).index(text))
    except UnicodeEncodeError:  # lone surrogates: both must refuse
        expected = UnicodeEncodeError
    if expected is UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            FastText(analyzer=analyzer(), field_boost=boost).index(text)
    else:
        assert FastText(analyzer=analyzer(), field_boost=boost).index(text) == expected


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_positions_are_the_analyzer_positions(text: str) -> None:
    expected: dict[str, list[int]] = {}
    for token in analyzer()(text, positions=True):
        expected.setdefault(token.text, []).append(token.pos)
    assert index_positions(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "the a of", "a the x running", "e.g. don't",
                                  "Ωμέγα ΑΣ's 日本語", "THE RUNNING café"])
def test_examples_match(text: str) -> None:
    assert FastText(analyzer=analyzer()).index(text) == list(_stock_field(1.0).index(text))


def test_non_string_values_take_whoosh_path() -> None:
    field = FastText(analyzer=analyzer())
    assert list(field.index(["b", "a"])) == list(_stock_field(1.0).index(["b", "a"]))


def _documents(count: int, seed: int = 7) -> list[dict[str, str]]:
    """Prose-like documents: a few words in most documents (several posting blocks), many rare ones."""
    rng = random.Random(seed)
    vocabulary = TRICKY_WORDS + [f"w{i}" for i in range(400)]
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    docs = []
    for n in range(count):
        body = " ".join(rng.choices(vocabulary, weights, k=rng.randint(0, 120)))
        docs.append({"id": f"doc{n:04d}", "title": " ".join(rng.choices(vocabulary, k=3)), "body": body,
                     "authors": rng.choice(["Ann", "Bob,Cy", ""]), "tags": rng.choice(["x", "y,z", ""]),
                     "categories": "", "date": "2020-01-02", "year": "2020"})
    return docs


def _segment_files(folder: Path) -> dict[str, bytes]:
    """Segment files by kind (their names carry a random segment id)."""
    (terms,) = folder.glob("*.trm")
    segment = terms.stem
    return {p.name.replace(segment, "SEG"): p.read_bytes() for p in folder.iterdir()
            if segment in p.name and p.suffix not in (".seg", ".rrp")}


def _write(folder: Path, schema: Schema, writer_class: type[SegmentWriter], docs: list[dict[str, str]],
           pool_limit: int | None = None) -> Path:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), schema)
    writer = writer_class(ix, compound=False)
    if pool_limit is not None:
        writer.pool.limit = pool_limit
    for doc in docs:
        writer.add_document(**doc)
    if pool_limit is not None:
        assert len(writer.pool.runs) > 1  # the spilled path is the one under test
    writer.commit()
    ix.close()
    return folder


@pytest.mark.parametrize("boosted", [False, True], ids=["plain", "some-boosted"])
@pytest.mark.parametrize("pool_limit", [None, 20_000], ids=["in-memory", "spilled-runs"])
def test_segment_files_are_byte_identical(tmp_path: Path, pool_limit: int | None, boosted: bool) -> None:
    docs = _documents(400)
    if boosted:  # a boosted body's postings are kept as Whoosh values: its terms' groups turn raw
        for doc in docs[::7]:
            doc["_body_boost"] = 1.5
    stock = _write(tmp_path / "stock", _stock_schema(), SegmentWriter, docs)
    fast = _write(tmp_path / "fast", build_schema(), FastSegmentWriter, docs, pool_limit)
    expected = _segment_files(stock)
    assert {name for name in expected if name.endswith(".pst")}
    assert _segment_files(fast) == expected


@pytest.fixture
def corpus(make_archive) -> Path:
    rng = random.Random(3)
    articles = {}
    for n, doc in enumerate(_documents(60)):
        articles[doc["id"]] = article_text(doc["title"] or "Untitled", [rng.choice(["Ann", "Bob"])],
                                           f"20{10 + n % 9}-0{1 + n % 9}-1{n % 9}", ["t"], ["c"], doc["body"])
    return make_archive(articles)


QUERIES = ["running", "socialism OR café", "w1 w2", "title:w3", '"w0 w1"', "cafe", "naive", "e.g.",
           "Ωμέγα", "run*", "w1 -w2", "author:Ann w4", "the", "日本語", "w10 OR w20 OR w30"]


def _stock_build(archive_dir: Path, target: Path) -> None:
    """Build the way indexes were built before: stock fields and writer, one process."""
    target.mkdir()
    ix = whoosh_index.create_in(str(target), _stock_schema())
    writer = ix.writer()
    with open_archive(archive_dir) as archive:
        for meta in archive.articles():
            body = indexer.markdown_to_plain(archive.article(meta.id).body)
            writer.add_document(**indexer._document(meta, body))
    writer.commit()
    ix.close()


def _whoosh_hits(folder: Path) -> dict[str, list[tuple[str, float]]]:
    ix = whoosh_index.open_dir(str(folder))
    parser = MultifieldParser(["title", "body"], ix.schema)
    with ix.searcher() as searcher:
        found = {q: [(hit["id"], round(hit.score, 9)) for hit in searcher.search(parser.parse(q), limit=None)]
                 for q in QUERIES}
    ix.close()
    return found


@pytest.mark.parametrize("procs", [1, 2])
def test_searches_match_a_stock_build(corpus: Path, tmp_path: Path, procs: int,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
    _stock_build(corpus, tmp_path / "stock")
    with open_archive(corpus) as archive:
        indexer.build(archive, tmp_path / "fast", procs=procs)
    assert len(whoosh_index.open_dir(str(tmp_path / "fast")).reader().leaf_readers()) == procs
    stock, fast = _whoosh_hits(tmp_path / "stock"), _whoosh_hits(tmp_path / "fast")
    assert any(stock.values())
    assert fast == stock


def test_two_process_build_answers_like_one_process(corpus: Path, data_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    paths = pathsmod.Paths.under(data_dir).ensure()
    results = []
    for procs in (1, 2):
        monkeypatch.setattr(indexer, "default_procs", lambda procs=procs: procs)
        monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
        with SearchIndex.open(corpus, paths, rebuild=True) as index:
            assert index.doc_count == 60
            results.append({q: [(hit.id, round(hit.score, 9)) for hit in index.search(q).hits]
                            for q in QUERIES})
    assert results[0] == results[1]


def test_docinfo_rows_follow_document_numbers(corpus: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
    with open_archive(corpus) as archive:
        indexer.build(archive, tmp_path / "ix", procs=3)
        from reader.core.search import docstore

        written = docstore.DocStore(tmp_path / "ix")
        ix = whoosh_index.open_dir(str(tmp_path / "ix"))
        assert [written[d] for d in range(len(written))] == indexer._read_docinfo(ix, archive)
        ix.close()
        written.close()


@pytest.mark.parametrize("procs", [1, 2])
def test_cancelling_leaves_nothing_behind(corpus: Path, tmp_path: Path, procs: int,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 5:
            raise Cancelled

    target = tmp_path / "out" / "ix"
    with open_archive(corpus) as archive, pytest.raises(Cancelled):
        indexer.build(archive, target, procs=procs, progress=progress)
    assert seen and seen[-1][1] == 60
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_progress_reaches_the_total_with_two_processes(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
    seen: list[int] = []
    with open_archive(corpus) as archive:
        indexer.build(archive, tmp_path / "ix", procs=2, progress=lambda done, total: seen.append(done))
    assert seen == sorted(seen) and seen[-1] == 60


def test_a_failing_worker_fails_the_build(corpus: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
    add = indexer._add_article

    def failing(writer: Any, archive: Any, meta: Any, gathered: Any) -> None:
        if meta.id == "doc0050":  # in the second half: indexed by the child process
            raise RuntimeError("disk on fire")
        add(writer, archive, meta, gathered)

    monkeypatch.setattr(indexer, "_add_article", failing)
    target = tmp_path / "out" / "ix"
    with open_archive(corpus) as archive, pytest.raises(indexer.IndexError_, match="disk on fire"):
        indexer.build(archive, target, procs=2)
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_an_empty_archive_builds_an_empty_index(make_archive, tmp_path: Path) -> None:
    with open_archive(make_archive({})) as archive:
        indexer.build(archive, tmp_path / "ix")
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    assert ix.doc_count_all() == 0 and ix._segments() == []
    ix.close()


@pytest.mark.parametrize("procs", [1, 2])
def test_the_manifest_digests_are_those_of_the_files(corpus: Path, tmp_path: Path, procs: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The build hashes each article as it reads it instead of reading them all again first."""
    from reader.core.search import sidecar

    monkeypatch.setattr(indexer, "MIN_ARTICLES_PER_PROC", 1)
    read: list[Path] = []
    digest = sidecar._digest

    def counted(root: Path, path: Path, *rest: int) -> str:
        read.append(path)
        return digest(root, path, *rest)

    monkeypatch.setattr(sidecar, "_digest", counted)
    with open_archive(corpus) as archive:
        indexer.build(archive, tmp_path / "ix", procs=procs)
    assert read == []  # every digest came from the bytes indexing read
    manifest = sidecar.read_manifest(tmp_path / "ix")
    assert manifest is not None
    monkeypatch.setattr(sidecar, "_digest", digest)
    assert sidecar.manifest_stamps(manifest) == sidecar.scan_articles(corpus)
