"""Figures, galleries and images rewritten into the HTML subset QTextBrowser lays out.

Qt's rich text knows no ``<figure>``, no CSS grid and no ``max-width``, so the
sanitized article HTML is adjusted before it is shown: a figure becomes its
image paragraph with the caption paragraph right under it; a gallery becomes a
table of figures, three to a row (each caption in its own image's cell); an
image gets a width no larger than the text column (its natural width when
smaller) and, unless it is a link already, a link to itself so a click can
show it full size.  WordPress's ``alignleft``/``alignright`` become Qt's
``align`` (a float).
"""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup, Tag

GALLERY_COLUMNS = 3
GALLERY_GAP = 12  # px between gallery cells
_ALIGN = {"alignleft": "left", "alignright": "right", "aligncenter": "center"}

#: The natural (width, height) of an image by its ``src``, or None when unknown.
ImageSize = Callable[[str], "tuple[int, int] | None"]


def _align(tag: Tag) -> str | None:
    return next((_ALIGN[name] for name in tag.get_attribute_list("class") if name in _ALIGN), None)


def _size_image(image: Tag, limit: int, size_of: ImageSize | None) -> None:
    src = str(image.get("src") or "")
    size = size_of(src) if size_of and src else None
    width = min(size[0], limit) if size else limit
    image["width"] = str(max(1, width))
    image.attrs.pop("height", None)  # Qt keeps the aspect ratio when only the width is given
    align = _align(image)
    if align in ("left", "right"):
        image["align"] = align
    if src and (image.parent is None or image.parent.name != "a"):
        link = image.wrap(BeautifulSoup("", "html.parser").new_tag("a", href=src))
        link["class"] = "rr-image"


def _figure_parts(soup: BeautifulSoup, figure: Tag) -> tuple[Tag, Tag | None]:
    """(a paragraph with the figure's content, the caption paragraph or None)."""
    caption = figure.find("figcaption")
    caption_p = None
    if caption is not None:
        caption.extract()
        caption_p = soup.new_tag("p", attrs={"class": "caption", "align": "center"})
        for paragraph in caption.find_all("p"):
            paragraph.unwrap()
        caption_p.extend(list(caption.contents))
    body = soup.new_tag("div", attrs={"class": "figure", "align": "center"})
    for paragraph in figure.find_all("p"):
        paragraph["align"] = "center"
    body.extend(list(figure.contents))
    return body, caption_p


def _gallery_table(soup: BeautifulSoup, gallery: Tag) -> Tag:
    figures = gallery.find_all("figure", recursive=False)
    table = soup.new_tag("table", attrs={"class": "gallery", "width": "100%", "cellspacing": str(GALLERY_GAP)})
    for start in range(0, len(figures), GALLERY_COLUMNS):
        row = soup.new_tag("tr")
        for figure in figures[start : start + GALLERY_COLUMNS]:
            cell = soup.new_tag("td", attrs={"width": f"{100 // GALLERY_COLUMNS}%", "valign": "top"})
            body, caption = _figure_parts(soup, figure)
            cell.append(body)
            if caption is not None:
                cell.append(caption)
            row.append(cell)
        table.append(row)
    return table


def qt_layout(fragment: str, column: int, size_of: ImageSize | None = None) -> str:
    """``fragment`` (sanitized article HTML) with figures, galleries and images laid out for Qt."""
    if "<img" not in fragment and "<figure" not in fragment:
        return fragment
    soup = BeautifulSoup(fragment, "html.parser")
    cell = max(40, (column - GALLERY_GAP * (GALLERY_COLUMNS + 1)) // GALLERY_COLUMNS)
    for gallery in soup.find_all("div", class_="gallery"):
        for image in gallery.find_all("img"):
            _size_image(image, cell, size_of)
        gallery.replace_with(_gallery_table(soup, gallery))
    for image in soup.find_all("img"):
        if not image.get("width"):
            _size_image(image, column, size_of)
    for figure in soup.find_all("figure"):
        align = _align(figure)
        body, caption = _figure_parts(soup, figure)
        if align in ("left", "right"):
            figure.replace_with(_floating(soup, body, caption, align))
            continue
        figure.replace_with(body)
        if caption is not None:
            body.insert_after(caption)
    return str(soup)


def _floating(soup: BeautifulSoup, body: Tag, caption: Tag | None, align: str) -> Tag:
    """An aligned figure: a one-column table floated to ``align``, the caption in the row under the image."""
    widths = [int(str(image.get("width"))) for image in body.find_all("img") if str(image.get("width")).isdigit()]
    table = soup.new_tag("table", attrs={"align": align, "class": "figure", "cellspacing": "6"})
    if widths:
        table["width"] = str(max(widths) + 12)
    for part in (body, caption):
        if part is not None:
            row, cell = soup.new_tag("tr"), soup.new_tag("td")
            cell.append(part)
            row.append(cell)
            table.append(row)
    return table
