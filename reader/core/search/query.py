"""From what a user types to a bounded Whoosh query.

Whoosh's parser will happily build queries that take seconds (``?*?*?``,
``s*`` over a big lexicon) or recurse until ``RecursionError`` (2,000 terms,
deep parentheses).  We check the text before parsing and rewrite the tree
after: prefix and fuzzy terms become an ``Or`` of their most used expansions
within a posting budget, leading and inner wildcards are refused with a
message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as Q
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    PlusMinusPlugin,
    PrefixPlugin,
    WildcardPlugin,
)

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.search.analysis import fold, stem
from reader.core.search.schema import FIELD_ALIASES, TEXT_FIELDS, TITLE_BOOST, build_schema
from reader.core.search.vocab import Vocabulary

MAX_QUERY_CHARS = 1000
MAX_WORDS = 50
MAX_DEPTH = 10
MAX_EXPANSION = 12  # completions or fuzzy variants kept per partial word
MAX_FUZZY_DISTANCE = 2
MIN_PREFIX = 2

_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DATE_RANGE = re.compile(rf"(?<!\S)date:({_DAY})?\.\.({_DAY})?(?!\S)")
_DATE = re.compile(rf"(?<!\S)date:({_DAY})(?![\S*])")
_FUZZY = re.compile(r"(\w+)~\d*")
_PREFIX = re.compile(r"(\w+)\*")
_BAD_WILDCARD = re.compile(r"(?:^|[\s(:\"+-])[*?]|\?|\*(?=[^\s)*])")


class _PrefixPlugin(PrefixPlugin):
    """Whoosh's prefix syntax, but a leading ``-``/``+`` stays an operator (``-essay*``)."""

    expr = r"(?P<text>[^ \t\r\n*+\-][^ \t\r\n*]*)[*](?= |$|\))"


class QueryError(ReaderError):
    """A query we will not run, with a message that says how to fix it."""


@dataclass
class ParsedQuery:
    text: str
    query: Q.Query
    highlight: set[str] = field(default_factory=set)  # stems to mark in snippets
    words: list[str] = field(default_factory=list)  # plain words, for "did you mean"
    notes: list[str] = field(default_factory=list)
    fuzzy_surface: dict[str, str] = field(default_factory=dict)  # analyzed text -> what was typed
    prefix_surface: dict[str, str] = field(default_factory=dict)  # analyzed prefix -> what was typed

    def combined(self) -> Q.Query:
        return self.query


# df(field, text) -> number of documents containing that indexed term
DocFrequency = Callable[[str, str], int]


