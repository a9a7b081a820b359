"""Merge the other members' files of a group folder into the notes: one rule, everywhere the same.

Each member's file holds every note of the archive that member has (their
own layer and the others' notes they merged) and every deletion they know.
Every member applies the same rule, so after everyone has synced twice all
see the same notes, whatever order the files were read in:

* a **deletion is final**: a tombstone removes the note and beats any edit
  of it, older or made without knowing of the deletion; the removed version
  and the losing edit go to the note's history (nothing is lost);
* otherwise the **newest version wins** (``modified``, then a digest of the
  content, so two edits in the same second still pick the same winner
  everywhere); every other version goes to the history;
* the **history travels too**: each file carries its member's kept versions,
  and every member keeps every one it reads, so all members end with the
  same history of losing edits, not only the member whose edit lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.core.annotations import Annotation, AnnotationStore
from reader.core.annotations.rows import content_digest
from reader.core.annotations.text import article_plain_text
from reader.core.archive import Archive
from reader.core.export.groupfile import MemberFile
from reader.core.export.merge import article_matcher, resolve, to_annotation

Key = tuple[str, str]


def version(note: Annotation) -> Key:
    return note.modified, content_digest(note)


def reconcile(store: AnnotationStore, archive: Archive, files: Sequence[MemberFile]) -> Counter[str]:
    """Apply the others' deletions and newer versions in one transaction; counts of what happened."""
    archive_id = archive.info.id
    counts: Counter[str] = Counter()
    deleted = store.tombstones(archive_id)
    incoming: dict[str, str] = {}
    for member in files:
        for ident, when in member.deleted.items():
            incoming[ident] = min(when, incoming.get(ident, when))
    offered = _offered(archive, files, counts)
    kept = _offered(archive, files, Counter(), history=True)
    with store.transaction():
        for versions in kept.values():
            for note in versions.values():
                store.keep_history(note)
        for ident, when in incoming.items():
            current = store.get(ident)
            if current is not None and current.archive == archive_id:
                store.keep_history(current)
                store.discard(ident)
                counts["deleted"] += 1
            if when < deleted.get(ident, "~"):
                store.bury(ident, archive_id, when)
        buried = set(deleted) | set(incoming)
        for ident, versions in offered.items():
            current = store.get(ident)
            if ident in buried or (current is not None and current.archive != archive_id):
                for note in versions.values():
                    store.keep_history(note)
                continue
            mine = version(current) if current is not None else None
            best = max(versions)
            if mine is None or best > mine:
                if current is not None:
                    store.keep_history(current)
                store.put(versions[best])
                counts["added" if current is None else "updated"] += 1
            shown = best if mine is None else max(best, mine)
            for key, note in versions.items():
                if key not in (shown, mine):  # a losing version: kept, never shown
                    store.keep_history(note)
    return counts


def _offered(archive: Archive, files: Sequence[MemberFile], counts: Counter[str],
             history: bool = False) -> dict[str, dict[Key, Annotation]]:
    """Every distinct version of every note in the files (or in their histories), by note id."""
    match = article_matcher(archive)
    texts: dict[str, str] = {}
    offered: dict[str, dict[Key, Annotation]] = {}
    for member in files:
        for record in (member.history if history else member.records):
            article = match(record.source) or (match(record.scope) if record.scope else None)
            if article is None:
                counts["for articles not in this archive"] += 1
                continue
            selector = record.selector
            if selector is None:
                if article not in texts:
                    texts[article] = article_plain_text(archive.article(article))
                selector = resolve(record, texts[article])
            if selector is None:
                counts["not found in the article"] += 1
                continue
            note = to_annotation(record, selector, archive.info.id, article, member.member.name)
            offered.setdefault(note.id, {})[version(note)] = note
    return offered
