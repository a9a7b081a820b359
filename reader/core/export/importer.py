"""Read W3C Web Annotation JSON (ours or another tool's) and merge it into the notes.

A notes file comes from elsewhere, so it is checked before anything is
written: a size cap, a nesting-depth scan of the raw bytes (so ``json.loads``
never recurses deeply), strict UTF-8, then a schema check of every
annotation.  Any problem refuses the whole file with one line
(:class:`NotesFileError`); :func:`merge` then writes in one transaction.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from reader.core.annotations import COLORS, STYLES, Selector
from reader.core.errors import ReaderError
from reader.core.export.foreign import MATCH_BY_TEXT, calibre_items, hypothesis_items
from reader.core.i18n import _

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
MAX_TEXT = 1_000_000  # characters in one quote or note
MAX_SHORT = 1_000  # characters in an id, tag, name, colour, timestamp, source
SUPPORTED_SELECTORS = ("TextQuoteSelector", "TextPositionSelector", "RangeSelector")

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class NotesFileError(ReaderError):
    """The notes file cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class Record:
    """One annotation read from a file, not yet tied to an article of this archive."""

    id: str
    source: str
    selector: Selector | None  # None: only unsupported selector types
    created: str
    modified: str
    creator: str = ""
    color: str = "yellow"
    style: str = "highlight"
    note: str = ""
    tags: tuple[str, ...] = ()
    unsupported: str = ""  # the selector types that were not usable
    scope: str = ""  # the page a SpecificResource was seen in: matched when the source is not
    kept: str = ""  # selectors of other types, as JSON, exported again unchanged
    position: tuple[int, int] | None = None  # a TextPositionSelector alone: resolved at merge
    span: tuple[Selector, Selector] | None = None  # a RangeSelector of two quotes: resolved at merge
    by_text: bool = False  # no usable source (calibre): the article is the one that has the quote
    kind: str = "highlight"  # "bookmark" when the motivation is bookmarking


