"""Help → About: the app's version with the open archive's title, version and size."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from reader import APP_NAME, __version__
from reader.core.archive import ArchiveInfo
from reader.core.i18n import _, ngettext


def about_html(info: ArchiveInfo, count: int) -> str:
    version = _(" (version {version})").format(version=info.version) if info.version else ""
    tagline = _("An offline reader for archives of articles.")
    archive = _("Archive: <b>{title}</b>{version}").format(title=html.escape(info.title), version=version)
    articles = ngettext("{count} article", "{count} articles", count).format(count=count)
    return f"<h3>{APP_NAME} {__version__}</h3><p>{tagline}</p><p>{archive}<br>{articles}</p>"


def show_about(parent: QWidget, info: ArchiveInfo, count: int) -> None:
    QMessageBox.about(parent, _("About {app}").format(app=APP_NAME), about_html(info, count))
