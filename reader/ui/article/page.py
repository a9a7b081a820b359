"""The rendering half of the article view: HTML, themes, typography, measure, places and marks.

Qt's rich-text CSS has no relative font sizes and no variables, so a theme is
a colour stylesheet added to the shared typography, and the reader's
:class:`Typography` rescales its lengths and line heights.  The widget
colours (background, text, marks) are read from the same CSS, so a theme is
edited in one place.  Places are document positions,
not pixels, so they survive a re-render at another size.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.core import render
from reader.core.archive import Article
from reader.core.dialect import plain_html
from reader.core.i18n import text_direction
from reader.core.resources import read_text
from reader.ui.article.layout import ImageSize, qt_layout
from reader.ui.article.links import anchor_positions
from reader.ui.article.toc import Heading, headings_of
from reader.ui.article.typography import FULL_WIDTH, Typography

log = logging.getLogger("reader.ui.article")

MIN_MARGIN = 24
DIRECTION_SAMPLE = 4000  # characters of an article that decide its direction
IMAGE_HEIGHT_SHARE = 0.6  # an inline image is at most this share of the view's height (click: full size)
THEMES = ("light", "sepia", "dark", "contrast")
#: Mark layers, drawn in this order (find on top); each may have a stronger "current" mark.
#: "notes" has no CSS colours: its caller passes a format per span (see ``set_marks``); "speech" is
#: the sentence being read aloud.
MARK_LAYERS = ("notes", "speech", "term", "find")
_UNDERLINES = {"solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
               "dashed": QTextCharFormat.UnderlineStyle.DashUnderline}
_PRE_END = re.compile(r"\n(</code>)?</pre>")  # Qt shows a code block's final newline as an empty line
_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")


@dataclass(frozen=True)
class Theme:
    """A theme's stylesheet and the colours the widget (not the document) needs."""

    name: str
    css: str
    background: QColor
    text: QColor
    link: QColor
    marks: dict[str, QTextCharFormat]


def resolve_theme(setting: str) -> str:
    """A theme name for a setting: "auto" follows the OS colour scheme, unknown means light."""
    if setting == "auto":
        dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return "dark" if dark else "light"
    return setting if setting in THEMES else "light"


@functools.cache
def load_theme(name: str) -> Theme:
    """Base typography + the theme's colours; widget colours are read from the same CSS."""
    css = read_text("styles", "article.css") + "\n" + read_text("styles", f"article-{name}.css")
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in _RULE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)):
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update({k.strip(): v.strip() for k, v in props.items()})
    marks = {}
    for layer in (*MARK_LAYERS, *(f"{layer}-current" for layer in MARK_LAYERS)):
        if f".rr-{layer}" in rules:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(rules[f".rr-{layer}"]["background-color"]))
            fmt.setForeground(QColor(rules[f".rr-{layer}"]["color"]))
            if ink := rules[f".rr-{layer}"].get("text-decoration-color"):  # a shape as well as a hue
                style = rules[f".rr-{layer}"].get("text-decoration-style", "dashed")
                fmt.setUnderlineStyle(_UNDERLINES[style])
                fmt.setUnderlineColor(QColor(ink))
            marks[layer] = fmt
    body = rules["body"]
    if "speech" not in marks:  # a theme without a read-aloud rule: an underline in its text colour
        marks["speech"] = QTextCharFormat()
        marks["speech"].setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        marks["speech"].setUnderlineColor(QColor(body["color"]))
    return Theme(name, css, QColor(body["background-color"]), QColor(body["color"]),
                 QColor(rules["a"]["color"]), marks)


def page_html(article: Article, column: int = 640, size_of: ImageSize | None = None,
              char_width: float = 8.0, max_height: int = 600, language: str = "") -> str:
    """render.article_html plus tags in the header, laid out for Qt (``column`` px of text width)."""
    header = render.header_html(article.meta)
    if article.meta.tags:
        tags = "&nbsp; ".join(f'<span class="tag">&nbsp;{html.escape(t)}&nbsp;</span>'
                              for t in article.meta.tags)
        header = header.replace("</header>", f'<p class="tags">{tags}</p></header>', 1)
    body = qt_layout(render.body_html(article), column, size_of, char_width, max_height)
    body = _PRE_END.sub(r"\1</pre>", body)  # the footnotes block comes classed from the dialect
    direction = text_direction(language, article.meta.title + article.body[:DIRECTION_SAMPLE])
    if direction == "rtl" and article.meta.day:  # keep 2020-03-01 in its order inside right-to-left text
        header = header.replace(f">{article.meta.day}</time>", f">\u200e{article.meta.day}\u200e</time>", 1)
    return f'<article><div dir="{direction}">{header}<div class="article-body">{body}</div></div></article>'


