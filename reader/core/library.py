"""Grouping, sorting and filter-as-you-type for the library pane, without Qt.

Pure functions over :class:`ArticleMeta` lists so the rules (what "Unknown
year" means, how "The Capital" sorts) are tested headless and shared by any
front end.  :class:`Catalog` keeps the per-article keys and sort orders of one
archive, so regrouping or filtering 50,000 articles on a keystroke costs a
bucketing pass (tens of ms) rather than re-folding every title.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.core.archive.model import ArticleMeta
from reader.core.i18n import N_, _

GroupBy = Literal["year", "author", "tag", "category", "none"]
SortKey = Literal["date", "title", "author"]

GROUPINGS: tuple[GroupBy, ...] = ("year", "author", "tag", "category", "none")
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "author")

#: Name of the last group, holding articles that lack the grouped value.
MISSING_NAMES: dict[str, str] = {
    "year": N_("Unknown year"),
    "author": N_("No author"),
    "tag": N_("No tag"),
    "category": N_("Uncategorized"),
}
#: The single group of the "none" grouping (the Qt model shows it flat).
ALL_KEY = "all"
ALL_NAME = N_("All articles")
#: The ArticleMeta field each grouping reads.
_FIELDS = {"year": "date", "author": "authors", "tag": "tags", "category": "categories"}

#: Leading quotes/dashes, then a leading article when a word follows it ("The" alone stays).
_TITLE_LEAD = re.compile(r"^[\W_]*(?:(?:the|an|a)\s+(?=\S))?")
#: Combining marks left by NFKD (accents); other scripts' letters are kept.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass(frozen=True, slots=True)
class Group:
    """One heading of the library: ``key`` is stable across sorts and renames of case."""

    name: str
    key: str
    article_ids: tuple[str, ...]


def fold(text: str) -> str:
    """Casefold and drop accents, so "Émile" matches "emile" and sorts beside it."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def title_key(title: str) -> str:
    """Sort key of a title: folded, without leading punctuation or a leading The/A/An."""
    return _TITLE_LEAD.sub("", fold(title).strip(), count=1)


def name_key(name: str) -> str:
    """Sort and grouping key of an author, tag or category (folded, trimmed)."""
    return " ".join(fold(name).split())


def year_of(date: str | None) -> str | None:
    """The year of an ISO date (``2021``, ``2021-03``, ``2021-03-04T…``), or None."""
    if date and len(date) >= 4 and date[:4].isdigit():
        return date[:4]
    return None


