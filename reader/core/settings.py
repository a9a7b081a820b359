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
from reader.core.i18n import N_, _

log = logging.getLogger("reader.settings")

SETTINGS_FILE = "settings.json"
#: Settings that were renamed: the old name still works in settings files and policies.
RENAMED = {"zoom": "text.size"}


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    bounds: tuple[float, float] | None = None  # inclusive range for numbers
    special: Any = None  # a number allowed outside ``bounds`` with a meaning of its own ("full width")


SCHEMA: dict[str, Setting] = {s.name: s for s in (
    Setting("theme", str, "auto", N_("Article colours; auto follows the system's light or dark mode."),
            ("auto", "light", "sepia", "dark", "contrast")),
    Setting("text.font", str, "serif",
            N_("The article's typeface: serif, sans or the name of a font installed on this computer.")),
    Setting("text.size", int, 12, N_("Article text size in points (8 to 32)."), bounds=(8, 32)),
    Setting("text.line_spacing", float, 1.5,
            N_("Space from one line of a paragraph to the next, in lines (1.0 to 2.0)."), bounds=(1.0, 2.0)),
    Setting("text.width", int, 72,
            N_("The longest line of the article in characters (30 to 150); 0 fills the window."),
            bounds=(30, 150), special=0),
    Setting("library.group_by", str, "year", N_("How the library pane groups articles."),
            ("year", "author", "tag", "category", "none")),
    Setting("library.sort", str, "date", N_("How articles are sorted within a group."),
            ("date", "title", "author")),
    Setting("library.descending", bool, True, N_("Newest (or Z) first.")),
    Setting("window.geometry", str, "", "Main window size and position (Qt, base64)."),
    Setting("window.state", str, "", "Docks and toolbars (Qt, base64)."),
    Setting("window.splitter", str, "", "Pane sizes (Qt, base64)."),
    Setting("window.library_columns", list, [], "Library author and date column widths (px)."),
    Setting("creator", str, "", N_("Your name as shown on notes you write and export.")),
    # Chosen from Article → Read aloud, not in Preferences (hence window.*); a policy may lock them.
    Setting("window.read_aloud_rate", int, 100,
            "Read aloud speed, in percent of the speech engine's normal speed (50 to 300)."),
    Setting("window.read_aloud_voice", str, "", "Read aloud voice, as the speech engine names it; "
            "empty: its preferred voice for the archive's language."),
    Setting("window.last_folder", str, "", "The folder the last file dialog was used in."),
    Setting("language", str, "", N_("The language of menus and messages; empty follows the system "
            "(takes effect the next time Reading Room starts)."), ("", "en", "fr", "es", "ar-XB")),
)}


class SettingsError(ReaderError):
    """A value of the wrong type, or a setting the policy locks."""


def points_from_zoom(steps: int) -> int:
    """The text size in points of an old unitless zoom (steps of 10% from 12 pt)."""
    low, high = SCHEMA["text.size"].bounds or (8, 32)
    steps = max(-50, min(50, steps))  # far past either bound already; 1.1 ** 10_000 overflows
    return int(min(high, max(low, round(12 * 1.1 ** steps))))


def migrate(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` (a settings file or a policy) with renamed settings under their new names.

    A value already given under the new name wins; a bad old value is passed on
    unchanged under the new name, so it is refused with the same message as any other."""
    migrated = {name: value for name, value in values.items() if name not in RENAMED}
    for old, new in RENAMED.items():
        if old in values and new not in values:
            value = values[old]
            ok = old == "zoom" and isinstance(value, int) and not isinstance(value, bool)
            migrated[new] = points_from_zoom(value) if ok else value
    return migrated


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
            raise SettingsError(_("there is no setting called {name!r}").format(name=name))
        if self.is_locked(name):
            raise SettingsError(_("the setting {name!r} is locked by this computer's policy")
                                .format(name=name))
        value = check(setting, value)
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
        for name, value in migrate(data).items():
            setting = SCHEMA.get(name)
            try:
                if setting is None:
                    raise SettingsError(_("unknown setting"))
                values[name] = check(setting, value)
            except SettingsError as exc:
                log.warning("ignoring setting %s=%r: %s", name, value, exc)
        return values

    def _save(self) -> None:
        try:
            atomic_write_text(self.path, json.dumps(self._values, indent=1, sort_keys=True), private=True)
        except OSError as exc:
            log.warning("could not save settings to %s: %s", self.path, exc)


def check(setting: Setting, value: Any) -> Any:
    """``value`` as the setting's type (a whole number is a float too), or SettingsError saying why not."""
    if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, setting.type) or (setting.type in (int, float) and isinstance(value, bool)):
        raise SettingsError(_("{name} must be a {name__}, not {value!r}")
                            .format(name=setting.name, name__=setting.type.__name__, value=value))
    if setting.choices and value not in setting.choices:
        choices = ", ".join(map(str, setting.choices))
        raise SettingsError(_("{name} must be one of {choices}, not {value!r}")
                            .format(name=setting.name, choices=choices, value=value))
    if setting.bounds and value != setting.special and not setting.bounds[0] <= value <= setting.bounds[1]:
        low, high = setting.bounds
        also = _(" (or {special})").format(special=setting.special) if setting.special is not None else ""
        raise SettingsError(_("{name} must be between {low:g} and {high:g}{also}, not {value!r}")
                            .format(name=setting.name, low=low, high=high, also=also, value=value))
    return value
