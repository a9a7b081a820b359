"""The ``reading-room`` command line, built on ``reader.core`` only.

With no subcommand the GUI starts (see ``reader.__main__``).  User errors
(:class:`ReaderError`) print one line on stderr and exit 1; anything else is a
bug: its traceback goes to the log file and the user gets one line too.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from reader import __version__, cli_notes
from reader.core import log as logsetup
from reader.core import paths as pathsmod
from reader.core import policy as policy_mod
from reader.core import render
from reader.core.archive import Archive, frontmatter, open_archive
from reader.core.errors import ReaderError
from reader.core.importers import SUFFIXES
from reader.core.importers.wxr import looks_like_wxr
from reader.core.importing import WxrOptions, default_info, import_sources, import_wxr
from reader.core.resources import bundled_archive
from reader.core.search import SearchIndex
from reader.core.search.engine import INDEX_DIRNAME
from reader.core.session import Session

PROG = "reading-room"
#: The subcommands; anything else runs the window.
COMMANDS = ("list", "show", "import", "search", "index", "notes")
EXIT_USER_ERROR = 1
EXIT_BUG = 2

log = logging.getLogger("reader.cli")


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Sub-parsers use SUPPRESS so a value given before the subcommand survives.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--archive", type=Path, default=default, metavar="PATH",
                        help="archive folder or .zip (default: the bundled archive)")
    parser.add_argument("--data-dir", type=Path, default=default, metavar="DIR",
                        help="write every file (data, cache, config, log) under DIR "
                        f"(also ${pathsmod.ENV_DATA_DIR})")
    parser.add_argument("--policy", type=Path, default=default, metavar="FILE",
                        help=f"an administrator's policy file (also ${policy_mod.ENV_POLICY}; "
                        "default: the system's, see docs/for-libraries.md)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        default=False if top else argparse.SUPPRESS, help="log to stderr too")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Read an archive of articles offline. With no command, open the window."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list the archive's articles")
    _add_common(listing, top=False)
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help="print one article")
    _add_common(show, top=False)
    show.add_argument("id", help="article id (see 'list')")
    show.add_argument("--format", choices=("markdown", "html", "text"), default="text")
    show.set_defaults(handler=cmd_show)

    importing = commands.add_parser(
        "import", help="create or extend an archive from pages, Markdown files or a WordPress export",
        description=f"Sources: {', '.join(sorted(SUFFIXES))}. A sidecar <name>.meta.toml "
        "beside a source supplies metadata; importing a source again updates its article. "
        "A WordPress export (.xml, from Tools → Export) imports the whole site's published posts "
        "and builds the search index inside the archive.",
    )
    _add_common(importing, top=False)
    importing.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    importing.add_argument("--into", type=Path, metavar="DIR", help="archive folder (default: --archive)")
    importing.add_argument("--meta", type=Path, metavar="FILE", help="sidecar TOML for the sources")
    importing.add_argument("--title", help="title of a new archive (default: the folder name)")
    importing.add_argument("--language", default="", help="language code of a new archive, e.g. en")
    importing.add_argument("--json", action="store_true", help="print a JSON report")
    wordpress = importing.add_argument_group("WordPress exports")
    wordpress.add_argument("--include-pages", action="store_true", help="import pages as well as posts")
    wordpress.add_argument("--include-protected", action="store_true",
                           help="import password-protected posts (they are not public)")
    wordpress.add_argument("--media", type=Path, metavar="DIR",
                           help="a copy of wp-content/uploads: images become archive assets")
    wordpress.add_argument("--prune", action="store_true",
                           help="delete articles whose posts are gone from the export (default: report)")
    importing.set_defaults(handler=cmd_import)

    search = commands.add_parser(
        "search", help="full-text search",
        description='Words must all match; "a phrase", OR, NOT or -word, prefix*, word~ (fuzzy), '
        "author:, tag:, category:, title:, year:2019, date:2019-01..2019-06.",
    )
    _add_common(search, top=False)
    search.add_argument("query", nargs="+", help="the query (several words are joined)")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="hits to show (default 10)")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--json", action="store_true", help="print a JSON object")
    search.set_defaults(handler=cmd_search)

    index = commands.add_parser("index", help="build or update the search index")
    _add_common(index, top=False)
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    index.set_defaults(handler=cmd_index)

    cli_notes.register(commands, _add_common)
    return parser


def load_archive(args: argparse.Namespace) -> Archive:
    """The archive named by ``--archive``, or the bundled one; problems go to stderr."""
    policy: policy_mod.Policy = getattr(args, "policy_in_force", None) or policy_mod.Policy()
    try:
        location = policy.archive_to_open(args.archive)
    except ValueError as exc:
        raise ReaderError(str(exc)) from None
    archive = open_archive(location or bundled_archive())
    for problem in archive.problems:
        print(f"{PROG}: warning: {problem}", file=sys.stderr)
    return archive


def cmd_list(args: argparse.Namespace) -> int:
    with load_archive(args) as archive:
        articles = archive.articles()
        if args.json:
            json.dump([meta.to_json() for meta in articles], sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            for meta in articles:
                print(f"{meta.id}\t{meta.date or '-'}\t{meta.title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with load_archive(args) as archive:
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


def cmd_import(args: argparse.Namespace) -> int:
    folder = args.into or args.archive
    if folder is None:
        raise ReaderError("import needs --into DIR (the archive folder to create or extend)")
    exports = [source for source in args.sources if source.suffix.lower() == ".xml" or looks_like_wxr(source)]
    if exports:
        if len(args.sources) > 1:
            raise ReaderError("import a WordPress export on its own, not with other sources")
        return _import_wordpress(args, folder, exports[0])
    wordpress_only = [flag for flag, value in (("--include-pages", args.include_pages),
                                               ("--include-protected", args.include_protected),
                                               ("--media", args.media), ("--prune", args.prune)) if value]
    if wordpress_only:
        raise ReaderError(f"{wordpress_only[0]} is only for WordPress exports")
    results = import_sources(
        folder, args.sources, meta=args.meta, info=default_info(folder, args.title, args.language)
    )
    if (folder / INDEX_DIRNAME).is_dir() and any(r.changed for r in results):
        with open_archive(folder) as archive, _open_index(args, archive):
            pass  # opening brings an existing index up to date with what was imported
    if args.json:
        report = [
            {"id": r.article_id, "source": str(s), "created": r.created, "changed": r.changed}
            for s, r in zip(args.sources, results, strict=True)
        ]
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for source, result in zip(args.sources, results, strict=True):
            state = "created" if result.created else "updated" if result.changed else "unchanged"
            print(f"{state}\t{result.article_id}\t{source}")
    return 0


def _import_wordpress(args: argparse.Namespace, folder: Path, source: Path) -> int:
    options = WxrOptions(include_pages=args.include_pages, include_protected=args.include_protected,
                         media=args.media, prune=args.prune, title=args.title, language=args.language)
    bar = PhaseBar()
    report = import_wxr(folder, source, pathsmod.resolve(args.data_dir), options, progress=bar)
    bar.finish()
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    skipped = sum(report.skipped.values())
    print(f"{len(report.imported)} imported, {len(report.updated)} updated, {report.unchanged} unchanged, "
          f"{skipped} skipped" + (f" ({_reasons(report.skipped)})" if skipped else ""))
    if report.removed:
        verb = "deleted" if report.pruned else "kept (use --prune to delete)"
        print(f"{len(report.removed)} no longer in the export, {verb}: {', '.join(report.removed[:20])}"
              + (" ..." if len(report.removed) > 20 else ""))
    state = "search index built" if report.changed or not report.indexed else "nothing changed"
    print(f"{report.articles} articles in {folder}; {state} ({report.seconds:.1f} s)")
    return 0


def _reasons(skipped: dict[str, int]) -> str:
    ranked = sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{count} {reason}" for reason, count in ranked)


class PhaseBar:
    """Progress of a multi-phase job on stderr: one line per phase, with an ETA; silent off a terminal."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self.phase = ""
        self._started = self._last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        now = time.monotonic()
        if phase != self.phase:
            self.finish()
            self.phase, self._started = phase, now
        elif done < total and now - self._last < 0.1:
            return
        self._last = now
        fraction = min(1.0, done / total)
        elapsed = now - self._started
        eta = f"ETA {elapsed / fraction * (1 - fraction):4.0f} s" if 0.02 < fraction < 1 else " " * 10
        filled = int(30 * fraction)
        sys.stderr.write(f"\r{phase:<10}[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}  {eta}")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.active and self.phase:
            sys.stderr.write("\n")
            sys.stderr.flush()
        self.phase = ""


