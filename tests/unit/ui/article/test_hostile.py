"""A hostile article renders as text: nothing outside assets/ is served, links only signal."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from reader.core.archive import open_archive
from reader.ui.article.view import ArticleView

IMAGE = QTextDocument.ResourceType.ImageResource.value
BIG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 1_500_000).decode()  # a 2 MB data: URI

HOSTILE = f"""+++
title = "Hostile"
+++

<script>document.title = "pwned"</script>
<p onclick="alert(1)" style="background: url(file:///etc/passwd)">Click me</p>
<style>p {{ background-image: url(https://evil.example/bg.png) }}</style>

[js](javascript:alert(2)) [file](file:///etc/passwd) [data](data:text/html,x) [web](https://evil.example/)
<a href="vbscript:x">vb</a> <a href="/etc/passwd">abs</a> <a href="../archive.toml">up</a>

<img src="file:///etc/passwd"> ![remote](https://evil.example/x.png) <img src="/etc/passwd">
<img src="../archive.toml"> ![ok](assets/pic.png)
<iframe src="https://evil.example/"></iframe><object data="file:///etc/passwd"></object>
<form action="https://evil.example/"><input name="q"><button>Go</button></form>
<svg><script>alert(3)</script><image href="file:///etc/passwd"/></svg>

![big](data:image/png;base64,{BIG})

Plain closing words.
"""


class SpyView(ArticleView):
    """Records every resource request and what was answered."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, object]] = []

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        answer = super().loadResource(kind, url)
        self.requests.append((QUrl(url).toString()[:100], answer))
        return answer


def served(answer: object) -> bool:
    """Anything but the 1×1 blank image or the one-byte stand-in."""
    if isinstance(answer, QImage):
        return answer.width() > 1
    return len(bytes(answer)) > 1  # type: ignore[arg-type]


def test_hostile_article_renders_as_text_only(make_view, make_archive, qtbot: QtBot,
                                              tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("secret")
    root = make_archive({"hostile": HOSTILE, "other": '+++\ntitle = "O"\n+++\n\nx\n'})
    (root / "assets").mkdir()
    (root / "assets" / "pic.png").write_bytes(b"PNGDATA")
    archive = open_archive(root)
    view: SpyView = make_view(SpyView)
    view.set_archive(archive)
    view.show_article(archive.article("hostile"))
    view.viewport().repaint()

    text = view.toPlainText()
    assert "Click me" in text and "Plain closing words." in text
    assert "alert" not in text and "pwned" not in text and view.window().windowTitle() != "pwned"
    served_urls = [url for url, answer in view.requests if served(answer)]
    assert served_urls == ["assets/pic.png"] * len(served_urls) and served_urls
    assert all(not url.startswith("data:") for url, _ in view.requests)

    hrefs = []
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                hrefs.append(fmt.anchorHref())
            fragments += 1
        block = block.next()
    assert not [h for h in hrefs if h.split(":")[0] in ("javascript", "vbscript", "file", "data")]
    assert len(hrefs) >= 3  # https, /etc/passwd and ../archive.toml survive sanitizing
    assert "assets/pic.png" in hrefs  # the archive's own image links to its full-size view
    for href in [h for h in hrefs if h != "assets/pic.png"]:  # ...the rest only ever signal
        with qtbot.waitSignal(view.external_link), qtbot.assertNotEmitted(view.article_link):
            view.anchorClicked.emit(QUrl(href))
    assert view.article_id == "hostile" and view.toPlainText() == text
    assert "secret" not in text
