"""Render resources/icons/reading-room.svg into the freedesktop hicolor icon layout.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/linux/render_icons.py

writes packaging/linux/icons/hicolor/<N>x<N>/apps/<APP_ID>.png for every size in SIZES,
packaging/linux/icons/hicolor/scalable/apps/<APP_ID>.svg (a copy of the source), and the
256 px PNG the app itself can use, resources/icons/reading-room.png, and a Windows icon,
packaging/windows/reading-room.ico (PNG-compressed entries, fine on Windows Vista and later),
for the installer and the PyInstaller executables.
Re-run it after editing the SVG and commit the output (the Linux test checks the sizes).
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from reader.appid import APP_ID  # noqa: E402

SOURCE = REPO / "resources" / "icons" / "reading-room.svg"
HICOLOR = REPO / "packaging" / "linux" / "icons" / "hicolor"
APP_PNG = REPO / "resources" / "icons" / "reading-room.png"
WINDOWS_ICO = REPO / "packaging" / "windows" / "reading-room.ico"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(renderer: QSvgRenderer) -> bytes:
    """An ICO file whose entries are PNGs: ICONDIR, one 16-byte ICONDIRENTRY per size, the data."""
    images = [png_bytes(render(renderer, size)) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in zip(ICO_SIZES, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter needs it
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in SIZES:
        out = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(out), "PNG"):
            print(f"cannot write {out}", file=sys.stderr)
            return 1
        print(out.relative_to(REPO))
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    print(scalable.relative_to(REPO))
    APP_PNG.parent.mkdir(parents=True, exist_ok=True)
    if not render(renderer, 256).save(str(APP_PNG), "PNG"):
        print(f"cannot write {APP_PNG}", file=sys.stderr)
        return 1
    print(APP_PNG.relative_to(REPO))
    WINDOWS_ICO.parent.mkdir(parents=True, exist_ok=True)
    WINDOWS_ICO.write_bytes(ico_bytes(renderer))
    print(WINDOWS_ICO.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