class ProgressBar:
    """A one-line progress bar on stderr, only when it is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.active = sys.stderr.isatty()
        self._last = -1.0

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = int(30 * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _open_index(args: argparse.Namespace, archive: Archive, *, rebuild: bool = False) -> SearchIndex:
    index = SearchIndex.open(archive, pathsmod.resolve(args.data_dir), rebuild=rebuild,
                             progress=ProgressBar("Indexing"))
    if index.notice:
        print(f"{PROG}: {index.notice}", file=sys.stderr)
        index.notice = None
    return index


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ReaderError("--limit must be at least 1")
    with load_archive(args) as archive, _open_index(args, archive) as index:
        result = index.search(" ".join(args.query), limit=args.limit, sort=args.sort)
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    about = "about " if result.total_is_estimate else ""
    print(f"{about}{result.total} result{'s' if result.total != 1 else ''}")
    if result.message:
        print(result.message)
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}")
    for hit in result.hits:
        byline = ", ".join(filter(None, [", ".join(hit.authors), (hit.date or "")[:10]]))
        print(f"\n{hit.title}  [{hit.id}]" + (f"  — {byline}" if byline else ""))
        print("  " + html.unescape(_MARK.sub(lambda m: f"[{m.group(1)}]", hit.snippet)))
    return 0


_MARK = re.compile(r"<mark>(.*?)</mark>")


def cmd_index(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with load_archive(args) as archive, _open_index(args, archive, rebuild=args.rebuild) as index:
        print(f"{index.doc_count} articles indexed in {index.index_dir} "
              f"({time.perf_counter() - started:.1f} s)")
    return 0


def run(args: argparse.Namespace, handler: Callable[[argparse.Namespace], int]) -> int:
    """Run a command with the one error policy of the CLI.

    Under a public-mode policy the command works in a throwaway session
    folder, deleted when it ends, like the window's.
    """
    policy = policy_mod.load(args.policy)
    args.policy_in_force = policy
    session = None
    if policy.public_mode:
        if policy.problem:
            print(f"{PROG}: {policy.problem}", file=sys.stderr)
        session = Session.start()
        args.data_dir = session.paths.data.parent
    paths = pathsmod.resolve(args.data_dir)
    logsetup.setup(paths, verbose=args.verbose)
    try:
        return _run(args, handler, paths)
    finally:
        if session is not None:
            logsetup.setup_null()
            session.end()


def _run(args: argparse.Namespace, handler: Callable[[argparse.Namespace], int],
         paths: pathsmod.Paths) -> int:
    try:
        return handler(args)
    except ReaderError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("unexpected error in %s", args.command)
        print(f"{PROG}: unexpected error: {type(exc).__name__}: {exc} (details in {paths.log_file})",
              file=sys.stderr)
        return EXIT_BUG


def main(argv: Sequence[str] | None = None) -> int:
    """Entry for subcommands; returns the exit code."""
    args = build_parser().parse_args(argv)
    return run(args, args.handler)
