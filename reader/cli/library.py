"""``list``, ``show``, ``search`` and ``index``: reading the archive from the command line."""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from typing import Any

from reader.core import render
from reader.core.archive import Archive, frontmatter
from reader.core.errors import ReaderError
from reader.core.i18n import _, ngettext
from reader.core.search import SearchIndex
from reader.core.usecases import AppContext
from reader.core.usecases.search import open_index

from .common import add_common, load_archive, print_json, warn
from .progress import ProgressBar

_MARK = re.compile(r"<mark>(.*?)</mark>")


def register(commands: Any) -> None:
    listing = commands.add_parser("list", help=_("list the archive's articles"))
    add_common(listing, top=False)
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help=_("print one article"))
    add_common(show, top=False)
    show.add_argument("id", help=_("article id (see 'list')"))
    show.add_argument("--format", choices=("markdown", "html", "text"), default="text")
    show.set_defaults(handler=cmd_show)

    search = commands.add_parser(
        "search", help=_("full-text search"),
        description=_('Words must all match; "a phrase", OR, NOT or -word, prefix*, word~ (fuzzy), '
        "author:, tag:, category:, title:, year:2019, date:2019-01..2019-06."),
    )
    add_common(search, top=False)
    search.add_argument("query", nargs="+", help=_("the query (several words are joined)"))
    search.add_argument("--limit", type=int, default=10, metavar="N", help=_("hits to show (default 10)"))
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--json", action="store_true", help=_("print a JSON object"))
    search.set_defaults(handler=cmd_search)

    index = commands.add_parser("index", help=_("build or update the search index"))
    add_common(index, top=False)
    index.add_argument("--rebuild", action="store_true", help=_("rebuild from scratch"))
    index.set_defaults(handler=cmd_index)


def cmd_list(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive:
        articles = archive.articles()
        if args.json:
            print_json([meta.to_json() for meta in articles])
        else:
            for meta in articles:
                print(f"{meta.id}\t{meta.date or '-'}\t{meta.title}")
    return 0


def cmd_show(ctx: AppContext, args: argparse.Namespace) -> int:
    with load_archive(ctx, args) as archive:
        article = archive.article(args.id)
        if args.format == "html":
            sys.stdout.write(render.article_html(article) + "\n")
        elif args.format == "text":
            sys.stdout.write(render.article_text(article))
        else:
            fields = {k: v for k, v in article.meta.to_json().items() if k != "id"}
            fields |= {"source_url": article.meta.source_url, "summary": article.meta.summary}
            sys.stdout.write(frontmatter.join(fields, article.body))
    return 0


def index_with_bar(ctx: AppContext, archive: Archive, *, rebuild: bool = False) -> SearchIndex:
    """The archive's index, built or brought up to date first (with a progress bar)."""
    index = open_index(ctx, archive, ProgressBar("Indexing"), rebuild=rebuild)
    if index.notice:
        warn(index.notice)
        index.notice = None
    return index


def cmd_search(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ReaderError(_("--limit must be at least 1"))
    with load_archive(ctx, args) as archive, index_with_bar(ctx, archive) as index:
        result = index.search(" ".join(args.query), limit=args.limit, sort=args.sort)
    if args.json:
        print_json(result.to_json())
        return 0
    if result.total_is_estimate:
        print(ngettext("about {count} result", "about {count} results", result.total)
              .format(count=result.total))
    else:
        print(ngettext("{count} result", "{count} results", result.total).format(count=result.total))
    if result.message:
        print(result.message)
    if result.suggestion:
        print(_("Did you mean: {suggestion}").format(suggestion=result.suggestion))
    for hit in result.hits:
        byline = ", ".join(filter(None, [", ".join(hit.authors), (hit.date or "")[:10]]))
        print(f"\n{hit.title}  [{hit.id}]" + (f"  — {byline}" if byline else ""))
        print("  " + html.unescape(_MARK.sub(lambda m: f"[{m.group(1)}]", hit.snippet)))
    return 0


def cmd_index(ctx: AppContext, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with load_archive(ctx, args) as archive, index_with_bar(ctx, archive, rebuild=args.rebuild) as index:
        print(ngettext("{count} article indexed in {folder} ({seconds:.1f} s)",
                       "{count} articles indexed in {folder} ({seconds:.1f} s)", index.doc_count)
              .format(count=index.doc_count, folder=index.index_dir, seconds=time.perf_counter() - started))
    return 0
