"""Annotations of one archive: create from a selection or a quote, and re-anchor on open.

This is what the UI and the CLI use, so both agree on how a note finds its
words.  Opening an article anchors each of its notes against the current
canonical text and writes changed positions back (the next open is then a
slice comparison per note).  An orphan is kept, with its last good position,
and reported: a note is never dropped because the article changed.
"""

from __future__ import annotations

from reader.core.annotations.anchor import Match, anchor, make_selector
from reader.core.annotations.model import Annotation, Color, Style
from reader.core.annotations.store import AnnotationStore
from reader.core.annotations.text import article_plain_text, normalize
from reader.core.archive import Archive, Article
from reader.core.errors import ArticleNotFound, ReaderError
from reader.core.i18n import _, ngettext

Anchored = tuple[Annotation, Match | None]


class QuoteNotFound(ReaderError):
    """The quoted words are not in the article."""


class AmbiguousQuote(ReaderError):
    """The quote occurs more than once and no occurrence was chosen."""

    def __init__(self, quote: str, article: str, count: int) -> None:
        self.what = (_("the quote {short} occurs {count} times in article {article!r}")
                    .format(short=_short(quote), count=count, article=article))
        self.count = count
        super().__init__(_("{what}; choose one (1 to {count})").format(what=self.what, count=count))


def _short(quote: str, limit: int = 60) -> str:
    return repr(quote if len(quote) <= limit else quote[:limit - 1] + "…")


def occurrences(text: str, quote: str) -> list[int]:
    """Every start of ``quote`` in ``text``, overlapping ones included (as anchoring sees them)."""
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def find_quote(text: str, quote: str, occurrence: int | None = None, *, article: str = "") -> int:
    """Start of the chosen (1-based) occurrence of ``quote``; a user error if unclear."""
    starts = occurrences(text, quote) if quote else []
    if not starts:
        raise QuoteNotFound(_("the quote {short} is not in article {article!r}")
                            .format(short=_short(quote), article=article))
    if occurrence is None:
        if len(starts) > 1:
            raise AmbiguousQuote(quote, article, len(starts))
        return starts[0]
    if not 1 <= occurrence <= len(starts):
        raise ReaderError(ngettext("occurrence {occurrence} asked for, but the quote {short} occurs "
                                   "once in article {article!r}",
                                   "occurrence {occurrence} asked for, but the quote {short} occurs "
                                   "{count} times in article {article!r}", len(starts))
                          .format(occurrence=occurrence, short=_short(quote), count=len(starts),
                                  article=article))
    return starts[occurrence - 1]


#: Characters of the words a bookmark quotes at its place (whole words, a few more to end one).
BOOKMARK_WORDS = 40


def place_words(text: str, at: int) -> tuple[int, int]:
    """The span of the words starting at (or just before) ``at``, to quote as a bookmark's place."""
    if not text.strip():
        raise ReaderError(_("the article has no text to bookmark"))
    at = min(max(at, 0), len(text) - 1)
    while at > 0 and not text[at - 1].isspace():  # from the start of the word
        at -= 1
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text):  # white space at the very end: the last word
        at = len(text.rstrip()) - 1
        while at > 0 and not text[at - 1].isspace():
            at -= 1
    end = min(len(text), at + BOOKMARK_WORDS)
    while end < len(text) and end < at + BOOKMARK_WORDS + 20 and not text[end].isspace():
        end += 1
    return at, len(text[:end].rstrip())


class Annotations:
    """The annotations of ``archive`` held in ``store``."""

    def __init__(self, store: AnnotationStore, archive: Archive) -> None:
        self.store = store
        self.archive = archive

    @property
    def archive_id(self) -> str:
        return self.archive.info.id

    def text(self, article: Article | str) -> str:
        """The canonical text the article's selectors count in."""
        return article_plain_text(self._article(article))

    def add(self, article: Article | str, start: int, end: int, *, creator: str = "",
            color: Color = "yellow", style: Style = "highlight", note: str = "",
            tags: tuple[str, ...] = ()) -> Annotation:
        """Annotate ``start..end`` of the article's canonical text."""
        article = self._article(article)
        selector = make_selector(article_plain_text(article), start, end)
        return self.store.add(Annotation.new(self.archive_id, article.id, selector, creator=creator,
                                             color=color, style=style, note=note, tags=tags))

    def add_quote(self, article: Article | str, quote: str, *, occurrence: int | None = None,
                  creator: str = "", color: Color = "yellow", style: Style = "highlight",
                  note: str = "", tags: tuple[str, ...] = ()) -> Annotation:
        """Annotate the words ``quote`` (white space is collapsed as in the canonical text)."""
        article = self._article(article)
        text, quote = article_plain_text(article), normalize(quote)
        start = find_quote(text, quote, occurrence, article=article.id)
        selector = make_selector(text, start, start + len(quote))
        return self.store.add(Annotation.new(self.archive_id, article.id, selector, creator=creator,
                                             color=color, style=style, note=note, tags=tags))

    def add_bookmark(self, article: Article | str, at: int, name: str, *, creator: str = "") -> Annotation:
        """Bookmark the place ``at`` (a character of the canonical text): its first words are the quote."""
        article = self._article(article)
        text = article_plain_text(article)
        start, end = place_words(text, at)
        name = " ".join(name.split()) or text[start:end]
        return self.store.add(Annotation.new(self.archive_id, article.id, make_selector(text, start, end),
                                             creator=creator, note=name, kind="bookmark"))

    def bookmark_quote(self, article: Article | str, quote: str | None, name: str, *,
                       occurrence: int | None = None, creator: str = "") -> Annotation:
        """Bookmark where ``quote`` starts (the article's start without one)."""
        article = self._article(article)
        at = 0
        if quote:
            at = find_quote(article_plain_text(article), normalize(quote), occurrence, article=article.id)
        return self.add_bookmark(article, at, name, creator=creator)

    def for_article(self, article: Article | str) -> list[Anchored]:
        """Every note of the article, anchored to its current text, in reading order.

        An article that is gone from the archive makes all its notes orphans.
        """
        article_id = article if isinstance(article, str) else article.id
        notes = self.store.for_article(self.archive_id, article_id)
        if not notes:
            return []
        try:
            text = article_plain_text(self._article(article))
        except ArticleNotFound:
            return [(self._write_back(note, None), None) for note in notes]
        anchored = []
        for note in notes:
            match = anchor(text, note.selector)
            anchored.append((self._write_back(note, match), match))
        anchored.sort(key=lambda pair: (pair[1] is None, pair[0].start, pair[0].end))
        return anchored

    def all(self) -> list[Anchored]:
        """Every note of the archive, anchored, grouped by article."""
        articles = sorted({note.article for note in self.store.all(self.archive_id)})
        return [pair for article in articles for pair in self.for_article(article)]

    def _write_back(self, note: Annotation, match: Match | None) -> Annotation:
        found = (note.moved_to(match.start, match.end, match.state) if match
                 else note.moved_to(note.start, note.end, "orphan"))
        if (found.start, found.end, found.anchored) != (note.start, note.end, note.anchored):
            self.store.set_anchor(note.id, found.start, found.end, found.anchored)
        return found

    def _article(self, article: Article | str) -> Article:
        return self.archive.article(article) if isinstance(article, str) else article
