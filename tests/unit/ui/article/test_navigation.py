"""Links, history and the table of contents, driven through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.core.archive import open_archive
from reader.ui.article.toc import TocView
from reader.ui.article.view import ArticleView

from .conftest import long_body, make_article, point_of

BODY = long_body() + "\nSee [the other](other.md), [up](../articles/third.md) and [web](https://example.org/x).\n"


def click_text(qtbot: QtBot, view: ArticleView, needle: str, offset: int = 0) -> None:
    cursor = view.document().find(needle)
    assert not cursor.isNull(), needle
    view.reveal(cursor.selectionStart())
    point = point_of(view, cursor.selectionStart() + offset)
    assert view.anchorAt(point), f"no link under {needle!r}"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_footnote_link_jumps_and_alt_left_comes_back(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body=BODY))
    assert not view.can_go_back()
    with qtbot.waitSignal(view.history_changed):
        click_text(qtbot, view, "note.1", offset=5)  # the footnote marker after "note."
    assert view.verticalScrollBar().value() > 0
    note = view.cursorRect(view.document().find("The footnote text"))
    assert view.viewport().rect().contains(note.center())
    assert view.can_go_back() and view.actions()["back"].isEnabled()
    click_text(qtbot, view, "↩")  # the back-reference is a second step
    opening = view.cursorRect(view.document().find("Opening paragraph"))
    assert view.viewport().rect().contains(opening.center())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.verticalScrollBar().value() > 0  # back at the footnote
    view.go_back()
    assert view.verticalScrollBar().value() == 0 and not view.can_go_back()
    assert view.go_forward() and view.verticalScrollBar().value() > 0
    assert view.article_id == "alpha"


def test_links_to_other_articles_are_signalled(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body=BODY))
    with qtbot.waitSignal(view.article_link) as signal:
        click_text(qtbot, view, "the other")
    assert signal.args == ["other"]
    with qtbot.waitSignal(view.article_link) as signal:
        view.anchorClicked.emit(QUrl("../articles/third.md"))
    assert signal.args == ["third"]
    with qtbot.waitSignal(view.article_link) as signal:
        view.anchorClicked.emit(QUrl("article:fourth"))
    assert signal.args == ["fourth"]
    assert view.article_id == "alpha"  # the main window decides what to open


def test_outside_links_are_signalled_never_loaded(view: ArticleView, qtbot: QtBot) -> None:
    view.show_article(make_article(body=BODY))
    text = view.toPlainText()
    for href in ("https://example.org/x", "mailto:a@example.org", "javascript:alert(1)",
                 "file:///etc/passwd", "data:text/html,<script>x</script>", "assets/doc.pdf"):
        with qtbot.waitSignal(view.external_link) as signal, qtbot.assertNotEmitted(view.article_link):
            view.anchorClicked.emit(QUrl(href))
        assert signal.args == [QUrl(href)]
    view.setSource(QUrl("file:///etc/passwd"))  # QTextBrowser's own loading path is shut too
    assert view.toPlainText() == text and view.article_id == "alpha"


def test_clicking_an_outside_link_pops_a_copy_menu(view: ArticleView, qtbot: QtBot, monkeypatch) -> None:
    shown: list[QMenu] = []
    monkeypatch.setattr(view, "popup_menu", lambda menu, at: shown.append(menu))
    view.show_article(make_article(body=BODY))
    with qtbot.waitSignal(view.external_link):
        click_text(qtbot, view, "web")
    assert len(shown) == 1
    assert [a.objectName() for a in shown[0].actions()][-1] == "copy_link"
    assert view.article_id == "alpha"


def test_history_spans_articles_and_reopens_them(view: ArticleView, qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": f'+++\ntitle = "Alpha"\n+++\n\n{BODY}',
                         "beta": '+++\ntitle = "Beta"\n+++\n\nBeta body.\n'})
    archive = open_archive(root)
    view.set_archive(archive)
    changed: list[str] = []
    view.article_changed.connect(changed.append)
    view.show_article(archive.article("alpha"))
    view.jump_to_anchor("fn:1")
    place = view.verticalScrollBar().value()
    view.show_article(archive.article("beta"))
    assert view.can_go_back() and not view.can_go_forward()
    assert view.go_back()
    assert view.article_id == "alpha" and view.verticalScrollBar().value() == place
    assert view.go_back() and view.verticalScrollBar().value() == 0
    assert not view.go_back()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.article_id == "beta" and "Beta body" in view.toPlainText()
    assert changed == ["alpha", "beta", "alpha", "beta"]


def test_history_without_an_archive_uses_recent_articles(view: ArticleView) -> None:
    view.show_article(make_article("alpha", body="Alpha body."))
    view.show_article(make_article("beta", body="Beta body."))
    assert view.go_back() and "Alpha body" in view.toPlainText()


def test_toc_lists_headings_and_scrolls_to_them(view: ArticleView, qtbot: QtBot) -> None:
    toc = TocView(view)
    qtbot.addWidget(toc)
    view.show_article(make_article(title="Doc", body=BODY))
    model = toc.toc_model
    texts = [model.heading(row).text for row in range(model.rowCount())]
    assert texts[:4] == ["Doc", "Section 1", "Section 2", "Section 3"]
    assert "Detail three" in texts
    assert [model.depth(texts.index(t)) for t in ("Doc", "Section 2", "Detail three")] == [0, 1, 2]
    assert view.headings()[1].level == 2 and toc.accessibleName() == "Table of contents"
    row = texts.index("Section 5")
    toc.activated.emit(model.index(row, 0))
    target = model.heading(row).position
    assert view.verticalScrollBar().value() > 0
    assert abs(view.top_position() - target) < 5
    assert toc.currentIndex().row() == row  # the TOC follows the reading position
    assert view.go_back() and view.verticalScrollBar().value() == 0
    assert not toc.currentIndex().isValid() and not toc.selectedIndexes()  # at the top: no section yet
    toc.setFocus()
    toc.focusInEvent(QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert not toc.currentIndex().isValid() and not toc.selectedIndexes()
    view.show_article(make_article("beta", title="Other", body="No headings."))
    assert model.rowCount() == 1


def test_jumps_land_in_a_long_lazily_laid_out_article(view: ArticleView) -> None:
    """Qt lays long documents out in steps; a jump right after rendering must not be cut short."""
    body = "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(3000))
    view.show_article(make_article(body=body))
    target = view.document().find("Paragraph 2500 ").selectionStart()
    view.jump_to(target)
    assert abs(view.top_position() - target) < 5
    view.zoom_in()  # a re-render keeps the place too
    assert abs(view.top_position() - target) < 5