class QueryBuilder:
    """Parses with our limits; one per open index (it caches the parser)."""

    def __init__(self, vocabulary: Vocabulary, doc_frequency: DocFrequency, doc_count: int) -> None:
        self.vocabulary = vocabulary
        self.df = doc_frequency
        self.posting_budget = max(2_000, doc_count)
        parser = MultifieldParser(list(TEXT_FIELDS), build_schema(),
                                  fieldboosts={"title": TITLE_BOOST, "body": 1.0})
        parser.remove_plugin_class(WildcardPlugin)
        parser.add_plugin(_PrefixPlugin())
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(PlusMinusPlugin())
        aliases: dict[str, list[str]] = {}
        for alias, target in FIELD_ALIASES.items():
            if alias != target:
                aliases.setdefault(target, []).append(alias)
        parser.add_plugin(FieldAliasPlugin(aliases))
        self._parser = parser

    def parse(self, text: str) -> ParsedQuery:
        text = check(text)
        rest = _rewrite_dates(text)
        parsed = ParsedQuery(text=text, query=Q.Every())
        # The parser hands fuzzy terms over stemmed; edit distances are measured on what was typed.
        parsed.fuzzy_surface = {stem(m.group(1)): fold(m.group(1)) for m in _FUZZY.finditer(rest)}
        # So are prefixes ("happy*" arrives as "happi*", which no surface word starts with):
        # completions are looked up from what was typed.
        parsed.prefix_surface = {stem(m.group(1)): fold(m.group(1)) for m in _PREFIX.finditer(rest)}
        if not rest.strip():
            raise QueryError(_("Type a word to search for."))
        try:
            tree = self._parser.parse(rest)
        except RecursionError as exc:
            raise QueryError(_("This query is nested too deeply to search.")) from exc
        parsed.query = self._rewrite(tree, parsed)
        return parsed

    def _rewrite(self, node: Q.Query, parsed: ParsedQuery) -> Q.Query:
        if isinstance(node, Q.FuzzyTerm):
            return self._fuzzy(node, parsed)
        if isinstance(node, Q.Prefix):
            return self._prefix(node, parsed)
        if isinstance(node, Q.Term):
            if node.fieldname in TEXT_FIELDS and isinstance(node.text, str):
                parsed.highlight.add(node.text)
                if node.fieldname == "body":
                    parsed.words.append(node.text)
            return node
        if isinstance(node, Q.Phrase):
            if node.fieldname in TEXT_FIELDS:
                parsed.highlight.update(w for w in node.words if isinstance(w, str))
            return node
        if node.is_leaf():
            return node
        return node.apply(lambda child: self._rewrite(child, parsed))

    def _prefix(self, node: Q.Prefix, parsed: ParsedQuery) -> Q.Query:
        prefix = parsed.prefix_surface.get(str(node.text), fold(str(node.text)))
        if len(prefix) < MIN_PREFIX:
            parsed.notes.append(_("Type at least {MIN_PREFIX} letters before *.")
                                .format(MIN_PREFIX=MIN_PREFIX))
            return Q.NullQuery
        if node.fieldname not in TEXT_FIELDS:
            return Q.Prefix(node.fieldname, prefix)
        stems = self._prefix_stems(prefix, node.fieldname)
        parsed.highlight.update(stems)
        terms = [Q.Term(node.fieldname, s, boost=node.boost) for s in stems]
        return Q.Or(terms) if terms else Q.NullQuery

    def _prefix_stems(self, prefix: str, fieldname: str) -> tuple[str, ...]:
        """Most used completions (as indexed stems) in ``fieldname`` until the posting budget is spent.

        Counted in the field searched: a word only in titles is still a title completion.
        """
        chosen: dict[str, int] = {}
        spent = 0
        own = stem(prefix)
        candidates = [own] if self.df(fieldname, own) else []
        candidates += [stem(w) for w, _ in self.vocabulary.completions(prefix, MAX_EXPANSION * 3)]
        for term in candidates:
            if term in chosen:
                continue
            df = self.df(fieldname, term)
            if df == 0:
                continue
            if chosen and (spent + df > self.posting_budget or len(chosen) >= MAX_EXPANSION):
                break
            chosen[term] = df
            spent += df
        return tuple(chosen)

    def _fuzzy(self, node: Q.FuzzyTerm, parsed: ParsedQuery) -> Q.Query:
        distance = min(int(node.maxdist), MAX_FUZZY_DISTANCE)
        if int(node.maxdist) > MAX_FUZZY_DISTANCE:
            parsed.notes.append(_("Fuzzy matching allows at most {MAX_FUZZY_DISTANCE} edits.")
                                .format(MAX_FUZZY_DISTANCE=MAX_FUZZY_DISTANCE))
        word = parsed.fuzzy_surface.get(str(node.text), fold(str(node.text)))
        if node.fieldname not in TEXT_FIELDS:
            return Q.FuzzyTerm(node.fieldname, word, maxdist=distance, prefixlength=1)
        target = stem(word)
        field_df = self.df
        variants = {target} if field_df(node.fieldname, target) else set()
        if len(word) > 2:
            variants.update(stem(w) for w in self.vocabulary.similar(word, distance, MAX_EXPANSION * 2))
        # Counted in the field searched (a title-only word is a title variant), present ones only.
        ranked = sorted((-field_df(node.fieldname, t), t) for t in variants)
        best = [t for df, t in ranked if df][:MAX_EXPANSION]
        parsed.highlight.update(best)
        parsed.words.append(word)
        return Q.Or([Q.Term(node.fieldname, t, boost=node.boost) for t in best]) if best else Q.NullQuery


def check(text: str) -> str:
    """Refuse what would be slow or crash, before Whoosh sees it."""
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(_("The query is too long ({count} characters; at most {MAX_QUERY_CHARS}).")
                         .format(count=len(text), MAX_QUERY_CHARS=MAX_QUERY_CHARS))
    words = text.split()
    if len(words) > MAX_WORDS:
        raise QueryError(_("The query has too many words ({count}; at most {MAX_WORDS}).")
                         .format(count=len(words), MAX_WORDS=MAX_WORDS))
    depth = deepest = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise QueryError(_("Too many nested parentheses ({deepest}; at most {MAX_DEPTH}).")
                         .format(deepest=deepest, MAX_DEPTH=MAX_DEPTH))
    unquoted = re.sub(r'"[^"]*"', " ", text)
    if _BAD_WILDCARD.search(unquoted):
        raise QueryError(_("Only a * at the end of a word is supported (like soc*); ? and a leading "
                         "or inner * are not."))
    return text


def _rewrite_dates(text: str) -> str:
    """Our date syntax in Whoosh's: ranges become ``[a TO b]``, a month or year a prefix.

    Dates are ISO strings, so a range end is padded to sort after every day it
    covers ("2019-06" → "2019-06-99").  Going through the parser (not filters on
    the side) keeps ``year:2019 OR year:2020`` working.
    """

    def date_range(match: re.Match[str]) -> str:
        start, end = match.group(1), match.group(2)
        if not start and not end:
            raise QueryError(_("A date range needs a start or an end, like date:2019-01..2019-06."))
        padded = (end + "-99" * (2 - end.count("-"))) if end else ""
        return f"date:[{start + ' ' if start else ''}TO{' ' + padded if padded else ''}]"

    text = _DATE_RANGE.sub(date_range, text)
    text = _DATE.sub(lambda m: f"date:{m.group(1)}*", text)
    if re.search(r"(?<!\S)(year:(?!\d{4}(?!\S))|date:(?![\[\d]))", text):
        raise QueryError(_("Dates look like year:2019, date:2019-03 or date:2019-01..2019-06."))
    return text
