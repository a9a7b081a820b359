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

from reader.core.i18n import _

GALLERY_COLUMNS = 3
GALLERY_GAP = 12  # px between gallery cells
FLOAT_SHARE = 0.4  # of the column, at most, for an image floated left or right
CELL_PADDING = 12  # px a table cell adds to its content (padding and borders, article.css)
_ALIGN = {"alignleft": "left", "alignright": "right", "aligncenter": "center"}

#: The natural (width, height) of an image by its ``src``, or None when unknown.
ImageSize = Callable[[str], "tuple[int, int] | None"]


def _align(tag: Tag) -> str | None:
    return next((_ALIGN[name] for name in tag.get_attribute_list("class") if name in _ALIGN), None)


def _size_image(image: Tag, limit: int, size_of: ImageSize | None, max_height: int) -> None:
    src = str(image.get("src") or "")
    size = size_of(src) if size_of and src else None
    align = _align(image)
    if align in ("left", "right"):
        limit = max(40, int(limit * FLOAT_SHARE))  # text runs beside a floated image
    width = limit
    if size and size[0] > 0 and size[1] > 0:
        width = min(size[0], limit, size[0] * max_height // size[1])  # a tall image fits the window
    image["width"] = str(max(1, width))
    image.attrs.pop("height", None)  # Qt keeps the aspect ratio when only the width is given
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
    attrs = {"class": "gallery", "width": "100%", "cellspacing": str(GALLERY_GAP)}
    table = soup.new_tag("table", attrs=attrs)
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


def _min_width(table: Tag, char_width: float) -> float:
    """A table's narrowest layout: each column as wide as its longest word, plus cell padding."""
    longest: dict[int, int] = {}
    for row in table.find_all("tr"):
        for index, cell in enumerate(row.find_all(["td", "th"], recursive=False)):
            words = cell.get_text(" ").split()
            longest[index] = max(longest.get(index, 1), *(len(word) for word in words), 1)
    return sum(length * char_width + CELL_PADDING for length in longest.values())


def _stacked(soup: BeautifulSoup, table: Tag) -> Tag:
    """A table too wide for the page, one row after another as "header | value" pairs.

    Qt's rich text cannot scroll a table inside the page, and squeezing 30
    columns would break every word; this keeps every cell next to its header.
    """
    rows = table.find_all("tr")
    header = rows[0].find_all(["th", "td"], recursive=False) if rows else []
    has_header = bool(header) and all(cell.name == "th" for cell in header)
    names = [cell.get_text(" ", strip=True) for cell in header] if has_header else []
    out = soup.new_tag("div", attrs={"class": "stacked-table"})
    for number, row in enumerate(rows[1:] if has_header else rows, start=1):
        card = soup.new_tag("table", attrs={"class": "stacked", "width": "100%"})
        for index, cell in enumerate(row.find_all(["td", "th"], recursive=False)):
            line = soup.new_tag("tr")
            name = soup.new_tag("th", attrs={"align": "left", "width": "30%"})
            name.string = names[index] if index < len(names) else f"{index + 1}"
            value = soup.new_tag("td")
            value.extend(list(cell.contents))
            line.extend([name, value])
            card.append(line)
        caption = soup.new_tag("p", attrs={"class": "caption"})
        caption.string = _("Row {number}").format(number=number)
        out.extend([caption, card])
    return out


def qt_layout(fragment: str, column: int, size_of: ImageSize | None = None, char_width: float = 8.0,
              max_height: int = 600) -> str:
    """``fragment`` (sanitized article HTML) with figures, galleries, images and wide tables for Qt."""
    if "<img" not in fragment and "<figure" not in fragment and "<table" not in fragment:
        return fragment
    soup = BeautifulSoup(fragment, "html.parser")
    for table in soup.find_all("table"):
        if _min_width(table, char_width) > column:
            table.replace_with(_stacked(soup, table))
    cell = max(40, (column - GALLERY_GAP * (GALLERY_COLUMNS + 1)) // GALLERY_COLUMNS)
    for gallery in soup.find_all("div", class_="gallery"):
        for image in gallery.find_all("img"):
            _size_image(image, cell, size_of, max_height)
        gallery.replace_with(_gallery_table(soup, gallery))
    for image in soup.find_all("img"):
        if not image.get("width"):
            _size_image(image, column, size_of, max_height)
    for image in soup.find_all("img"):
        paragraph = image.find_parent("p")
        if paragraph is not None and not paragraph.get_text(strip=True):
            paragraph["class"] = "image"  # no 150% line height under a picture
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
    widths = [int(str(image["width"])) for image in body.find_all("img") if str(image.get("width")).isdigit()]
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
