"""Printing an article, or saving it as a PDF, with the policy's say on both.

Laying out pages needs Qt, so the front end hands in the function that does
it; what is allowed, what the file is called and that it is written whole are
decided here, once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from reader.core.archive import Archive, Article
from reader.core.errors import ReaderError
from reader.core.i18n import _, ngettext
from reader.core.usecases import rules
from reader.core.usecases.changes import Outcome
from reader.core.usecases.context import AppContext

#: Lays ``article`` out as a PDF at the path (written whole or not at all); returns the page count.
ArticlePdfWriter = Callable[[Article, Path], int]


def suggested_name(title: str, date: str | None = None, suffix: str = ".pdf") -> str:
    """A file name a person recognises: the title's words, then the date when known."""
    words = re.sub(r"[^\w\s-]", "", title, flags=re.UNICODE).split()
    stem = "-".join(words)[:80].strip("-") or "article"
    return f"{stem}{'-' + date[:10] if date else ''}{suffix}"


def prepare_print(ctx: AppContext, archive: Archive, article_id: str) -> Article:
    """The article to print, if printing is allowed (a PolicyRefusal says why not)."""
    rules.check_print(ctx.policy)
    return archive.article(article_id)


def export_article_pdf(ctx: AppContext, archive: Archive, article_id: str, output: Path,
                       writer: ArticlePdfWriter) -> Outcome[int]:
    """Save the article as a PDF at ``output``; the value is the page count."""
    rules.check_export(ctx.policy, "pdf", output)
    article = archive.article(article_id)
    try:
        pages = writer(article, output)
    except OSError as exc:
        raise ReaderError(_("Cannot write {output}: {reason}.")
                          .format(output=output, reason=exc.strerror or exc)) from None
    message = ngettext("{title} saved as a PDF of {count} page: {output}",
                       "{title} saved as a PDF of {count} pages: {output}", pages)
    return Outcome(message.format(title=article.meta.title, count=pages, output=output), pages)
