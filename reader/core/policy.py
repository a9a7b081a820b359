"""The administrator's policy: public-machine mode and locked settings.

A library writes one TOML file where patrons cannot (``/etc/xdg/reading-room/``,
``%PROGRAMDATA%\\Reading Room\\``, ``/Library/Application Support/Reading Room/``).
Its values always beat the user's.  Any other policy a user can name
(``--policy FILE``, ``READING_ROOM_POLICY``, a folder of their own in
``XDG_CONFIG_DIRS``) is merged with :func:`tighten`: it may add restrictions,
never lift one, so it serves trials on a personal computer and cannot undo a
library's.  A policy that cannot be read, has a wrong type or an unknown key
(a typo such as ``public_mod``) starts the app in the *safest* mode, public
with nothing allowed out, never the loosest: a broken file must not quietly
turn privacy off.  docs/for-libraries.md has an example.
"""

from __future__ import annotations

import glob
import logging
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.core import safetoml
from reader.core.i18n import _
from reader.core.settings import RENAMED, SCHEMA, SettingsError, check, migrate

log = logging.getLogger("reader.policy")

ENV_POLICY = "READING_ROOM_POLICY"
POLICY_NAME = "policy.toml"
EXPORT_FORMATS = ("md", "json", "html", "pdf")
DEFAULT_IDLE_MINUTES = 10


@dataclass(frozen=True)
class Policy:
    """What the administrator decided; the defaults are a private, personal computer."""

    public_mode: bool = False
    idle_timeout_minutes: int = 0  # 0: never (public mode defaults to DEFAULT_IDLE_MINUTES)
    allow_export: bool = True
    export_formats: tuple[str, ...] = EXPORT_FORMATS
    export_dirs: tuple[str, ...] = ()  # folders (globs allowed) exports may go to; empty: anywhere
    allow_print: bool = True
    allow_open_other_archives: bool = True
    allow_groups: bool = True  # may notes be shared through a group folder
    fullscreen: bool = False
    archive: Path | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)  # fixed setting values (theme...)
    locked: frozenset[str] = frozenset()
    source: Path | None = None
    problem: str | None = None  # why the file was not used as written

    @property
    def idle_seconds(self) -> float:
        if not self.public_mode:
            return 0.0
        return 60.0 * (self.idle_timeout_minutes or DEFAULT_IDLE_MINUTES)

    @property
    def restricts_files(self) -> bool:
        """Files may be saved and opened only in ``export_dirs`` (no free file dialogs)."""
        return self.public_mode or bool(self.export_dirs)

    def export_folders(self) -> list[Path]:
        """The allowed export folders that exist now (a USB stick may come and go)."""
        found: list[Path] = []
        for pattern in self.export_dirs:
            for match in sorted(glob.glob(os.path.expanduser(pattern))):
                path = Path(match)
                if path.is_dir() and path not in found:
                    found.append(path)
        return found

    def may_write(self, target: Path) -> bool:
        """Whether an export may be written at ``target``."""
        if not self.allow_export:
            return False
        if not self.restricts_files:
            return True
        resolved = target.expanduser().absolute().resolve()
        return any(resolved.is_relative_to(folder.resolve()) for folder in self.export_folders())

    def may_export(self, fmt: str) -> bool:
        return self.allow_export and fmt in self.export_formats

    def archive_to_open(self, requested: Path | None) -> Path | None:
        """The archive to open for a ``--archive`` request (None: the policy's or the bundled one).

        Raises ValueError when the policy forbids opening other archives.
        """
        if requested is None or self.allow_open_other_archives:
            return requested or self.archive
        if self.archive is not None and requested.resolve() == self.archive.resolve():
            return requested
        raise ValueError(_("opening other archives ({requested}) is turned off on this computer")
                         .format(requested=requested))


#: The safest mode: public, nothing leaves the machine, nothing else opens.
SAFEST = Policy(public_mode=True, allow_export=False, export_formats=(), allow_print=False,
                allow_open_other_archives=False, allow_groups=False)


def system_locations() -> list[Path]:
    """Where an administrator's policy file may be, most important first.

    On Linux ``/etc/xdg`` always comes first, whatever ``XDG_CONFIG_DIRS`` (which
    a user can set) says; a file counts as the administrator's only if
    :func:`admin_owned`.
    """
    if sys.platform == "win32":
        root = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return [Path(root) / "Reading Room" / POLICY_NAME]
    if sys.platform == "darwin":
        return [Path("/Library/Application Support/Reading Room") / POLICY_NAME]
    dirs = ["/etc/xdg", *(os.environ.get("XDG_CONFIG_DIRS") or "").split(os.pathsep)]
    return list(dict.fromkeys(Path(d) / "reading-room" / POLICY_NAME for d in dirs if d))


