"""User settings: one typed schema, with defaults and descriptions.

Every setting is declared once here.  Values are stored as JSON in the config
dir; a policy (public machines, see the public-mode issue) can fix values and
lock them, and wins over the user's value in :meth:`Settings.get` — the one
place where that rule lives.  Listeners are told the name of what changed
(qutebrowser's ``changed(str)`` pattern), so each widget filters for itself.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.errors import ReaderError
from reader.core.fsutil import atomic_write_text

log = logging.getLogger("reader.settings")

SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()


SCHEMA: dict[str, Setting] = {s.name: s for s in (
    Setting("theme", str, "auto", "Article colours; auto follows the system's light or dark mode.",
            ("auto", "light", "sepia", "dark")),
    Setting("zoom", int, 0, "Article text size in steps from the default (-5 to 10)."),
    Setting("library.group_by", str, "year", "How the library pane groups articles.",
            ("year", "author", "tag", "category", "none")),
    Setting("library.sort", str, "date", "How articles are sorted within a group.",
            ("date", "title", "author")),
    Setting("library.descending", bool, True, "Newest (or Z) first."),
    Setting("window.geometry", str, "", "Main window size and position (Qt, base64)."),
    Setting("window.state", str, "", "Docks and toolbars (Qt, base64)."),
    Setting("window.splitter", str, "", "Pane sizes (Qt, base64)."),
    Setting("window.library_columns", list, [], "Library author and date column widths (px)."),
    Setting("creator", str, "", "Your name as shown on notes you write and export."),
    # Chosen from Article → Read aloud, not in Preferences (hence window.*); a policy may lock them.
    Setting("window.read_aloud_rate", int, 100,
            "Read aloud speed, in percent of the speech engine's normal speed (50 to 300)."),
    Setting("window.read_aloud_voice", str, "", "Read aloud voice, as the speech engine names it; "
            "empty: its preferred voice for the archive's language."),
    Setting("window.last_folder", str, "", "The folder the last file dialog was used in."),
)}


class SettingsError(ReaderError):
    """A value of the wrong type, or a setting the policy locks."""


class Settings:
    def __init__(self, path: Path, policy: Mapping[str, Any] | None = None,
                 locked: set[str] | None = None) -> None:
        self.path = path
        self._policy = dict(policy or {})
        self._locked = set(locked or ()) | set(self._policy)
        self._values = self._load()
        self._listeners: list[Callable[[str], None]] = []
        self._restoring: set[str] = set()  # locked names whose listeners are being told to re-show them

    @classmethod
    def in_dir(cls, config_dir: Path, **kwargs: Any) -> Settings:
        return cls(config_dir / SETTINGS_FILE, **kwargs)

    def get(self, name: str) -> Any:
        """The policy's value if it sets one, else the user's, else the default."""
        setting = SCHEMA[name]
        if name in self._policy:
            return self._policy[name]
        return self._values.get(name, setting.default)

    def is_locked(self, name: str) -> bool:
        return name in self._locked

    def set(self, name: str, value: Any) -> None:
        setting = SCHEMA.get(name)
        if setting is None:
            raise SettingsError(f"there is no setting called {name!r}")
        if self.is_locked(name):
            raise SettingsError(f"the setting {name!r} is locked by this computer's policy")
        _check(setting, value)
        if self._values.get(name, setting.default) == value:
            return
        self._values[name] = value
        self._save()
        for listener in list(self._listeners):
            listener(name)

    def offer(self, name: str, value: Any) -> bool:
        """``set`` unless the policy locks ``name``: for what the window remembers by itself
        (zoom, grouping, geometry), which a locked value must simply ignore.

        A refused offer tells the listeners the value "changed" anyway, so a control that
        moved on its own (Ctrl+wheel, a header click) shows the policy's value again at once."""
        if not self.is_locked(name):
            self.set(name, value)
            return True
        if value != self.get(name) and name not in self._restoring:
            self._restoring.add(name)
            try:
                for listener in list(self._listeners):
                    listener(name)
            finally:
                self._restoring.discard(name)
        return False

    def on_change(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:  # RecursionError: nested too deeply to parse
            log.warning("ignoring unreadable settings %s, using the defaults: %s", self.path,
                        "nested too deeply" if isinstance(exc, RecursionError) else exc)
            return {}
        if not isinstance(data, dict):
            log.warning("ignoring settings %s, using the defaults: not a JSON object", self.path)
            return {}
        values = {}
        for name, value in data.items():
            setting = SCHEMA.get(name)
            try:
                if setting is None:
                    raise SettingsError("unknown setting")
                _check(setting, value)
            except SettingsError as exc:
                log.warning("ignoring setting %s=%r: %s", name, value, exc)
                continue
            values[name] = value
        return values

    def _save(self) -> None:
        try:
            atomic_write_text(self.path, json.dumps(self._values, indent=1, sort_keys=True), private=True)
        except OSError as exc:
            log.warning("could not save settings to %s: %s", self.path, exc)


def _check(setting: Setting, value: Any) -> None:
    if not isinstance(value, setting.type) or (setting.type is int and isinstance(value, bool)):
        raise SettingsError(f"{setting.name} must be a {setting.type.__name__}, not {value!r}")
    if setting.choices and value not in setting.choices:
        choices = ", ".join(map(str, setting.choices))
        raise SettingsError(f"{setting.name} must be one of {choices}, not {value!r}")
