"""Help → About: the app's version with the open archive's title, version and size."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from reader import APP_NAME, __version__
from reader.core.archive import ArchiveInfo


def about_html(info: ArchiveInfo, count: int) -> str:
    version = f" (version {info.version})" if info.version else ""
    return (f"<h3>{APP_NAME} {__version__}</h3><p>An offline reader for archives of articles.</p>"
            f"<p>Archive: <b>{info.title}</b>{version}<br>{count} article{'s' if count != 1 else ''}</p>")


def show_about(parent: QWidget, info: ArchiveInfo, count: int) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_html(info, count))
