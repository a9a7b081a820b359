"""HTML to the archive's Markdown dialect (format 2, :mod:`reader.core.dialect`).

markdownify does the walking; these rules keep what its defaults lose:
``<sub>``, ``<sup>``, ``<mark>``, ``<kbd>``, ``<q>``, ``<cite>``, ``<abbr title>``
and friends stay inline HTML (Markdown has no syntax for them, and sub/sup
syntax cannot hold links); table alignment goes into the delimiter row;
heading ids become ``{#id}`` lines; figures keep their caption right under their
image; and an ordered list that starts past 1 inside an item gets the blank
line CommonMark needs to see it as a list.
"""

from __future__ import annotations

import html
import re

from bs4 import Tag
from markdownify import MarkdownConverter

from reader.core.importers.text import escape_text

#: Inline elements kept as HTML tags around their converted content.
INLINE_HTML = ("sub", "sup", "mark", "kbd", "q", "cite", "ins", "u", "small", "dfn", "var", "samp")
_ALIGN = {"left": ":--", "center": ":-:", "right": "--:"}
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right)", re.IGNORECASE)
_SAFE_ID = re.compile(r"^[A-Za-z][\w-]*$")
_DELIMITER_ROW = re.compile(r"^\| (?:--- \| )*---( \|)?$", re.MULTILINE)
#: WordPress's image alignment classes, carried as ``{.alignleft}`` on the image or figure.
ALIGN_CLASSES = ("alignleft", "alignright", "aligncenter")
#: What holds one image of a gallery and its caption (block editor, our own, classic ``[gallery]``).
_GALLERY_ITEMS = ["figure", "li", "dl"]


def _align(cell: Tag) -> str | None:
    value = str(cell.get("align") or "").lower()
    if value in _ALIGN:
        return value
    match = _TEXT_ALIGN.search(str(cell.get("style") or ""))
    return match.group(1).lower() if match else None


def alignment_class(element: Tag) -> str | None:
    """The WordPress alignment class of an image or figure, if it has one."""
    classes = element.get_attribute_list("class")
    return next((name for name in ALIGN_CLASSES if name in classes), None)


def _chomp(text: str) -> tuple[str, str, str]:
    stripped = text.strip()
    if not stripped:
        return "", "", ""
    start = text.index(stripped[0])
    return text[:start], stripped, text[start + len(stripped):]


def code_language(pre: Tag) -> str:
    """``language-x``/``lang-x`` on a ``<pre>`` or its ``<code>``: the fence's info string."""
    code = pre.find("code")
    for element in (pre, code if isinstance(code, Tag) else None):
        for name in element.get_attribute_list("class") if element is not None else ():
            if name and name.startswith(("language-", "lang-")):
                language = name.split("-", 1)[1]
                return language if re.fullmatch(r"[\w+#.-]{1,30}", language) else ""
    return ""


