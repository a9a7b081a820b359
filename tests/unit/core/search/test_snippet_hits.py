"""The snippet's fast hit finder against the plain definition: every WORD_RE token whose stem is wanted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search.analysis import WORD_RE, fold, stem
from reader.core.search.snippets import _hits, make_snippet

#: Letters (either case), accents, digits, underscores, dots and spaces: what moves token boundaries.
ALPHABET = "abcrunigsyéRSÉ_1. .\\n-'"


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


#: Endings the English stemmer rewrites, to build words that go through its rules.
SUFFIXES = ("ational", "tional", "enci", "anci", "izer", "abli", "alli", "entli", "eli", "ousli", "ization",
            "ation", "ator", "alism", "iviti", "biliti", "fulness", "ousness", "iveness", "alize", "icate",
            "iciti", "ative", "ical", "ness", "ful", "ingly", "edly", "eedly", "ied", "ies", "sses", "ing",
            "ed", "ly", "y", "s", "ement", "ment", "li", "logi", "ogi", "e", "l")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="abcdeilnoprstuyèßæAEIOUY", min_size=1, max_size=12),
       st.lists(st.sampled_from(SUFFIXES), max_size=3))
def test_the_stem_is_a_prefix_of_the_word_plus_at_most_four_letters(word: str, endings: list[str]) -> None:
    """What ``_hits`` relies on to stem only the tokens that can stem to a wanted word."""
    word += "".join(endings)
    assert stem(word)[:1] == fold(word)[:1]
    assert fold(word).startswith(stem(word)[:-4])


def test_the_stemmer_s_special_words_keep_their_first_letter() -> None:
    from whoosh.lang.snowball.english import EnglishStemmer

    special = EnglishStemmer._EnglishStemmer__special_words  # type: ignore[attr-defined]
    assert special
    assert all(stem(word)[:1] == word[:1] and word.startswith(stem(word)[:-4]) for word in special)
