"""The reader's typography really reaches QTextBrowser's layout: measured in pixels, not read back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QFontMetricsF, QTextBlock

from reader.ui.article.page import MIN_MARGIN
from reader.ui.article.typography import SANS, SERIF, Typography, line_heights, scaled_css
from reader.ui.article.view import ArticleView
from tests.unit.ui.article.conftest import make_article

PARAGRAPH = "The quick reader follows each line back to the start of the next one. " * 12


@pytest.fixture
def wide_view(window_view: ArticleView) -> ArticleView:
    window_view.show_article(make_article(body=PARAGRAPH))
    return window_view


def paragraph(view: ArticleView) -> QTextBlock:
    block = view.document().find("The quick reader").block()
    assert block.layout().lineCount() > 3
    return block


def line_pitch(view: ArticleView) -> float:
    """Pixels from the top of one line of the paragraph to the top of the next."""
    layout = paragraph(view).layout()
    return layout.lineAt(2).y() - layout.lineAt(1).y()


def line_width(view: ArticleView) -> float:
    """The width of the paragraph's first (full) line as laid out."""
    return paragraph(view).layout().lineAt(0).naturalTextWidth()


def test_line_spacing_changes_the_distance_between_lines(wide_view: ArticleView) -> None:
    base = wide_view.typography()
    pitches = {}
    for spacing in (1.0, 1.5, 2.0):
        wide_view.set_typography(replace(base, line_spacing=spacing))
        pitches[spacing] = line_pitch(wide_view)
    height = wide_view.fontMetrics().height()  # the view's own font is not the document's; only a floor
    assert pitches[1.0] < pitches[1.5] < pitches[2.0]
    assert pitches[2.0] / pitches[1.0] == pytest.approx(2.0, rel=0.08)
    assert pitches[1.5] / pitches[1.0] == pytest.approx(1.5, rel=0.08)
    assert pitches[1.0] >= height * 0.8


def test_text_width_sets_the_measure_in_characters(wide_view: ArticleView) -> None:
    base = wide_view.typography()
    widths = {}
    for chars in (40, 80):
        wide_view.set_typography(replace(base, width=chars))
        widths[chars] = line_width(wide_view)
    assert widths[80] / widths[40] == pytest.approx(2.0, rel=0.1)
    char = QFontMetricsF(wide_view.document().defaultFont()).averageCharWidth()
    assert 36 * char <= widths[40] <= 40 * char  # wrapped at a word: at most the measure

    wide_view.set_typography(replace(base, width=0))  # full width: the window, less the margins
    column = wide_view.viewport().width() - 2 * MIN_MARGIN
    assert column * 0.9 <= line_width(wide_view) <= column
    assert wide_view.document().rootFrame().frameFormat().leftMargin() == MIN_MARGIN


def test_size_in_points_and_typeface_reach_the_document(wide_view: ArticleView) -> None:
    wide_view.set_typography(Typography(font="sans", size=20))
    font = wide_view.document().defaultFont()
    assert font.pointSizeF() == 20 and font.families()[:2] == list(SANS[:2])
    big = line_pitch(wide_view)
    wide_view.set_typography(Typography(font="DejaVu Sans Mono", size=10))
    font = wide_view.document().defaultFont()
    assert font.families() == ["DejaVu Sans Mono", *SERIF]  # a named font, with serif behind it
    assert line_pitch(wide_view) < big * 0.6


def test_the_stylesheet_is_rescaled_not_rewritten() -> None:
    css = ("/* {comment} */ p { margin-bottom: 14px; line-height: 150%; }"
           " h1, h2 { font-size: 21pt; line-height: 125%; }")
    assert Typography(size=24, line_spacing=1.5).css(css) == (
        " p { margin-bottom: 28px; line-height: 150%; } h1, h2 { font-size: 42pt; line-height: 125%; }")
    assert line_heights(css, 2 / 1.5).endswith(  # titles keep their own leading
        "p { margin-bottom: 14px; line-height: 200%; } h1, h2 { font-size: 21pt; line-height: 125%; }")
    assert "line-height: 100%; }" in line_heights(css, 1 / 1.5)  # never tighter than single spacing
    assert line_heights("header p { line-height: 130%; } li { line-height: 145%; }", 2) == \
        "header p { line-height: 130%; } li { line-height: 290%; }"
    assert scaled_css("pre { font-size: 10pt; border-width: 1px; }", 0.5) == \
        "pre { font-size: 5pt; border-width: 1px; }"
