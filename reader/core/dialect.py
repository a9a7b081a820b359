"""The archive's Markdown dialect (format 2), parsed in linear time.

CommonMark (markdown-it-py) with GFM tables and ``~~strikethrough~~``, and from
mdit-py-plugins footnotes, definition lists, ``~sub~``/``^sup^``, task lists and
``{#id .class}`` attributes.  Inline HTML carries what Markdown has no syntax
for (``<mark>``, ``<kbd>``, ``<q>``, ``<cite>``, ``<abbr title>``); rendering
sanitizes it.  Python-Markdown, the format-1 renderer, is quadratic on some
inputs (see docs/decisions.md); markdown-it-py is not, and its one unbounded
thing, nesting, is capped here: a body nested deeper than :data:`MAX_NESTING`
is shown as plain paragraphs instead of losing the text below the cap.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from reader.core.archive.formats import legacy_syntax
from reader.core.archive.model import FORMAT

#: Deeper nesting (lists in quotes in lists...) than any article needs; the parser stops
#: consuming text at its limit, so a body that reaches it is shown as plain text instead.
MAX_NESTING = 40
_CHECKBOX = re.compile(r"<input[^>]*>")
_SLUG_DROP = re.compile(r"[^\w\- ]")
_SLUG_SPACE = re.compile(r"[\s\-]+")


def _footnote_name(_self: object, tokens: Sequence[Token], idx: int, *_rest: object) -> str:
    """``fn:1``/``fnref:1``: the ids format-1 (Python-Markdown) articles had, so links keep working."""
    return ":" + str(tokens[idx].meta["id"] + 1)


def _footnote_caption(_self: object, tokens: Sequence[Token], idx: int, *_rest: object) -> str:
    """The bare number, as format 1 showed it (annotations count these characters)."""
    return str(tokens[idx].meta["id"] + 1)


def _footnotes_open(*_args: object) -> str:
    return '<div class="footnote">\n<hr>\n<ol>\n'


def _footnotes_close(*_args: object) -> str:
    return "</ol>\n</div>\n"


def slug(text: str) -> str:
    """A heading's anchor: lower-case words joined by ``-`` (non-ASCII letters kept)."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return _SLUG_SPACE.sub("-", _SLUG_DROP.sub("", text)).strip("-") or "section"


def _heading_ids(state: StateCore) -> None:
    """Give every heading without an ``{#id}`` a unique anchor, in one pass (linear)."""
    seen: dict[str, int] = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.attrGet("id"):
            continue
        text = "".join(child.content for child in tokens[index + 1].children or () if child.type == "text")
        base = slug(text)
        count = seen.get(base, 0)
        seen[base] = count + 1
        token.attrSet("id", base if count == 0 else f"{base}-{count}")


def _task_boxes(state: StateCore) -> None:
    """Task-list check boxes as ☐/☑ characters: a form control would not survive sanitizing."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "html_inline" and 'class="task-list-item-checkbox"' in child.content:
                child.type, child.content = "text", ("☑" if "checked" in child.content else "☐")


def _cell_alignment(state: StateCore) -> None:
    """Table alignment as the ``align`` attribute: the sanitizer drops ``style``, Qt reads ``align``."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                token.attrs.pop("style", None)
                token.attrSet("align", style.removeprefix("text-align:"))


def _parser(format_version: int) -> MarkdownIt:
    """Format 2's parser; format 1 (Python-Markdown "extra") had no strikethrough, sub/sup or tasks."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")
    md.use(footnote_plugin).use(deflist_plugin).use(attrs_plugin).use(attrs_block_plugin)
    if format_version >= 2:
        md.enable("strikethrough").use(sub_plugin).use(superscript_plugin).use(tasklists_plugin)
    # Every link target is kept for the sanitizer to judge: markdown-it's own check would leave
    # "[js](javascript:...)" as literal text, where the sanitizer keeps the words and drops the target.
    md.validateLink = lambda _url: True  # type: ignore[method-assign]
    md.add_render_rule("footnote_anchor_name", _footnote_name)
    md.add_render_rule("footnote_caption", _footnote_caption)
    md.add_render_rule("footnote_block_open", _footnotes_open)
    md.add_render_rule("footnote_block_close", _footnotes_close)
    md.core.ruler.push("heading_ids", _heading_ids)
    md.core.ruler.push("task_boxes", _task_boxes)
    md.core.ruler.push("cell_alignment", _cell_alignment)
    return md


CURRENT_FORMAT = FORMAT
_PARSERS = {version: _parser(version) for version in (1, CURRENT_FORMAT)}


#: Link and image labels cost markdown-it ~30-60 µs per "[" (measured, benchmarks/render_bench.py);
#: a body that is mostly brackets (no article is) is shown as plain text instead.
BRACKETS_MAX, BRACKET_SHARE = 2000, 8


def too_dense(body: str) -> bool:
    """More than BRACKETS_MAX "[" making up over 1/BRACKET_SHARE of the body: not prose."""
    brackets = body.count("[")
    return brackets > BRACKETS_MAX and brackets * BRACKET_SHARE > len(body)


def _too_deep(tokens: Sequence[Token]) -> bool:
    return any(token.level >= MAX_NESTING - 1 for token in tokens)


def plain_html(body: str) -> str:
    """The body as escaped paragraphs: what a reader sees when the Markdown cannot be laid out."""
    paragraphs = [part.strip() for part in re.split(r"\n[ \t]*\n", body) if part.strip()]
    return "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>\n" for part in paragraphs)


def parser(format_version: int) -> MarkdownIt:
    """The configured parser for ``format_version`` (unknown newer formats read as the current one)."""
    return _PARSERS[1 if format_version <= 1 else CURRENT_FORMAT]


def parse(body: str, format_version: int = CURRENT_FORMAT) -> list[Token]:
    """The token stream of ``body`` read as ``format_version``."""
    return parser(format_version).parse(body, {})


def to_html(body: str, format_version: int = CURRENT_FORMAT) -> str:
    """Unsanitized HTML of a body (the caller sanitizes); plain paragraphs when nested too deep."""
    if too_dense(body):
        return plain_html(body)
    if format_version <= 1:
        body = legacy_syntax(body, parse)
    md = parser(format_version)
    env: EnvType = {}
    tokens = md.parse(body, env)
    if _too_deep(tokens):
        return plain_html(body)
    return md.renderer.render(tokens, md.options, env)
