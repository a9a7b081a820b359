"""The snippet's fast hit finder against the plain definition: every WORD_RE token whose stem is wanted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search.analysis import WORD_RE, stem
from reader.core.search.snippets import _hits, make_snippet

#: Letters, accents, digits, underscores, dots and spaces: what moves token boundaries.
ALPHABET = "abcrunigsé_1. .\\n-'"


def reference(text: str, stems: set[str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), stem(m.group())) for m in WORD_RE.finditer(text) if stem(m.group()) in stems]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.data())
def test_hits_are_the_tokens_whose_stem_is_wanted(text: str, data: st.DataObject) -> None:
    tokens = WORD_RE.findall(text)
    chosen = data.draw(st.sets(st.sampled_from(tokens), max_size=4)) if tokens else set()
    stems = {stem(token) for token in chosen} | {"run"}
    assert _hits(text, stems) == reference(text, stems)


def test_dotted_and_case_variants() -> None:
    text = "Running, runs.run u.s.a run.s RUN; x.run run_x re-run"
    stems = {"run", "u.s.a"}
    assert _hits(text, stems) == reference(text, stems)
    assert make_snippet(text, stems).count("<mark>") == len(reference(text, stems))
