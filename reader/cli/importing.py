"""``import``: make or extend an archive from pages, folders of them or a WordPress export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.importers import SUFFIXES
from reader.core.importing import WxrOptions
from reader.core.usecases import AppContext
from reader.core.usecases.importing import ImportReport, ImportRequest, import_into

from .common import add_common, print_json
from .progress import PhaseBar


def register(commands: Any) -> None:
    importing = commands.add_parser(
        "import", help=_("create or extend an archive from pages, Markdown files or a WordPress export"),
        description=_("Sources: {join} files, or folders of them; one folder of saved web "
                      "pages (wget --mirror, HTTrack, Save page as) imports as a site: its "
                      "articles only, one per address, linked to each other, with the images "
                      "the mirror holds. A sidecar <name>.meta.toml beside a source supplies "
                      "metadata; importing a source again updates its article. A WordPress "
                      "export (.xml, from Tools → Export) imports the whole site's published "
                      "posts and builds the search index inside the archive.")
        .format(join=", ".join(sorted(SUFFIXES))),
    )
    add_common(importing, top=False)
    importing.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    importing.add_argument("--into", type=Path, metavar="DIR",
                           help=_("archive folder (default: --archive)"))
    importing.add_argument("--meta", type=Path, metavar="FILE", help=_("sidecar TOML for the sources"))
    importing.add_argument("--title", help=_("title of a new archive (default: the folder name)"))
    importing.add_argument("--language", default="", help=_("language code of a new archive, e.g. en"))
    importing.add_argument("--json", action="store_true", help=_("print a JSON report"))
    wordpress = importing.add_argument_group(_("WordPress exports"))
    wordpress.add_argument("--include-pages", action="store_true", help=_("import pages as well as posts"))
    wordpress.add_argument("--include-protected", action="store_true",
                           help=_("import password-protected posts (they are not public)"))
    wordpress.add_argument("--media", type=Path, metavar="DIR",
                           help=_("a copy of wp-content/uploads: images become archive assets"))
    wordpress.add_argument("--prune", action="store_true",
                           help=_("delete articles whose posts are gone from the export (default: report)"))
    importing.set_defaults(handler=cmd_import)


def cmd_import(ctx: AppContext, args: argparse.Namespace) -> int:
    folder = args.into or args.archive
    if folder is None:
        raise ReaderError(_("import needs --into DIR (the archive folder to create or extend)"))
    options = WxrOptions(include_pages=args.include_pages, include_protected=args.include_protected,
                         media=args.media, prune=args.prune)
    request = ImportRequest(folder, tuple(args.sources), meta=args.meta, title=args.title,
                            language=args.language, wordpress=options)
    bar = PhaseBar()
    try:
        report = import_into(ctx, request, progress=bar).value
    finally:
        bar.finish()
    if report.wordpress is not None:
        _print_wordpress(report, folder, args.json)
    elif args.json:
        print_json([{"id": r.article_id, "source": str(s), "created": r.created, "changed": r.changed}
                    for s, r in report.pages])
    else:
        for source, result in report.pages:
            state = "created" if result.created else "updated" if result.changed else "unchanged"
            print(f"{state}\t{result.article_id}\t{source}")
        if report.skipped:  # a saved site: what was left out, and why
            print(report.summary())
    return 0


def _print_wordpress(report: ImportReport, folder: Path, as_json: bool) -> None:
    wxr = report.wordpress
    assert wxr is not None
    if as_json:
        print_json(wxr.to_json())
        return
    skipped = sum(wxr.skipped.values())
    ranked = sorted(wxr.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
    reasons = ", ".join(f"{n} {why}" for why, n in ranked)
    print(_("{imported} imported, {updated} updated, {unchanged} unchanged, {skipped} skipped").format(
        imported=len(wxr.imported), updated=len(wxr.updated), unchanged=wxr.unchanged, skipped=skipped)
        + (f" ({reasons})" if skipped else ""))
    if wxr.removed:
        verb = _("deleted") if wxr.pruned else _("kept (use --prune to delete)")
        print(_("{count} no longer in the export, {verb}: {names}").format(
            count=len(wxr.removed), verb=verb, names=", ".join(wxr.removed[:20]))
              + (" ..." if len(wxr.removed) > 20 else ""))
    state = (_("nothing changed") if not wxr.changed and wxr.indexed
             else _("search index built") if wxr.indexed
             else _("its search index is another user's: yours is built when you first search"))
    print(_("{articles} articles in {folder}; {state} ({seconds:.1f} s)")
          .format(articles=wxr.articles, folder=folder, state=state, seconds=wxr.seconds))