def palette_for(theme: Theme, palette: QPalette) -> QPalette:
    """``palette`` with the theme's background, text and link colours (the viewport's too)."""
    palette = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, theme.background)
        palette.setColor(group, QPalette.ColorRole.Text, theme.text)
        palette.setColor(group, QPalette.ColorRole.Link, theme.link)
        palette.setColor(group, QPalette.ColorRole.LinkVisited, theme.link)
    return palette


class ArticlePage(QTextBrowser):
    """Renders one article with a theme and typography; ArticleView adds loading rules and navigation."""

    size_changed = Signal(int)  # the text size in points (zoom in/out, Ctrl+wheel)
    rendered = Signal()  # the document was rebuilt: headings and text positions may differ

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document().setDocumentMargin(0)
        # A word longer than the line (a URL, a code line, a cell of a wide table) breaks anywhere
        # rather than widening the page: Qt's rich text cannot scroll a block on its own.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._article: Article | None = None
        self.language = ""  # the archive's: an article without letters to tell reads in its direction
        self._type = Typography()
        self._theme = load_theme("light")
        self._marks: dict[str, tuple[list[tuple[int, int]], int | None]] = {}
        self._formats: dict[str, list[QTextCharFormat]] = {}  # per-span formats of a layer
        self._painters: list[Callable[[QPainter], None]] = []
        self._anchors: dict[str, int] = {}
        self._headings: list[Heading] = []
        self._apply_font()
        self._apply_palette()

    def headings(self) -> list[Heading]:
        return list(self._headings)

    def article(self) -> Article | None:
        """The article shown: its text is what notes are anchored to."""
        return self._article

    def _render(self, keep_place: bool) -> None:
        """(Re)build the document with the theme and typography; marks survive a same-text rebuild."""
        if self._article is None:
            return
        place = self.top_position() if keep_place else 0
        self._apply_font()
        self.document().setDefaultStyleSheet(self._type.css(self._theme.css))
        char_width = QFontMetricsF(self.document().defaultFont()).averageCharWidth()
        max_height = max(120, int(self.viewport().height() * IMAGE_HEIGHT_SHARE))
        try:
            text = page_html(self._article, self.column_width(), self.image_size, char_width, max_height,
                             self.language)
        except Exception:  # the previous article must never stay on screen under the new one's id
            log.exception("cannot lay out %s; showing it as plain text", self._article.id)
            header = render.header_html(self._article.meta)
            text = f"<article>{header}{plain_html(self._article.body)}</article>"
        self.setHtml(text)
        self._after_render()
        self._scroll_to(place)

    def _after_render(self) -> None:
        self._fit_measure()
        self._anchors = anchor_positions(self.document())
        self._headings = headings_of(self.document())
        self._apply_marks()
        self.rendered.emit()

    def _apply_font(self) -> None:
        font = self.document().defaultFont()
        font.setFamilies(self._type.families())
        font.setPointSizeF(self._type.size)
        self.document().setDefaultFont(font)
        self._fit_measure()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-fit the measure and keep the line at the top where it was (rewrapping moves it)."""
        place = self.top_position() if self.verticalScrollBar().value() else 0
        super().resizeEvent(event)
        self._fit_measure()
        if place:
            self._scroll_to(place)

    def image_size(self, src: str) -> tuple[int, int] | None:
        """The natural size of an article image; the view knows the archive, the page does not."""
        return None

    def _measure(self) -> float:
        """The widest column the reader asked for, in pixels (the window's width for "full")."""
        if self._type.width == FULL_WIDTH:
            return float(self.viewport().width())
        return QFontMetricsF(self.document().defaultFont()).averageCharWidth() * self._type.width

    def column_width(self) -> int:
        """The text column in pixels (the measure, or less in a narrow window)."""
        return int(min(self._measure(), max(120, self.viewport().width() - 2 * MIN_MARGIN)))

    def _fit_measure(self) -> None:
        """Centre a column of at most the reader's measure (Qt's CSS has no max-width)."""
        side = max(MIN_MARGIN, (self.viewport().width() - self._measure()) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(MIN_MARGIN)
        frame.setBottomMargin(MIN_MARGIN * 2)
        root.setFrameFormat(frame)

    def theme(self) -> str:
        return self._theme.name

    def set_theme(self, name: str) -> None:
        """Switch the colours of the document and of the whole widget around it."""
        if name not in THEMES:
            raise ValueError(f"unknown theme {name!r}; expected one of {', '.join(THEMES)}")
        if name == self._theme.name:
            return
        self._theme = load_theme(name)
        self._apply_palette()
        self._render(keep_place=True)

    def _apply_palette(self) -> None:
        self.setPalette(palette_for(self._theme, self.palette()))
        self.viewport().setAutoFillBackground(True)

    def typography(self) -> Typography:
        return self._type

    def set_typography(self, typography: Typography) -> None:
        """Lay the article out again in ``typography`` (the reader's place is kept)."""
        typography = typography.with_size(typography.size)
        if typography == self._type:
            return
        resized = typography.size != self._type.size
        self._type = typography
        if self._article is None:
            self._apply_font()
        else:
            self._render(keep_place=True)
        if resized:
            self.size_changed.emit(typography.size)

    def text_size(self) -> int:
        return self._type.size

    def set_text_size(self, points: int) -> None:
        self.set_typography(self._type.with_size(points))

    def zoom_in(self) -> None:
        self.set_text_size(self._type.size + 1)

    def zoom_out(self) -> None:
        self.set_text_size(self._type.size - 1)

    def reset_zoom(self) -> None:
        self.set_text_size(Typography().size)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel changes our text size (QTextEdit's zoom would change fonts behind our back)."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_in() if delta > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def top_position(self) -> int:
        """The document position at the top of the viewport (survives type and theme changes)."""
        return self.cursorForPosition(QPoint(self.viewport().width() // 2, 0)).position()

    def _y_of(self, position: int) -> int:
        """Document y of the line holding ``position`` (lays out only up to it)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        block = cursor.block()
        y = self.document().documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(cursor.position() - block.position())
        return int(y + (line.y() if line.isValid() else 0))

    def _scroll_to(self, position: int) -> None:
        bar = self.verticalScrollBar()
        y = self._y_of(position) if position > 0 else 0
        if y > bar.maximum():
            # Qt lays long documents out lazily and widens the scroll range on a later timer;
            # size() finishes the layout, and the range is set now as QTextEdit would set it.
            height = self.document().size().toSize().height()
            bar.setRange(0, max(bar.maximum(), height - self.viewport().height()))
        bar.setValue(y)

    def reveal(self, position: int) -> None:
        """Scroll ``position`` into view (a third down) unless it is already visible."""
        y = self._y_of(position) - self.verticalScrollBar().value()
        height = self.viewport().height()
        if not 0 <= y < height - QFontMetricsF(self.document().defaultFont()).height() * 2:
            self.verticalScrollBar().setValue(self._y_of(position) - height // 3)

    def set_marks(self, layer: str, spans: Sequence[tuple[int, int]], current: int | None = None,
                  formats: Sequence[QTextCharFormat] | None = None) -> None:
        """Replace one layer of marks; ``current`` gets the stronger colour.

        ``formats`` (one per span) overrides the theme's colours, for marks the
        theme's CSS cannot know, such as the reader's own highlights.
        """
        if layer not in MARK_LAYERS:
            raise ValueError(f"unknown mark layer {layer!r}")
        if formats is not None and len(formats) != len(spans):
            raise ValueError("one format per span")
        self._marks[layer] = (list(spans), current)
        self._formats[layer] = list(formats or ())
        self._apply_marks()

    def marks(self, layer: str) -> list[tuple[int, int]]:
        return list(self._marks.get(layer, ([], None))[0])

    def _apply_marks(self) -> None:
        """All layers in one setExtraSelections call (it replaces, so layers must be combined)."""
        text = self.toPlainText()
        selections, on_top = [], []
        for layer in MARK_LAYERS:
            spans, current = self._marks.get(layer, ([], None))
            formats = self._formats.get(layer)
            for number, (start, stop) in enumerate(spans):
                selection = QTextEdit.ExtraSelection()
                selection.cursor = _span_cursor(self.document(), text, start, stop)
                strong = number == current and f"{layer}-current" in self._theme.marks
                if formats:
                    selection.format = formats[number]
                else:
                    selection.format = self._theme.marks[f"{layer}-current" if strong else layer]
                (on_top if strong else selections).append(selection)
        self.setExtraSelections(selections + on_top)

    def add_painter(self, painter: Callable[[QPainter], None]) -> None:
        """Draw with ``painter`` over the viewport after the text (e.g. marks in the margin)."""
        self._painters.append(painter)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._painters:
            with QPainter(self.viewport()) as painter:
                for paint in self._painters:
                    paint(painter)


def _span_cursor(document: QTextDocument, text: str, start: int, stop: int) -> QTextCursor:
    """A cursor selecting ``text[start:stop]`` of ``document``.

    Made with ``find`` rather than two ``setPosition`` calls: PySide6 6.12 on
    Python 3.11 drops a reference to None on every call of a void method, and
    thousands of marks would drain it until the interpreter aborts.
    """
    if stop > start:
        found = document.find(text[start:stop], start, QTextDocument.FindFlag.FindCaseSensitively)
        if found.selectionStart() == start and found.selectionEnd() == stop:
            return found
    cursor = QTextCursor(document)
    end = document.characterCount() - 1
    cursor.setPosition(max(0, min(start, end)))
    cursor.setPosition(max(0, min(stop, end)), QTextCursor.MoveMode.KeepAnchor)
    return cursor
