"""What a library row shows, per role: kept apart from the tree bookkeeping of the model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from reader.core.archive import ArticleMeta
from reader.core.i18n import _, ngettext

_DISPLAY = Qt.ItemDataRole.DisplayRole


def article_data(meta: ArticleMeta, column: int, role: int, *, read: bool, favourite: bool,
                 fonts: tuple[QFont, QFont]) -> object:
    """Title (★ for favourites), authors, date; bold while unread (``fonts`` = normal, bold)."""
    authors = ", ".join(meta.authors)
    if role == _DISPLAY:
        star = "★ " if favourite else ""
        return (star + meta.title, authors, meta.day)[column]
    if role == Qt.ItemDataRole.FontRole:
        return fonts[0] if read else fonts[1]
    if role == Qt.ItemDataRole.ToolTipRole:  # the full title: a narrow pane elides it
        details = " · ".join(p for p in (authors, meta.day) if p)
        return "\n".join(p for p in (meta.title, details, meta.summary) if p)
    if role == Qt.ItemDataRole.AccessibleTextRole:  # what bold and the star say, for screen readers
        state = (_("read") if read else _("unread"), _("favourite") if favourite else "")
        return ", ".join(p for p in (meta.title, authors, meta.day, *state) if p)
    return None


def group_data(name: str, count: int, column: int, role: int) -> object:
    if role == _DISPLAY:
        return f"{name} ({count})" if column == 0 else ""
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return ngettext("{name}, {count} article", "{name}, {count} articles", count).format(
            name=name, count=count)
    return None
