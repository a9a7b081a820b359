"""Where the main window opens: on its screen, whole, whatever that screen's size and scale.

Screen geometry in Qt is in device-independent pixels, so a 2× screen of
2732×1536 pixels is a 1366×768 screen here and needs no special case.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from reader.core.settings import Settings

#: The size the window asks for on a large screen…
PREFERRED = QSize(1280, 820)
#: …and at most this share of the screen's free area, leaving room for the frame and the desktop.
SHARE = 0.9


def available(widget: QWidget) -> QRect:
    """The free area (without panels and docks) of the screen ``widget`` opens on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def first_geometry(area: QRect, preferred: QSize = PREFERRED) -> QRect:
    """``preferred`` shrunk to fit ``SHARE`` of ``area``, centred in it."""
    room = QSize(int(area.width() * SHARE), int(area.height() * SHARE))
    rect = QRect(QPoint(0, 0), preferred.boundedTo(room))
    rect.moveCenter(area.center())
    return rect


def clamped(rect: QRect, area: QRect) -> QRect:
    """``rect`` made no bigger than ``area`` and moved inside it (a saved size from a larger screen)."""
    size = rect.size().boundedTo(area.size())
    left = min(max(rect.left(), area.left()), area.left() + area.width() - size.width())
    top = min(max(rect.top(), area.top()), area.top() + area.height() - size.height())
    return QRect(QPoint(left, top), size)


def restore_layout(window: QMainWindow, splitter: QSplitter, settings: Settings) -> None:
    """Size, docks and pane sizes as last saved, kept on the screen; a first window fits its screen."""
    get = settings.get
    area = available(window)
    if get("window.geometry"):
        window.restoreGeometry(QByteArray.fromBase64(get("window.geometry").encode()))
        if not area.contains(window.geometry()):  # saved on a bigger screen
            window.setGeometry(clamped(window.geometry(), area))
    else:
        window.setGeometry(first_geometry(area))
    if get("window.state"):
        window.restoreState(QByteArray.fromBase64(get("window.state").encode()))
    if get("window.splitter"):
        splitter.restoreState(QByteArray.fromBase64(get("window.splitter").encode()))


def save_layout(window: QMainWindow, splitter: QSplitter, settings: Settings) -> None:
    for name, blob in (("window.geometry", window.saveGeometry()), ("window.state", window.saveState()),
                       ("window.splitter", splitter.saveState())):
        settings.offer(name, bytes(blob.toBase64().data()).decode())