class Converter(MarkdownConverter):
    """markdownify with our minimal escaping and the format-2 rules above."""

    def __init__(self, **options: object) -> None:
        options.setdefault("code_language_callback", code_language)
        super().__init__(**options)

    def escape(self, text: str, parent_tags: set[str] | None = None) -> str:
        return escape_text(text) if text else ""

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        row = super().convert_tr(el, text, parent_tags)
        if "---" not in row:
            return row
        cells = el.find_all(["td", "th"], recursive=False)
        marks = []
        for cell in cells:
            span = str(cell.get("colspan") or "1")
            count = max(1, min(1000, int(span))) if span.isdigit() else 1
            marks += [_ALIGN.get(_align(cell) or "", "---")] * count
        return _DELIMITER_ROW.sub("| " + " | ".join(marks) + " |", row, count=1)

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)

    def convert_th(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        heading = super().convert_hN(n, el, text, parent_tags)
        anchor = str(el.get("id") or "")
        if "_inline" in parent_tags or not _SAFE_ID.match(anchor):
            return heading
        return f"\n\n{{#{anchor}}}\n{heading.lstrip(chr(10))}"

    def convert_list(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        out = super().convert_list(el, text, parent_tags)
        start = str(el.get("start") or "1")
        if el.name == "ol" and "li" in parent_tags and start.isdigit() and int(start) != 1:
            return "\n" + out  # CommonMark: only a list starting at 1 may interrupt a paragraph
        return out

    convert_ol = convert_list

    def convert_abbr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        before, inner, after = _chomp(text)
        title = str(el.get("title") or "")
        if not inner or not title:
            return text
        return f'{before}<abbr title="{html.escape(title)}">{inner}</abbr>{after}'

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = str(el.get("alt") or "").replace("\\", "\\\\").replace("]", "\\]").replace("[", "\\[")
        src = str(el.get("src") or "").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        align = alignment_class(el)
        return f"![{alt}]({src})" + (f"{{.{align}}}" if align else "")

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A figure stays a ``<figure>`` block: its image, then its caption, in that order."""
        if "_inline" in parent_tags:
            return text
        gallery = self._gallery(el, parent_tags)
        if gallery:
            return gallery
        caption = el.find("figcaption")
        caption_md = self._children(caption, parent_tags | {"figcaption"}) if caption else ""
        content = self._children(el, parent_tags | {"figure"}, skip=caption)
        align = alignment_class(el)
        opening = f'<figure class="{align}">' if align else "<figure>"
        parts = [opening, content]
        if caption_md:
            parts.append(f"<figcaption>\n\n{caption_md}\n\n</figcaption>")
        return "\n\n" + "\n\n".join(part for part in parts if part) + "\n\n</figure>\n\n"

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._gallery(el, parent_tags) or text

    def convert_ul(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._gallery(el, parent_tags) or self.convert_list(el, text, parent_tags)

    def _gallery(self, el: Tag, parent_tags: set[str]) -> str | None:
        """A gallery (classic, block or our own ``<div class="gallery">``): one figure per image.

        Each image is paired with the caption of its own item (``figure``,
        ``li`` or ``dl``), so a caption can never drift to the next image.
        """
        if "_inline" in parent_tags or not any("gallery" in name for name in el.get_attribute_list("class")):
            return None
        items = [item for item in el.find_all(_GALLERY_ITEMS) if not item.find(_GALLERY_ITEMS)]
        figures = []
        for item in items or el.find_all("img"):
            caption = item.find(["figcaption", "dd"]) if item.name != "img" else None
            if item.name == "img":
                content = self.process_tag(item, {"figure"})
            else:
                content = self._children(item, {"figure"}, skip=caption)
            if not content.strip():
                continue
            figure = ["<figure>", content.strip()]
            caption_md = self._children(caption, {"figcaption"}) if caption is not None else ""
            if caption_md:
                figure.append(f"<figcaption>\n\n{caption_md}\n\n</figcaption>")
            figures.append("\n\n".join(figure) + "\n\n</figure>")
        if not figures:
            return None
        return '\n\n<div class="gallery">\n\n' + "\n\n".join(figures) + "\n\n</div>\n\n"

    def _children(self, el: Tag, parent_tags: set[str], skip: Tag | None = None) -> str:
        """The Markdown of ``el``'s content (less ``skip`` and what holds it), without ``el``'s own rule."""
        parts = []
        for child in el.children:
            if skip is not None and (child is skip or (isinstance(child, Tag) and skip in child.descendants)):
                continue
            parts.append(self.process_element(child, parent_tags))
        return "".join(parts).strip()

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""


def _inline_html(tag: str):  # type: ignore[no-untyped-def]
    def convert(self: Converter, el: Tag, text: str, parent_tags: set[str]) -> str:
        before, inner, after = _chomp(text)
        return f"{before}<{tag}>{inner}</{tag}>{after}" if inner else text

    convert.__name__ = f"convert_{tag}"
    return convert


for _tag in INLINE_HTML:
    setattr(Converter, f"convert_{_tag}", _inline_html(_tag))