class Catalog:
    """An archive's articles with their sort and filter keys computed once.

    Regrouping, resorting and every filter keystroke reuse these keys, so only
    the final sort and bucketing are paid per call.  Keys are built lazily:
    an archive never grouped by tag never folds its tags.
    """

    def __init__(self, articles: Iterable[ArticleMeta]) -> None:
        self.metas: list[ArticleMeta] = list(articles)
        self._ids = [meta.id for meta in self.metas]
        tie = [f"{title_key(meta.title)}\0{meta.id}" for meta in self.metas]
        #: Positions in title order (ties by id): the base every other order refines.
        self._title_order = sorted(range(len(self.metas)), key=tie.__getitem__)
        self._haystacks: list[str] | None = None
        self._values: dict[str, tuple[list[tuple[str, ...]], dict[str, str]]] = {}
        self._orders: dict[tuple[str, bool], list[int]] = {}
        self._where: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.metas)

    def filter(self, text: str) -> list[int] | None:
        """Positions of the articles matching ``text``; None when the filter is empty."""
        terms = query_terms(text)
        if not terms:
            return None
        if self._haystacks is None:
            self._haystacks = [search_text(meta) for meta in self.metas]
        return [i for i, hay in enumerate(self._haystacks) if terms_match(hay, terms)]

    def sort(self, sort: SortKey = "date", descending: bool = False,
             subset: Iterable[int] | None = None) -> list[ArticleMeta]:
        """Articles (all, or the positions in ``subset``) in display order.

        Articles lacking the sort value come last either way; ties fall back
        to the title then the id, always ascending, so a descending date sort
        still lists one day's articles A to Z.
        """
        return [self.metas[i] for i in self._positions(sort, descending, subset)]

    def _positions(self, sort: SortKey, descending: bool, subset: Iterable[int] | None) -> list[int]:
        """Positions in display order, the full order cached per (sort, direction)."""
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key: {sort!r}")
        order = self._orders.get((sort, descending))
        if order is None:
            order = self._orders[(sort, descending)] = self._full_order(sort, descending)
        if subset is None:
            return order
        keep = bytearray(len(self.metas))
        for i in subset:
            keep[i] = 1
        return [i for i in order if keep[i]]

    def _full_order(self, sort: SortKey, descending: bool) -> list[int]:
        order = self._title_order
        if sort == "title":
            return order[::-1] if descending else list(order)
        if sort == "date":  # a date we cannot read ("spring 1917") sorts with the missing ones
            values = [meta.date if year_of(meta.date) else "" for meta in self.metas]
        else:
            values = [keys[0] if keys else "" for keys in self._field_keys("authors")[0]]
        present = [i for i in order if values[i]]
        present.sort(key=values.__getitem__, reverse=descending)  # stable: ties keep title order
        return present + [i for i in order if not values[i]]

    def ordered_ids(self, sort: SortKey = "date", descending: bool = False,
                    subset: Iterable[int] | None = None) -> list[str]:
        """Like :meth:`sort`, but the ids."""
        return [self._ids[i] for i in self._positions(sort, descending, subset)]

    def pick(self, ids: Iterable[str], subset: Iterable[int] | None = None,
             sort: SortKey | None = None, descending: bool = False) -> list[str]:
        """Those of ``ids`` in the catalog (and in ``subset``), kept in order or sorted by ``sort``.

        For short lists kept outside the archive (favourites, recently read)
        that may name deleted articles or ones hidden by the filter.
        """
        allowed = None if subset is None else set(subset)
        found = (self.position(article_id) for article_id in ids)
        positions = [p for p in found if p is not None and (allowed is None or p in allowed)]
        if sort is None:
            return [self._ids[p] for p in positions]
        return self.ordered_ids(sort, descending, positions)

    def position(self, article_id: str) -> int | None:
        """Where ``article_id`` sits in :attr:`metas` (what ``subset`` arguments hold)."""
        if self._where is None:
            self._where = {article_id: i for i, article_id in enumerate(self._ids)}
        return self._where.get(article_id)

    def group(self, by: GroupBy = "year", sort: SortKey = "date", descending: bool = True,
              subset: Iterable[int] | None = None) -> list[Group]:
        """The articles (all, or the positions in ``subset``) under headings (see :func:`group`)."""
        if by not in GROUPINGS:
            raise ValueError(f"unknown grouping: {by!r}")
        positions = self._positions(sort, descending, subset)
        ids = self._ids
        if by == "none":
            return [Group(_(ALL_NAME), ALL_KEY, tuple([ids[i] for i in positions]))] if positions else []
        values, names = self._field_keys(_FIELDS[by])
        buckets: dict[str, list[str]] = {}
        missing: list[str] = []
        for i in positions:
            keys = values[i]
            if not keys:
                missing.append(ids[i])
            for key in keys:
                bucket = buckets.get(key)
                if bucket is None:
                    bucket = buckets[key] = []
                bucket.append(ids[i])
        order = sorted(buckets, reverse=by == "year")  # years newest first, names A to Z
        groups = [Group(names[key], f"{by}:{key}", tuple(buckets[key])) for key in order]
        if missing:
            groups.append(Group(_(MISSING_NAMES[by]), f"{by}:", tuple(missing)))
        return groups

    def _field_keys(self, field: str) -> tuple[list[tuple[str, ...]], dict[str, str]]:
        """Per article, the distinct keys of a field (a date gives its year), and each key's name.

        A name is the first spelling in archive order, so it does not change with the sort.
        Raw values repeat (one author, many articles), so each is folded once.
        """
        cached = self._values.get(field)
        if cached is not None:
            return cached
        per_article: list[tuple[str, ...]] = []
        names: dict[str, str] = {}
        if field == "date":
            for meta in self.metas:
                year = year_of(meta.date)
                per_article.append((year,) if year else ())
                if year:
                    names[year] = year
        else:
            key_of: dict[str, str] = {}
            for meta in self.metas:
                keys: list[str] = []
                for value in getattr(meta, field):
                    key = key_of.get(value)
                    if key is None:
                        key = key_of[value] = name_key(value)
                        names.setdefault(key, " ".join(value.split()))
                    if key and key not in keys:
                        keys.append(key)
                per_article.append(tuple(keys))
        self._values[field] = (per_article, names)
        return per_article, names


def sort_articles(articles: Iterable[ArticleMeta], sort: SortKey = "date",
                  descending: bool = False) -> list[ArticleMeta]:
    """Articles in display order (see :meth:`Catalog.sort`)."""
    return Catalog(articles).sort(sort, descending)


def group(articles: Iterable[ArticleMeta], by: GroupBy = "year", sort: SortKey = "date",
          descending: bool = True) -> list[Group]:
    """Articles grouped under headings, each group's ids in the requested order.

    An article with several authors/tags/categories appears in each of their
    groups (once, even if a value repeats).  Years run newest first; names run
    A to Z by their folded form, shown with the first spelling met.  Articles
    without a value land in a last group named by :data:`MISSING_NAMES`.
    Callers that regroup the same articles should keep a :class:`Catalog`.
    """
    return Catalog(articles).group(by, sort, descending)


def search_text(meta: ArticleMeta) -> str:
    """What filter-as-you-type looks in: the folded title and authors."""
    return fold("\n".join((meta.title, *meta.authors)))


def query_terms(text: str) -> tuple[str, ...]:
    """The folded words of a filter; an empty tuple matches everything."""
    return tuple(fold(text).split())


def terms_match(haystack: str, terms: Sequence[str]) -> bool:
    """True when every term occurs in ``haystack`` (both already folded)."""
    return all(term in haystack for term in terms)


def matches(meta: ArticleMeta, text: str) -> bool:
    """Filter-as-you-type: every typed word, case- and accent-insensitive, in title or authors."""
    return terms_match(search_text(meta), query_terms(text))


def filter_articles(articles: Iterable[ArticleMeta], text: str) -> list[ArticleMeta]:
    """The articles matching ``text``; folds the query once rather than per article."""
    terms = query_terms(text)
    if not terms:
        return list(articles)
    return [meta for meta in articles if terms_match(search_text(meta), terms)]
