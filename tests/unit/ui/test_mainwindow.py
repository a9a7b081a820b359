"""The first real window, driven with qtbot on real archives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QTextDocument
from pytestqt.qtbot import QtBot

from reader.core.archive import open_archive
from reader.core.resources import bundled_archive
from reader.ui.mainwindow import MainWindow

ARTICLE = """+++
title = "{title}"
+++

Paragraph about {title}. [Elsewhere](https://example.org/page) and [note](#fn).

![local](assets/pic.png) ![remote](https://evil.example/x.png) ![file](file:///etc/passwd)
"""


def window_for(qtbot: QtBot, root: Path) -> MainWindow:
    window = MainWindow(open_archive(root))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_bundled_archive_shows_library_and_article(qtbot: QtBot) -> None:
    window = window_for(qtbot, bundled_archive())
    assert window.library_model.count() == 1
    assert window.windowTitle() == "Marxist Student Federation (MSF) archives — Reading Room"
    text = window.article_view.toPlainText()
    assert "Einstein famously remarked" in text
    assert "1 article" in window.archive_label.text()


def test_selecting_an_article_renders_it(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "beta": ARTICLE.format(title="Beta")})
    window = window_for(qtbot, root)
    assert "Paragraph about Alpha" in window.article_view.toPlainText()
    assert window.library.select_article("beta")
    assert "Paragraph about Beta" in window.article_view.toPlainText()
    assert window.article_view.article_id == "beta"


def test_resources_come_only_from_the_archive_assets(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha")})
    (root / "assets").mkdir()
    (root / "assets" / "pic.png").write_bytes(b"PNG")
    window = window_for(qtbot, root)
    view = window.article_view
    image = QTextDocument.ResourceType.ImageResource.value
    assert bytes(view.loadResource(image, QUrl("assets/pic.png"))) == b"PNG"
    for refused in ("https://evil.example/x.png", "file:///etc/passwd", "../archive.toml"):
        blank = view.loadResource(image, QUrl(refused))
        assert isinstance(blank, QImage) and blank.size().width() == 1


def test_document_never_falls_back_to_local_files(qtbot: QtBot, make_archive, tmp_path: Path,
                                                   monkeypatch) -> None:
    """QTextDocument reads files relative to the cwd when a loader returns nothing."""
    secret = QImage(40, 30, QImage.Format.Format_ARGB32)
    secret.fill(0xFFFF0000)
    secret.save(str(tmp_path / "secret.png"))
    monkeypatch.chdir(tmp_path)
    root = make_archive({"alpha": "+++\ntitle = \"A\"\n+++\n\n![s](secret.png)\n"})
    window = window_for(qtbot, root)
    view = window.article_view
    view.viewport().repaint()
    loaded = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl("secret.png"))
    if isinstance(loaded, (QImage, QPixmap)):
        assert loaded.width() <= 1
    else:
        assert loaded is None or len(bytes(loaded)) <= 1


def test_external_link_is_not_opened_but_copied(qtbot: QtBot, make_archive) -> None:
    window = window_for(qtbot, make_archive({"alpha": ARTICLE.format(title="Alpha")}))
    with qtbot.waitSignal(window.article_view.external_link):
        window.article_view.anchorClicked.emit(QUrl("https://example.org/page"))
    assert window.article_view.article_id == "alpha"
    assert "Paragraph about Alpha" in window.article_view.toPlainText()
    assert QGuiApplication.clipboard().text() == "https://example.org/page"
    assert "example.org/page" in window.statusBar().currentMessage()


def test_broken_article_is_reported_in_the_status_bar(qtbot: QtBot, make_archive) -> None:
    root = make_archive({"alpha": ARTICLE.format(title="Alpha"), "bad": b"+++\n\xff\n+++\n"})
    window = window_for(qtbot, root)
    assert "articles/bad.md" in window.statusBar().currentMessage()
    assert window.library_model.count() == 1
