"""Merge imported records into the notes store: matched, de-duplicated, all or nothing.

A record finds its article by the target's web address, else by our
``urn:reading-room:<archive>:<article>`` URN.  An id already in the store is
never added twice: the newer ``modified`` wins, and the losing version (ours
when replaced, theirs when older) goes to the note's history, so no words are
lost.  Everything is planned first, then written in one
transaction, so a failure part-way changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from reader.core.annotations import Annotation, AnnotationStore, Color, Style
from reader.core.archive import Archive
from reader.core.export.context import URN_PREFIX
from reader.core.export.importer import NotesFileError, Record


@dataclass
class Report:
    imported: int = 0
    updated: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)  # target sources not in this archive

    def summary(self) -> str:
        """E.g. ``2 imported, 1 updated, 3 skipped (2 unchanged, 1 older than yours)``."""
        line = f"{self.imported} imported, {self.updated} updated, {sum(self.skipped.values())} skipped"
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


def merge(store: AnnotationStore, archive: Archive, records: list[Record],
          also: Callable[[], None] | None = None) -> Report:
    """Add new records, update older copies, skip the rest; one transaction.

    A file of which nothing belongs to this archive is refused (nothing to do
    is more likely the wrong file or archive than a success).  ``also`` runs
    inside the transaction (a study pack saves its reading list there), so
    its failure undoes the merge too.
    """
    report = Report()
    skipped: Counter[str] = Counter()
    elsewhere: dict[str, None] = {}
    writes: list[tuple[str, Annotation]] = []
    history: list[Annotation] = []
    seen: set[str] = set()
    match = article_matcher(archive)
    for record in records:
        article = match(record.source)
        if article is None:
            elsewhere[record.source] = None
            skipped["for articles not in this archive"] += 1
            continue
        if record.selector is None:
            skipped[f"unsupported selector ({record.unsupported})"] += 1
            continue
        if record.id in seen:
            skipped["repeated in the file"] += 1
            continue
        seen.add(record.id)
        note = Annotation(id=record.id, archive=archive.info.id, article=article,
                          selector=record.selector, created=record.created, modified=record.modified,
                          creator=record.creator, color=cast(Color, record.color),
                          style=cast(Style, record.style), note=record.note, tags=record.tags)
        current = store.get(record.id)
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
    report.skipped = dict(skipped)
    if not writes and not any(k in skipped for k in ("unchanged", "older than yours")):
        why = [f"{n} {reason}" for reason, n in sorted(skipped.items())]
        if report.elsewhere:
            why.append("they are for " + ", ".join(report.elsewhere[:3]))
        raise NotesFileError(f"none of the {len(records)} notes in the file can be imported into "
                             f"this archive: {'; '.join(why)}")
    with store.transaction():
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
