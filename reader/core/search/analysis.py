"""Text analysis shared by indexing, querying and snippets.

One definition of "a word" for the whole search: the same tokenizer, case and
accent folding and English stemmer are used when indexing, when expanding a
prefix and when marking hits in a snippet, so what is found is what is marked.
"""

from __future__ import annotations

import functools
import html
import re

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

WORD_RE = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's default tokenizer pattern
_english_stem = stemmer_for_language("en")
#: StopFilter's defaults, named so the one-pass indexer (``index_positions``) shares them.
STOP_LIST = STOP_WORDS
MIN_WORD = 2


def analyzer() -> Analyzer:
    """The body/title analyzer.

    Whoosh's ``StemmingAnalyzer()`` uses a Porter variant that stems
    "running" to "runn"; the Snowball English stemmer gives "run".
    """
    return (
        RegexTokenizer(WORD_RE.pattern)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(STOP_LIST, minsize=MIN_WORD)
        | StemFilter(stemfn=_english_stem)
    )


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: the surface form users type."""
    return word.lower().translate(accent_map)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The indexed form of one surface word."""
    return _english_stem(fold(word))


_last_words: list[tuple[str, list[str]]] = [("", [])]


def words(text: str) -> list[str]:
    """Every token of ``text``, as ``analyzer()``'s tokenizer cuts it.

    The last result is kept (by identity of ``text``): the indexer reads an
    article's surface words for the vocabulary, then Whoosh indexes the same
    string object, and tokenizing it once saves a regex pass per article.
    """
    last_text, last_found = _last_words[0]
    if last_text is text:
        return last_found
    found = WORD_RE.findall(text)
    _last_words[0] = (text, found)
    return found


_INDEX_FORMS: dict[str, str | None] = {}
_INDEX_FORMS_MAX = 500_000


def index_form(word: str) -> str | None:
    """The term ``analyzer()`` indexes for one token, or None for a stop word."""
    return _folded_form(word.lower().translate(accent_map))


@functools.lru_cache(maxsize=200_000)
def _folded_form(folded: str) -> str | None:
    if len(folded) < MIN_WORD or folded in STOP_LIST:
        return None
    return _english_stem(folded)


def index_positions(text: str) -> dict[str, list[int]]:
    """Each indexed term of ``text`` with its positions, in first-seen order.

    The same result as running ``analyzer()`` with positions, in one pass and
    with one dict lookup per token instead of five generator hops: indexing
    spends most of its analysis time here.  Like ``StopFilter(renumber=True)``,
    the first kept token keeps its position and later kept tokens follow it
    without gaps.
    """
    forms = _INDEX_FORMS
    if len(forms) > _INDEX_FORMS_MAX:
        forms.clear()
    terms: list[str] = []
    first = -1
    for i, word in enumerate(words(text)):
        try:
            term = forms[word]
        except KeyError:
            term = forms[word] = index_form(word)
        if term is not None:
            if first < 0:
                first = i
            terms.append(term)
    positions: dict[str, list[int]] = {}
    for pos, term in enumerate(terms, first):
        found = positions.get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    return positions


# Every pattern is bounded to one line and excludes its own opener from what it scans, so a
# run of "[" or blank lines costs one pass, not one pass per character (docs/decisions.md).
_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]{1,999}\]:[ \t]*\S.*$", re.MULTILINE)
_TAG = re.compile(r"<[^>\n]{1,400}>")
_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+|```\w*|~~~\w*)", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]{1,3}|[*_]{1,3}(?![\w])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|:>~])")
_FOOTNOTE = re.compile(r"\[\^[^\[\]\n]{1,200}\]:?")


def markdown_to_plain(markdown: str) -> str:
    """A fast, approximate plain text of a Markdown body, for indexing and snippets.

    Python-Markdown costs ~2 ms an article, a third of a 10,000-article build;
    this keeps the words and drops link targets, tags and markup in ~0.05 ms.
    """
    text = _REF_DEF.sub("", markdown)
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _BLOCK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def term_spans(text: str, stems: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text`` whose indexed form is in ``stems``.

    Snippets and the article view mark hits with this, so "running" is marked
    for a search on "run" everywhere.
    """
    if not stems:
        return []
    return [(m.start(), m.end()) for m in WORD_RE.finditer(text) if stem(m.group()) in stems]
