"""Merge imported records into the notes store: matched, de-duplicated, all or nothing.

A record finds its article by the target's web address, else by our
``urn:reading-room:<archive>:<article>`` URN.  An id already in the store is
never added twice: the newer ``modified`` wins, and the losing version (ours
when replaced, theirs when older) goes to the note's history, so no words are
lost.  A note for no article of this archive is kept aside (never shown
here): under the archive its URN names, else under :data:`ELSEWHERE`, with
its raw target in the store's ``elsewhere`` table.  Everything is planned first, then written in one
transaction, so a failure part-way changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import cast

from reader.core.annotations import (
    AnchorState,
    Annotation,
    AnnotationStore,
    Color,
    Kind,
    Selector,
    Style,
    anchor,
    make_selector,
)
from reader.core.annotations.text import article_plain_text, normalize
from reader.core.archive import Archive
from reader.core.export.context import URN_PREFIX
from reader.core.export.importer import NotesFileError, Record
from reader.core.i18n import _

ELSEWHERE = "elsewhere"  # the archive id of kept notes whose target names no archive


@dataclass
class Report:
    imported: int = 0
    updated: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)  # target sources not in this archive

    def summary(self) -> str:
        """E.g. ``2 imported, 1 updated, 3 skipped (2 unchanged, 1 older than yours)``."""
        line = _("{imported} imported, {updated} updated, {skipped} skipped").format(
            imported=self.imported, updated=self.updated, skipped=sum(self.skipped.values()))
        if self.skipped:
            line += " (" + ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items())) + ")"
        return line


def article_matcher(archive: Archive) -> Callable[[str], str | None]:
    """A function from a target source to the id of the article it names in ``archive``."""
    metas = archive.articles()
    by_url = {m.source_url: m.id for m in reversed(metas) if m.source_url}
    ids = {m.id for m in metas}

    def match(source: str) -> str | None:
        if source in by_url:
            return by_url[source]
        if source.startswith(URN_PREFIX):
            archive_id, _, article_id = source[len(URN_PREFIX):].rpartition(":")
            if archive_id == archive.info.id and article_id in ids:
                return article_id
        return None

    return match


def home_of(source: str, archive: Archive) -> tuple[str, str]:
    """(archive id, article id) under which a note for no article of ``archive`` is kept."""
    if source.startswith(URN_PREFIX):
        archive_id, _, article_id = source[len(URN_PREFIX):].rpartition(":")
        if archive_id and article_id and archive_id not in (archive.info.id, ELSEWHERE):
            return archive_id, article_id
    return ELSEWHERE, source


def _by_text(archive: Archive, quote: str, texts: dict[str, str]) -> str | None:
    """The one article whose canonical text has the words ``quote``, else None."""
    words = quote
    found = []
    for meta in archive.articles():
        if meta.id not in texts:
            texts[meta.id] = article_plain_text(archive.article(meta.id))
        if words and words in texts[meta.id]:
            found.append(meta.id)
    return found[0] if len(found) == 1 else None


def to_annotation(record: Record, selector: Selector, archive: str, article: str, creator: str = "",
                  anchored: AnchorState = "exact") -> Annotation:
    """The record as a note of ``article``; ``creator`` names a record that names none."""
    return Annotation(id=record.id, archive=archive, article=article, selector=selector,
                      created=record.created, modified=record.modified, creator=record.creator or creator,
                      color=cast(Color, record.color), style=cast(Style, record.style), note=record.note,
                      tags=record.tags, anchored=anchored, kind=cast(Kind, record.kind))


def resolve(record: Record, text: str) -> Selector | None:
    """The selector of a position-only or quote-range target in the article's ``text`` (None: not there)."""
    found: Selector | None = None
    if record.span is not None:
        first, last = (anchor(text, end) for end in record.span)
        if first is not None and last is not None and first.start < last.end:
            found = make_selector(text, first.start, last.end)
    elif record.position is not None:
        start, end = record.position
        if start < end <= len(text):
            found = make_selector(text, start, end)
    return replace(found, kept=record.kept) if found is not None else None