def admin_owned(path: Path, *, admins: tuple[int, ...] = (0,)) -> bool:
    """Whether only an administrator can have written ``path`` (POSIX: root's, writable by root only).

    Windows: a file the current user may not write.
    """
    try:
        info = path.stat()
    except OSError:
        return False
    if os.name == "nt":
        return not os.access(path, os.W_OK)
    return info.st_uid in admins and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(explicit: Path | str | None = None, *, system: Sequence[Path] | None = None) -> Policy:
    """The policy in force: the administrator's, tightened by any policy the user names.

    ``system`` lists the administrator's files, most important first (tests
    pass their own); by default the existing files of :func:`system_locations`
    that are :func:`admin_owned`, the others counting as the user's.  The first
    administrator's file is the base; every other file found (``explicit``,
    ``READING_ROOM_POLICY``, the remaining locations) may only tighten it.
    """
    user: list[Path] = []
    if system is None:
        found = [path for path in system_locations() if path.exists()]
        system = [path for path in found if admin_owned(path)]
        user = [path for path in found if path not in system]
    base: Policy | None = None
    for path in system:
        current = read(path)
        if current.source is None:  # the file is gone
            continue
        base = current if base is None else tighten(base, current)
    chosen = explicit or os.environ.get(ENV_POLICY)
    policies = [read(Path(chosen), required=True)] if chosen else []
    policies += [read(path) for path in user]
    for extra in policies:
        if base is not None:
            log.info("policy %s may only add restrictions to %s", extra.source, base.source)
        base = extra if base is None else tighten(base, extra)
    return base or Policy()


def tighten(base: Policy, extra: Policy) -> Policy:
    """``base`` with every restriction of ``extra`` added and none of ``base``'s lifted."""
    export_dirs = base.export_dirs or extra.export_dirs  # globs cannot be intersected: the first set stays
    if base.archive is not None or not base.allow_open_other_archives:
        archive = base.archive
    else:
        archive = extra.archive
    idle = [m for m in (base.idle_timeout_minutes, extra.idle_timeout_minutes) if m]
    return replace(
        base,
        public_mode=base.public_mode or extra.public_mode,
        idle_timeout_minutes=min(idle) if idle else 0,
        allow_export=base.allow_export and extra.allow_export,
        export_formats=tuple(f for f in base.export_formats if f in extra.export_formats),
        export_dirs=export_dirs,
        allow_print=base.allow_print and extra.allow_print,
        allow_open_other_archives=base.allow_open_other_archives and extra.allow_open_other_archives,
        allow_groups=base.allow_groups and extra.allow_groups,
        fullscreen=base.fullscreen or extra.fullscreen,
        archive=archive,
        settings={**extra.settings, **base.settings},
        locked=base.locked | extra.locked,
        source=base.source or extra.source,
        problem=base.problem or extra.problem,
    )


def read(path: Path, *, required: bool = False) -> Policy:
    """Parse one policy file; any problem gives :data:`SAFEST` with the reason."""
    try:
        data = safetoml.loads(path.read_text(encoding="utf-8"))
        policy = parse(data, base=path.parent)
    except FileNotFoundError:
        if not required:
            return Policy()
        return _safest(path, _("it does not exist"))
    except (OSError, UnicodeDecodeError) as exc:
        return _safest(path, _("it cannot be read ({value})")
                             .format(value=getattr(exc, 'strerror', None) or exc))
    except safetoml.TomlError as exc:
        return _safest(path, _("it {exc}").format(exc=exc))
    except ValueError as exc:
        return _safest(path, str(exc))
    log.info("policy %s: public_mode=%s locked=%s", path, policy.public_mode, sorted(policy.locked))
    return replace(policy, source=path)


def _safest(path: Path, reason: str) -> Policy:
    problem = _("The policy file {path} was not used: {reason}. Running in public mode "
                "with exports off.").format(path=path, reason=reason)
    log.error("%s", problem)
    return replace(SAFEST, source=path, problem=problem)


_BOOLS = ("public_mode", "allow_export", "allow_print", "allow_open_other_archives", "allow_groups",
          "fullscreen")


def parse(data: Mapping[str, Any], base: Path | None = None) -> Policy:
    """Validate a policy table; raises ValueError naming the first bad key."""
    values: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    for key, value in migrate(data).items():
        if key in _BOOLS:
            values[key] = _typed(key, value, bool)
        elif key == "idle_timeout_minutes":
            minutes = _typed(key, value, int)
            if not 0 <= minutes <= 24 * 60:
                raise ValueError(_("'{key}' must be between 0 and 1440 minutes").format(key=key))
            values[key] = minutes
        elif key == "export_formats":
            formats = tuple(_strings(key, value))
            unknown = sorted(set(formats) - set(EXPORT_FORMATS))
            if unknown:
                raise ValueError(_("'{key}' has unknown formats {unknown}; use {list}")
                                 .format(key=key, unknown=unknown, list=list(EXPORT_FORMATS)))
            values[key] = formats
        elif key == "export_dirs":
            values[key] = tuple(_strings(key, value))
        elif key == "archive":
            archive = Path(_typed(key, value, str)).expanduser()
            values[key] = archive if archive.is_absolute() or base is None else base / archive
        elif key == "locked":
            names = [RENAMED.get(name, name) for name in _strings(key, value)]
            unknown = sorted(set(names) - set(SCHEMA))
            if unknown:
                raise ValueError(_("'locked' names unknown settings {unknown}").format(unknown=unknown))
            values[key] = frozenset(names)
        elif key in SCHEMA:
            try:
                settings[key] = check(SCHEMA[key], value)
            except SettingsError as exc:
                raise ValueError(f"'{key}': {exc}") from None
        else:
            raise ValueError(_("unknown key '{key}'").format(key=key))
    locked = frozenset(values.pop("locked", frozenset())) | frozenset(settings)
    return Policy(**values, settings=settings, locked=locked)


def _typed(key: str, value: Any, kind: type) -> Any:
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise ValueError(_("'{key}' must be {name__}, not {name__2}")
                         .format(key=key, name__=kind.__name__, name__2=type(value).__name__))
    return value


def _strings(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(_("'{key}' must be a list of strings").format(key=key))
    return value