def check_depth(data: bytes, limit: int = MAX_DEPTH) -> None:
    """Refuse nesting deeper than ``limit``, counting brackets outside strings (no recursion)."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', data)):
        if match.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                raise NotesFileError(_("the notes file is nested more than {limit} levels deep")
                                     .format(limit=limit))
        else:
            depth -= 1


def load_json(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise NotesFileError(_("the notes file is larger than {value} MB")
                             .format(value=MAX_BYTES // (1024 * 1024)))
    check_depth(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesFileError(_("the notes file is not UTF-8 text (byte {start})")
                             .format(start=exc.start)) from None

    def refuse(name: str) -> None:
        raise ValueError(_("{name} is not valid JSON").format(name=name))

    try:
        return json.loads(text, parse_constant=refuse)
    except RecursionError:
        raise NotesFileError(_("the notes file is nested too deeply")) from None
    except json.JSONDecodeError as exc:
        raise NotesFileError(_("the notes file is not valid JSON: {msg} (line {lineno}, column {colno})")
                             .format(msg=exc.msg, lineno=exc.lineno, colno=exc.colno)) from None
    except ValueError as exc:
        reason = "a number is too long" if "digits" in str(exc) else str(exc)
        raise NotesFileError(_("the notes file is not valid JSON: {reason}").format(reason=reason)) from None


def parse(data: bytes) -> list[Record]:
    """Every annotation of a W3C Annotation, AnnotationPage, AnnotationCollection or array."""
    records = parse_value(load_json(data))
    if not records:
        raise NotesFileError(_("the notes file holds no annotations"))
    return records


def parse_value(value: Any) -> list[Record]:
    """The annotations of already loaded JSON (none is no error: a group member may have none)."""
    return [_record(item, n) for n, item in enumerate(_items(value), 1)]


def _types(value: dict[str, Any]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


def _items(value: Any) -> list[Any]:
    foreign = hypothesis_items(value)
    if foreign is None:
        foreign = calibre_items(value)
    if foreign is not None:
        return foreign
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        raise NotesFileError(_("the notes file holds a JSON {kind}, not annotations")
                             .format(kind=_kind(value)))
    kinds = _types(value)
    if "Annotation" in kinds:
        return [value]
    if "AnnotationPage" in kinds or "AnnotationCollection" in kinds:
        page = value.get("first", value) if "AnnotationCollection" in kinds else value
        items = page.get("items") if isinstance(page, dict) else None
        if items is None and isinstance(value.get("items"), list):
            items = value["items"]
        if not isinstance(items, list):
            raise NotesFileError(_("the annotation collection has no embedded 'items' list "
                                 "(pages stored elsewhere are not fetched)"))
        return items
    raise NotesFileError(_("the notes file is not a W3C Web Annotation, page, collection or array"))


def _kind(value: Any) -> str:
    return {str: "string", int: "number", float: "number", bool: "boolean", list: "array",
            dict: "object", type(None): "null"}.get(type(value), "value")


def _text(value: Any, where: str, limit: int = MAX_SHORT) -> str:
    if not isinstance(value, str):
        raise NotesFileError(_("{where} must be a string, not a {kind}")
                             .format(where=where, kind=_kind(value)))
    if len(value) > limit:
        raise NotesFileError(_("{where} is longer than {limit} characters").format(where=where, limit=limit))
    return value


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10**12:
        raise NotesFileError(_("{where} must be a whole number of characters, not {value!r:.40}")
                             .format(where=where, value=value))
    return value


def _stamp(value: Any, where: str) -> str:
    text = _text(value, where, 64)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise NotesFileError(_("{where} is not an ISO 8601 date and time: {text!r}")
                             .format(where=where, text=text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _record(item: Any, n: int) -> Record:
    where = f"annotation {n}"
    if not isinstance(item, dict):
        raise NotesFileError(_("{where} is a JSON {kind}, not an object")
                             .format(where=where, kind=_kind(item)))
    if "Annotation" not in _types(item):
        raise NotesFileError(_("{where} does not have type 'Annotation'").format(where=where))
    raw_id = item.get("id", item.get("@id"))
    if raw_id is None:
        ident = str(uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(item, sort_keys=True)))
    else:
        raw_id = _text(raw_id, f"{where} 'id'")
        bare = raw_id.removeprefix("urn:uuid:")
        # A foreign id that is no UUID gets a stable one, so importing twice never duplicates.
        ident = str(uuid.UUID(bare)) if _is_uuid(bare) else str(uuid.uuid5(uuid.NAMESPACE_URL, raw_id))
    target = _target(item.get("target"), where)
    note, tags = _body(item, where)
    created = _stamp(item["created"], f"{where} 'created'") if "created" in item else None
    modified = _stamp(item["modified"], f"{where} 'modified'") if "modified" in item else None
    created = created or modified or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    color = _text(item.get("rr:color", "yellow"), f"{where} 'rr:color'")
    style = _text(item.get("rr:style", "highlight"), f"{where} 'rr:style'")
    if color not in COLORS:
        raise NotesFileError(_("{where} has unknown colour {color!r:.40} (one of {join})")
                             .format(where=where, color=color, join=', '.join(COLORS)))
    if style not in STYLES:
        raise NotesFileError(_("{where} has unknown style {style!r:.40} (one of {join})")
                             .format(where=where, style=style, join=', '.join(STYLES)))
    return Record(id=ident, source=target.source, selector=target.selector, created=created,
                  modified=max(modified or created, created), creator=_creator(item.get("creator"), where),
                  color=color, style=style, note=note, tags=tags, unsupported=target.unsupported,
                  scope=target.scope, kept=target.kept, position=target.position, span=target.span,
                  by_text=item.get(MATCH_BY_TEXT) is True, kind=_kind_of(item.get("motivation")))


def _kind_of(motivation: Any) -> str:
    """A bookmark is an annotation motivated by ``bookmarking`` (W3C's own term)."""
    names = {m.removeprefix("oa:") for m in _listed(motivation) if isinstance(m, str)}
    return "bookmark" if "bookmarking" in names else "highlight"


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def _creator(value: Any, where: str) -> str:
    first = next(iter(_listed(value)), None)
    if first is None:
        return ""
    if isinstance(first, str):
        return _text(first, f"{where} 'creator'")
    if isinstance(first, dict):
        name = first.get("name", first.get("nickname", ""))
        return _text(name, f"{where} creator 'name'")
    raise NotesFileError(_("{where} 'creator' must be a name or an object, not a {kind}")
                         .format(where=where, kind=_kind(first)))


def _body(item: dict[str, Any], where: str) -> tuple[str, tuple[str, ...]]:
    notes: list[str] = []
    tags: list[str] = []
    if "bodyValue" in item:
        notes.append(_text(item["bodyValue"], f"{where} 'bodyValue'", MAX_TEXT))
    for body in _listed(item.get("body")):
        if isinstance(body, str):
            continue  # a link to a body elsewhere: nothing to keep offline
        if not isinstance(body, dict):
            raise NotesFileError(_("{where} has a body that is a JSON {kind}")
                                 .format(where=where, kind=_kind(body)))
        if "value" not in body:
            continue
        purposes = {p for p in _listed(body.get("purpose")) if isinstance(p, str)}
        if "tagging" in purposes:
            tags.append(_text(body["value"], f"{where} tag"))
        else:
            notes.append(_text(body["value"], f"{where} body 'value'", MAX_TEXT))
    note = "\n\n".join(notes)
    if len(note) > MAX_TEXT:
        raise NotesFileError(_("{where} has a note longer than {MAX_TEXT} characters")
                             .format(where=where, MAX_TEXT=MAX_TEXT))
    return note, tuple(dict.fromkeys(tags))


def _target(value: Any, where: str) -> Target:
    """The first target: its source (or scope), and its selectors however they are nested.

    ``refinedBy`` chains are followed (a FragmentSelector refined by a
    TextQuoteSelector is the quote); a RangeSelector between two quote
    selectors and a TextPositionSelector alone are resolved against the
    article's text at merge; no selector at all is a page note.  Selectors of
    other types are kept whole, to be exported again unchanged.
    """
    targets = [t for t in _listed(value) if isinstance(t, dict | str)]
    if not targets:
        raise NotesFileError(_("{where} has no target").format(where=where))
    target = targets[0]
    if isinstance(target, str):  # the target is the page itself
        return Target(_text(target, f"{where} target"), Selector.page())
    source = target.get("source", target.get("id"))
    source = _text(source, f"{where} target 'source'")
    scope = target.get("scope", "")
    scope = _text(scope.get("id", "") if isinstance(scope, dict) else scope, f"{where} target 'scope'")
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    span: tuple[Selector, Selector] | None = None
    kept: list[Any] = []
    for top in _listed(target.get("selector")):
        if not isinstance(top, dict):
            raise NotesFileError(_("{where} has a selector that is a JSON {kind}")
                                 .format(where=where, kind=_kind(top)))
        if not _types(top) & {"TextQuoteSelector", "TextPositionSelector"}:
            kept.append(top)
        for selector in _chain(top, where):
            kinds = _types(selector)
            if "TextQuoteSelector" in kinds:
                quote = quote or selector
            elif "TextPositionSelector" in kinds:
                position = position or selector
            elif "RangeSelector" in kinds and span is None:
                ends = selector.get("startSelector"), selector.get("endSelector")
                if all(isinstance(e, dict) and "TextQuoteSelector" in _types(e) for e in ends):
                    span = (_quote(ends[0], where), _quote(ends[1], where))
    kept_json = json.dumps(kept, ensure_ascii=False) if kept else ""
    if quote is not None:
        found = _quote(quote, where)
        if position is not None:
            start, end = _span(position, where)
            found = Selector(found.exact, found.prefix, found.suffix, start, end)
        return Target(source, replace(found, kept=kept_json), scope=scope)
    if not _listed(target.get("selector")):
        return Target(source, Selector.page(), scope=scope)
    unsupported = ", ".join(sorted({next(iter(sorted(_types(k))), "untyped") for k in kept}))
    return Target(source, None, scope=scope, kept=kept_json,
                  position=_span(position, where) if position is not None else None, span=span,
                  unsupported=unsupported or "TextPositionSelector without a quote")


@dataclass(frozen=True)
class Target:
    """What a target names: a selector now, or the parts to resolve against the article's text."""

    source: str
    selector: Selector | None
    scope: str = ""
    kept: str = ""
    position: tuple[int, int] | None = None
    span: tuple[Selector, Selector] | None = None
    unsupported: str = ""


def _chain(selector: dict[str, Any], where: str) -> list[dict[str, Any]]:
    """A selector and every selector refining it (the JSON depth check bounds the chain)."""
    chain = [selector]
    while isinstance(chain[-1].get("refinedBy"), dict | list):
        refined = [r for r in _listed(chain[-1]["refinedBy"]) if isinstance(r, dict)]
        if not refined:
            break
        chain.append(refined[0])
    return chain


def _quote(selector: dict[str, Any], where: str) -> Selector:
    exact = _text(selector.get("exact"), f"{where} quote 'exact'", MAX_TEXT)
    if not exact:
        raise NotesFileError(_("{where} has an empty quote").format(where=where))
    prefix = _text(selector.get("prefix", ""), f"{where} quote 'prefix'", MAX_TEXT)
    suffix = _text(selector.get("suffix", ""), f"{where} quote 'suffix'", MAX_TEXT)
    return Selector(exact=exact, prefix=prefix, suffix=suffix, start=0, end=len(exact))


def _span(position: dict[str, Any], where: str) -> tuple[int, int]:
    start = _int(position.get("start"), f"{where} position 'start'")
    end = _int(position.get("end"), f"{where} position 'end'")
    if end < start:
        raise NotesFileError(_("{where} has a position that ends before it starts").format(where=where))
    return start, end
