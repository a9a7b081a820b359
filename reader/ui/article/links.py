"""Where a link in an article leads; nothing in here opens anything.

Every link the reader activates is one of four kinds: a place in the same
article (``#fn:1``), another article of the archive (``other.md``,
``../articles/other.md``, ``article:other``), a file of its ``assets/`` (an
image, shown full size) or something outside, which an offline reader never
loads: it only offers to copy the address.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFontMetrics, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.i18n import _

ARTICLE_SCHEME = "article"
ARTICLE_SUFFIX = ".md"
ASSETS_DIR = "assets"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
#: Folders a relative article link may name, as written by importers and people.
ARTICLE_DIRS = {"", ".", "articles", "./articles", "../articles"}
_SAFE_ID = re.compile(r"^\w[\w.-]*$")  # the archive's own rule for article ids
MENU_TEXT_WIDTH = 360  # pixels of URL shown in the link menu
_MAX_SHOWN = 2000  # characters of a URL given to the eliding (a data: URL can be megabytes)


class LinkKind(enum.Enum):
    FRAGMENT = "fragment"
    ARTICLE = "article"
    IMAGE = "image"  # a file of the archive's assets/ (shown full size, never opened outside)
    EXTERNAL = "external"


@dataclass(frozen=True)
class LinkTarget:
    """What a link means: an anchor name, an article id, or an outside address."""

    kind: LinkKind
    value: str = ""


def classify(url: QUrl) -> LinkTarget:
    """Sort a link; anything not recognisably inside the archive is external."""
    if url.scheme().lower() == ARTICLE_SCHEME:
        article_id = (url.host() or url.path()).strip("/")
        if _SAFE_ID.match(article_id):
            return LinkTarget(LinkKind.ARTICLE, article_id)
        return LinkTarget(LinkKind.EXTERNAL)
    if not url.isRelative() or url.host():
        return LinkTarget(LinkKind.EXTERNAL)
    path = url.path()
    if not path:
        if url.hasFragment():
            return LinkTarget(LinkKind.FRAGMENT, url.fragment())
        return LinkTarget(LinkKind.EXTERNAL)
    parts = path.split("/")
    if parts[0] == ASSETS_DIR and ".." not in parts and path.lower().endswith(IMAGE_SUFFIXES):
        return LinkTarget(LinkKind.IMAGE, path)
    folder, _sep, name = path.rpartition("/")
    if not path.startswith("/") and folder in ARTICLE_DIRS and name.endswith(ARTICLE_SUFFIX):
        article_id = name[: -len(ARTICLE_SUFFIX)]
        if _SAFE_ID.match(article_id):
            return LinkTarget(LinkKind.ARTICLE, article_id)
    return LinkTarget(LinkKind.EXTERNAL)


def anchor_positions(document: QTextDocument) -> dict[str, int]:
    """Anchor name → document position; Qt turns ``id`` attributes into anchor names."""
    anchors: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            for name in fragment.charFormat().anchorNames():
                anchors.setdefault(name, fragment.position())
            fragments += 1
        block = block.next()
    return anchors


def shown_url(url: QUrl, width: int = MENU_TEXT_WIDTH, metrics: QFontMetrics | None = None) -> str:
    """The address elided in the middle to ``width`` pixels."""
    text = url.toString()
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN // 2] + "…" + text[-_MAX_SHOWN // 2:]
    metrics = metrics or QFontMetrics(QGuiApplication.font())
    return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)


def link_menu(url: QUrl, parent: QWidget) -> QMenu:
    """A small menu for an outside link: the address (not clickable) and "Copy link"."""
    menu = QMenu(parent)
    menu.setAccessibleName(_("External link"))
    menu.setToolTipsVisible(True)
    address = menu.addAction(shown_url(url, metrics=menu.fontMetrics()))
    address.setEnabled(False)
    address.setToolTip(_("Not opened: this reader works offline"))
    menu.addSeparator()
    copy = menu.addAction(_("&Copy link"))
    copy.setObjectName("copy_link")
    copy.setToolTip(_("Copy the address to the clipboard"))
    text = url.toString()
    copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return menu
