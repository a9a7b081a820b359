"""How deeply a post's HTML nests, measured before anything recursive touches it.

BeautifulSoup's ``html.parser`` builder nests unclosed tags (``<li>a<li>b``
gives ``li > li``) and markdownify recurses once per level, so a deep post is
a RecursionError in the middle of an import; counting the depth with one
linear scan lets the importer skip that post with its reason instead.
"""

from __future__ import annotations

import re

from reader.core.i18n import N_

#: HTML nested deeper than this is a trap, not a layout (page builders nest ~25 deep): 600
#: nested ``<div>``s overflowed the converter's recursion and 4,000 took 9.2 s, so such a post
#: is skipped with :data:`TOO_DEEP` as its reason and the rest of the export is imported.
MAX_NESTING = 200
TOO_DEEP = N_("HTML nested too deeply")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "menuitem", "spacer"})


def nesting_depth(html_text: str, stop: int = MAX_NESTING) -> int:
    """Depth of the deepest element html.parser would build (unclosed tags nest), counted to ``stop`` + 1."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    for match in _TAG.finditer(html_text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if not closing:
            if name in _VOID or self_closing:  # a leaf
                deepest = max(deepest, len(stack) + 1)
                continue
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            deepest = max(deepest, len(stack))
            if deepest > stop:
                break
        elif open_count.get(name):  # html.parser closes every element up to the matching one
            while (popped := stack.pop()) != name:
                open_count[popped] -= 1
            open_count[name] -= 1
    return deepest
