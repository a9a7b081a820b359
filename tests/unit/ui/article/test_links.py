"""Link classification and the external-link menu."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.ui.article.links import LinkKind, LinkTarget, classify, link_menu, shown_url


@pytest.mark.parametrize(("href", "expected"), [
    ("#fn:1", LinkTarget(LinkKind.FRAGMENT, "fn:1")),
    ("#fnref:1", LinkTarget(LinkKind.FRAGMENT, "fnref:1")),
    ("other-slug.md", LinkTarget(LinkKind.ARTICLE, "other-slug")),
    ("./other-slug.md#part", LinkTarget(LinkKind.ARTICLE, "other-slug")),
    ("../articles/other-slug.md", LinkTarget(LinkKind.ARTICLE, "other-slug")),
    ("articles/other_slug.v2.md", LinkTarget(LinkKind.ARTICLE, "other_slug.v2")),
    ("article:other-slug", LinkTarget(LinkKind.ARTICLE, "other-slug")),
    ("article:../../etc/passwd", LinkTarget(LinkKind.EXTERNAL)),
    ("../../etc/x.md", LinkTarget(LinkKind.EXTERNAL)),
    ("/x.md", LinkTarget(LinkKind.EXTERNAL)),
    ("//evil.example/x.md", LinkTarget(LinkKind.EXTERNAL)),
    ("https://example.org/a.md", LinkTarget(LinkKind.EXTERNAL)),
    ("mailto:a@example.org", LinkTarget(LinkKind.EXTERNAL)),
    ("javascript:alert(1)", LinkTarget(LinkKind.EXTERNAL)),
    ("file:///etc/passwd", LinkTarget(LinkKind.EXTERNAL)),
    ("data:text/html,<b>x</b>", LinkTarget(LinkKind.EXTERNAL)),
    ("assets/paper.pdf", LinkTarget(LinkKind.EXTERNAL)),
    ("", LinkTarget(LinkKind.EXTERNAL)),
])  # fmt: skip
def test_classify(href: str, expected: LinkTarget) -> None:
    assert classify(QUrl(href)) == expected


def test_long_urls_are_elided_quickly(qtbot: QtBot) -> None:
    huge = QUrl("data:image/png;base64," + "A" * 2_000_000)
    started = time.perf_counter()
    text = shown_url(huge, width=200)
    assert time.perf_counter() - started < 0.5
    assert "…" in text and len(text) < 200


def test_link_menu_shows_the_address_and_copies_it(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = link_menu(QUrl("https://example.org/page"), parent)
    address, copy = [a for a in menu.actions() if not a.isSeparator()]
    assert "example.org/page" in address.text() and not address.isEnabled()
    assert menu.accessibleName() == "External link"
    copy.trigger()
    assert QGuiApplication.clipboard().text() == "https://example.org/page"
