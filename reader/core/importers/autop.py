"""WordPress's auto-paragraph rule (``wpautop``), ported step for step.

Classic-editor posts are stored without ``<p>`` tags: WordPress adds them on
display, turning blank-line separated text into paragraphs and single line
breaks into ``<br />``.  An importer that guessed instead would merge or split
paragraphs differently from what readers of the site saw, so this follows
``wp-includes/formatting.php`` (WordPress 6.x) rule by rule, in its order.
"""

from __future__ import annotations

import re

#: Block-level elements, exactly WordPress's ``$allblocks``.
ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)

_PRE_PLACEHOLDER = "<pre wp-pre-tag-{}></pre>"
_NEWLINE_MARK = " <!-- wpnl --> "
#: Comments, CDATA and tags: the parts of HTML that are not text (``wp_html_split``).
_HTML_SPLIT = re.compile(r"(<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<[^>]*>?)", re.DOTALL)

_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_BLOCK_OPEN = re.compile(rf"(<{ALLBLOCKS}[\s/>])")
_BLOCK_CLOSE = re.compile(rf"(</{ALLBLOCKS}>)")
_HR = re.compile(r"(<hr\s*?/?>)")
_MANY_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_UNCLOSED_IN_DIV = re.compile(r"<p>([^<]+)</(div|address|form)>")
_WRAPPED_BLOCK = re.compile(rf"<p>\s*(</?{ALLBLOCKS}[^>]*>)\s*</p>")
_WRAPPED_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(rf"<p>\s*(</?{ALLBLOCKS}[^>]*>)")
_P_AFTER_BLOCK = re.compile(rf"(</?{ALLBLOCKS}[^>]*>)\s*</p>")
_PRESERVE = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_NEWLINE_TO_BR = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK = re.compile(rf"(</?{ALLBLOCKS}[^>]*>)\s*<br />")
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)")


def replace_in_tags(text: str, old: str, new: str) -> str:
    """``wp_replace_in_html_tags``: replace only inside tags and comments, never in text."""
    parts = _HTML_SPLIT.split(text)
    for index in range(1, len(parts), 2):
        if old in parts[index]:
            parts[index] = parts[index].replace(old, new)
    return "".join(parts)


def _hide_pre(text: str) -> tuple[str, dict[str, str]]:
    """``<pre>`` blocks are left alone: swap them for placeholders first."""
    pre_tags: dict[str, str] = {}
    if "<pre" not in text:
        return text, pre_tags
    *parts, last = text.split("</pre>")
    out = []
    for part in parts:
        start = part.find("<pre")
        if start < 0:  # malformed HTML: keep as is
            out.append(part)
            continue
        name = _PRE_PLACEHOLDER.format(len(pre_tags))
        pre_tags[name] = part[start:] + "</pre>"
        out.append(part[:start] + name)
    out.append(last)
    return "".join(out), pre_tags


def _media_newlines(text: str) -> str:
    """Collapse line breaks inside option/object/audio/video/figcaption markup."""
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    return text


def wpautop(text: str, br: bool = True) -> str:
    """Paragraphs for blank-line separated text, ``<br />`` for single line breaks."""
    if not text.strip():
        return ""
    text, pre_tags = _hide_pre(text + "\n")
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = replace_in_tags(text, "\n", _NEWLINE_MARK)
    text = _media_newlines(text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    paragraphs = [p for p in _PARAGRAPH_SPLIT.split(text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = _EMPTY_P.sub("", text)
    text = _UNCLOSED_IN_DIV.sub(r"<p>\1</p></\2>", text)
    text = _WRAPPED_BLOCK.sub(r"\1", text)
    text = _WRAPPED_LI.sub(r"\1", text)
    text = _P_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)
    if br:
        text = _PRESERVE.sub(lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = _NEWLINE_TO_BR.sub("<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    if "<!-- wpnl -->" in text:
        text = text.replace(_NEWLINE_MARK, "\n").replace("<!-- wpnl -->", "\n")
    return text
