"""Other tools' annotation files, turned into W3C Web Annotations before the usual checks.

Hypothesis exports ``{"export_date", "export_userid", "annotations": [...]}``
(and its API answers ``{"rows": [...]}``); each annotation has ``uri``,
``text``, ``tags``, ``user`` (``acct:name@host``), ``created``/``updated`` and a
``target`` list whose selectors are already W3C ones.  A target with no
selector is a page note.  calibre's viewer exports ``{"type": "calibre_highlights", "version": 1,
"highlights": [...]}`` whose targets are EPUB CFIs we cannot follow: each
highlight keeps only its ``highlighted_text`` as a quote, with the source
``urn:x-calibre:<spine name>``, and :data:`MATCH_BY_TEXT` asks the merge to
find the one article of the archive that has those words.  Checked against
calibre's own source (``src/pyj/read_book/annotations.pyj``,
``gui2/library/annotations.py``): the file starts with a UTF-8 BOM, timestamps
are JavaScript ISO strings with milliseconds, a deleted highlight stays in the
list as ``{"removed": true}`` without its words (left out here), and the
``wavy`` decoration is an underline.
Everything is translated to plain data only: the importer then checks it as
it checks any W3C file, so a hostile file meets the same limits.
"""

from __future__ import annotations

from typing import Any

MATCH_BY_TEXT = "rr:matchByText"
#: calibre's highlight colours, as ours.
CALIBRE_COLOURS = {"yellow": "yellow", "green": "green", "blue": "blue", "red": "pink", "purple": "purple"}


def calibre_items(value: Any) -> list[Any] | None:
    """W3C annotations for calibre's exported highlights (bookmarks have no words: left out), else None."""
    if not isinstance(value, dict) or value.get("type") != "calibre_highlights":
        return None
    rows = value.get("highlights")
    if not isinstance(rows, list):
        return []
    return [_calibre(row) for row in rows if isinstance(row, dict) and row.get("type") == "highlight"
            and not row.get("removed")]


def _calibre(row: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "Annotation", MATCH_BY_TEXT: True,
        "target": {"source": f"urn:x-calibre:{row.get('spine_name', '')}",
                   "selector": {"type": "TextQuoteSelector", "exact": row.get("highlighted_text")}},
    }
    if row.get("uuid") is not None:
        item["id"] = f"urn:x-calibre:{row['uuid']}"
    if row.get("timestamp") is not None:
        item["created"] = item["modified"] = row["timestamp"]
    if row.get("notes"):
        item["bodyValue"] = row["notes"]
    style = row.get("style")
    if isinstance(style, dict) and style.get("kind") == "color" and style.get("which") in CALIBRE_COLOURS:
        item["rr:color"] = CALIBRE_COLOURS[style["which"]]
    if isinstance(style, dict) and style.get("kind") == "decoration" and style.get("which") == "wavy":
        item["rr:style"] = "underline"
    return item


def _is_hypothesis(item: Any) -> bool:
    return isinstance(item, dict) and "type" not in item and "uri" in item and "target" in item


def hypothesis_items(value: Any) -> list[Any] | None:
    """W3C annotations for a Hypothesis export, API answer or list of its annotations (else None)."""
    rows = value
    if isinstance(value, dict):
        rows = value.get("annotations", value.get("rows"))
    if not isinstance(rows, list) or not rows or not all(_is_hypothesis(row) for row in rows):
        return None
    return [_annotation(row) for row in rows]


def _annotation(row: dict[str, Any]) -> dict[str, Any]:
    uri = row.get("uri")
    targets = [t for t in row["target"] if isinstance(t, dict)] if isinstance(row["target"], list) else []
    target: dict[str, Any] = {"source": uri}
    if targets:
        target = {"source": targets[0].get("source", uri)}
        if targets[0].get("selector"):
            target["selector"] = targets[0]["selector"]
    item: dict[str, Any] = {"type": "Annotation", "target": target}
    if row.get("id") is not None:
        item["id"] = f"urn:x-hypothesis:{row['id']}"
    for ours, theirs in (("created", "created"), ("modified", "updated")):
        if theirs in row:
            item[ours] = row[theirs]
    name = _user(row)
    if name is not None:
        item["creator"] = {"type": "Person", "name": name}
    if row.get("text"):
        item["bodyValue"] = row["text"]
    tags = row.get("tags")
    if isinstance(tags, list):
        item["body"] = [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags]
    return item


def _user(row: dict[str, Any]) -> Any:
    info = row.get("user_info")
    if isinstance(info, dict) and info.get("display_name"):
        return info["display_name"]
    user = row.get("user")
    if isinstance(user, str) and user.startswith("acct:"):
        return user[5:].partition("@")[0]
    return user
