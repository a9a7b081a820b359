"""One error root for everything the core reports to a user.

The CLI prints ``str(error)`` on one line and exits 1; the GUI shows it in one
place.  Anything that is not a :class:`ReaderError` is a bug and is logged with
its traceback.
"""

from __future__ import annotations

from reader.core.i18n import _


class ReaderError(Exception):
    """An error whose message is written for the user, not the developer."""


class ArchiveError(ReaderError):
    """The archive is missing, unreadable or not an archive at all."""


class ArticleNotFound(ReaderError):
    """No article with the asked-for id exists in the archive."""

    def __init__(self, article_id: str) -> None:
        super().__init__(_("no article with id {article_id!r} in this archive").format(article_id=article_id))
        self.article_id = article_id


class SourceError(ReaderError):
    """An import source (page, Markdown file, sidecar) cannot be used."""