def merge(store: AnnotationStore, archive: Archive, records: list[Record],
          also: Callable[[], None] | None = None, creator: str = "") -> Report:
    """Add new records, update older copies, skip the rest; one transaction.

    ``creator`` names the records that have no creator (a layer of their own).

    A file of which nothing belongs to this archive is refused (nothing to do
    is more likely the wrong file or archive than a success).  ``also`` runs
    inside the transaction (a study pack saves its reading list there), so
    its failure undoes the merge too.
    """
    report = Report()
    skipped: Counter[str] = Counter()
    elsewhere: dict[str, None] = {}
    writes: list[tuple[str, Annotation]] = []
    aside: list[tuple[Annotation, Record]] = []  # notes for other archives: kept, not shown
    history: list[Annotation] = []
    seen: set[str] = set()
    match = article_matcher(archive)
    texts: dict[str, str] = {}
    for record in records:
        article = match(record.source) or (match(record.scope) if record.scope else None)
        if article is None and record.by_text and record.selector is not None:
            words = normalize(record.selector.exact)
            article = _by_text(archive, words, texts)
            if article is not None:
                at = texts[article].find(words)
                record = replace(record, selector=make_selector(texts[article], at, at + len(words)))
        home = archive.info.id
        if article is not None and record.selector is None:
            if article not in texts:
                texts[article] = article_plain_text(archive.article(article))
            record = replace(record, selector=resolve(record, texts[article]))
        if article is None:
            elsewhere[record.source] = None
            skipped["for articles not in this archive"] += 1
            if record.selector is None or record.id in seen:
                continue
            home, article = home_of(record.source, archive)
        elif record.selector is None:
            pending = record.position is not None or record.span is not None
            why = "not found in the article" if pending else f"unsupported selector ({record.unsupported})"
            skipped[why] += 1
            continue
        if record.id in seen:
            skipped["repeated in the file"] += 1
            continue
        seen.add(record.id)
        note = to_annotation(record, record.selector, home, article, creator,
                             "exact" if home == archive.info.id else "orphan")
        current = store.get(record.id)
        if home != archive.info.id:
            if current is None or (current.archive, current.article) == (home, article):
                aside.append((note, record))
            continue
        if current is None:
            writes.append(("imported", note))
        elif (current.archive, current.article) != (note.archive, note.article):
            skipped["id used by another note"] += 1
        elif note.modified > current.modified:
            writes.append(("updated", note))
            history.append(current)
        else:
            if note.modified < current.modified:
                history.append(note)
            skipped["unchanged" if note.modified == current.modified else "older than yours"] += 1
    report.elsewhere = list(elsewhere)
    if not writes and not any(k in skipped for k in ("unchanged", "older than yours")):
        why = [f"{n} {reason}" for reason, n in sorted(skipped.items())]
        if report.elsewhere:
            why.append(_("they are for ") + ", ".join(report.elsewhere[:3]))
        raise NotesFileError(_("none of the {count} notes in the file can be imported into this "
                               "archive: {join}").format(count=len(records), join='; '.join(why)))
    report.skipped = dict(skipped)  # notes kept aside still count here: not in this archive's views
    with store.transaction():
        for note, record in aside:
            current = store.get(note.id)
            if current is not None and current.modified >= note.modified:
                if current.modified > note.modified:
                    store.keep_history(note)
                continue
            if current is not None:
                store.keep_history(current)
            store.put(note)
            store.keep_elsewhere(note.id, record.source, json.dumps(asdict(record), ensure_ascii=False))
        for old in history:
            store.keep_history(old)
        for kind, note in writes:
            store.put(note)
            if kind == "imported":
                report.imported += 1
            else:
                report.updated += 1
        if also is not None:
            also()
    return report
