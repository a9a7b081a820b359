"""Export as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD).

Colour and style have no W3C term, so they travel as ``rr:color`` and
``rr:style`` under a namespace declared in ``@context``; other tools ignore
them and our importer reads them back.  A bookmark is motivated
``bookmarking``; its name is a ``describing`` body and its selectors are those
of the first words at the place.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from reader.core.annotations import Annotation
from reader.core.export.context import ExportContext
from reader.core.i18n import _

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RR_NAMESPACE = "urn:reading-room:ns:"
CONTEXT: list[object] = [ANNO_CONTEXT, {"rr": RR_NAMESPACE}]


def annotation_json(note: Annotation, context: ExportContext) -> dict[str, object]:
    body: list[dict[str, object]] = []
    if note.is_bookmark:
        body.append({"type": "TextualBody", "value": note.note, "format": "text/plain",
                     "purpose": "describing"})
    elif note.note:
        body.append({"type": "TextualBody", "value": note.note, "format": "text/markdown",
                     "purpose": "commenting"})
    body.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags)
    item: dict[str, object] = {
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "motivation": _motivation(note),
        "created": note.created,
        "modified": note.modified,
    }
    if note.creator:
        item["creator"] = {"type": "Person", "name": note.creator}
    if body:
        item["body"] = body
    selectors = note.selector.to_w3c()
    target: dict[str, object] = {"source": context.source(note.article)}
    if selectors:  # none: a page note, the target is the article itself
        target["selector"] = selectors
    item["target"] = target
    item["rr:color"] = note.color
    item["rr:style"] = note.style
    return item


def _motivation(note: Annotation) -> str:
    if note.is_bookmark:
        return "bookmarking"
    return "commenting" if note.note else "highlighting"


def export(annotations: Sequence[Annotation], context: ExportContext) -> bytes:
    items = [annotation_json(note, context) for note in annotations]
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": _("Notes: {title}").format(title=context.archive_title),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return (json.dumps(collection, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
