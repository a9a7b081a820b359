"""Where an archive's index lives, and whether what is there may be opened (see ``engine``)."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from reader.core import paths as pathsmod
from reader.core.resources import bundled_archive
from reader.core.search import sidecar, trust
from reader.core.search.schema import SCHEMA_VERSION

log = logging.getLogger("reader.search")

INDEX_DIRNAME = "index"


@dataclass(frozen=True)
class Place:
    """Where the index is: may we write there, may we open what is there."""

    dir: Path
    writable: bool
    trusted: bool
    replace: bool = True  # False: a new index/ inside the archive, never put over one that appears meanwhile
    changed: bool = False  # the archive's own index was ours and changed since: tell the user


def choose(location: Path, paths: pathsmod.Paths) -> Place:
    if location.is_dir():
        inside = location / INDEX_DIRNAME
        present = (inside / sidecar.MANIFEST).is_file()
        if location.resolve() == bundled_archive().resolve():
            if present:
                return Place(inside, False, True)
        elif trust.writable_dir(location):
            if not os.path.lexists(inside):
                return Place(inside, True, False, replace=False)
            state = "unknown" if inside.is_symlink() else trust.status(paths, inside)
            if state == "trusted":
                return Place(inside, True, True)
            log.warning("not opening %s: an index this user did not build (%s); using our cache", inside,
                        state)
            return cache_place(location, paths, changed=state == "changed")
        elif present and (trust.is_trusted(paths, inside) or trust.admin_installed(inside)):
            return Place(inside, False, True)
    return cache_place(location, paths)


def cache_place(location: Path, paths: pathsmod.Paths, *, changed: bool = False) -> Place:
    cache = cache_dir(location, paths)
    trusted = trust.is_trusted(paths, cache)
    return Place(cache, True, trusted, changed=changed and not trusted)


def current(index_dir: Path, location: Path) -> bool:
    """Whether the index there can be used as it is (right schema, same articles)."""
    manifest = sidecar.read_manifest(index_dir)
    if manifest is None or manifest.get("schema_version") != SCHEMA_VERSION:
        return False
    listing = sidecar.list_articles(location)
    if sidecar.unchanged(manifest, listing):
        return True
    old = sidecar.manifest_stamps(manifest)
    return sidecar.same_content(old, sidecar.scan_articles(location, old, listing))


def cache_dir(location: Path, paths: pathsmod.Paths) -> Path:
    key = hashlib.sha1(str(location.resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.cache / "indexes" / f"{location.name[:40]}-{key}"
