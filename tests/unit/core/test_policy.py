"""The administrator's policy: where it is found, what it locks, and the safest mode."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.core import policy as policy_mod
from reader.core.policy import SAFEST, Policy
from reader.core.session import Session, wipe_stale
from reader.core.settings import Settings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_policy_is_a_personal_computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "none"))
    monkeypatch.delenv(policy_mod.ENV_POLICY, raising=False)
    assert policy_mod.load(system=[]) == Policy()


def test_etc_xdg_comes_first_whatever_xdg_config_dirs_says(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    found = policy_mod.system_locations()
    assert found[0] == Path("/etc/xdg/reading-room/policy.toml")
    assert found[1:] == [tmp_path / d / "reading-room" / "policy.toml" for d in ("a", "b")]


def test_only_an_administrators_file_counts_as_the_system_policy(tmp_path: Path) -> None:
    path = write(tmp_path / "policy.toml", "public_mode = true\n")
    owner = path.stat().st_uid
    path.chmod(0o644)
    assert policy_mod.admin_owned(path, admins=(owner,))
    assert not policy_mod.admin_owned(path, admins=(owner + 1,))  # a patron's own file
    path.chmod(0o666)
    assert not policy_mod.admin_owned(path, admins=(owner,))  # anyone could have written it


SYSTEM = """public_mode = true
idle_timeout_minutes = 15
allow_export = true
export_formats = ["md", "pdf"]
export_dirs = ["/media/*/*"]
allow_print = false
allow_open_other_archives = false
theme = "dark"
locked = ["library.sort"]
"""

# (how the patron tries, the policy text they write or None for /dev/null)
LOOSENERS = [
    ("flag", "public_mode = false\nallow_print = true\nallow_export = true\n"
             'export_formats = ["md", "json", "html", "pdf"]\nexport_dirs = []\n'
             'allow_open_other_archives = true\narchive = "/home/patron/other"\ntheme = "light"\n'),
    ("environment", "public_mode = false\nidle_timeout_minutes = 0\n"),
    ("environment-dev-null", None),
    ("xdg-config-dirs", "public_mode = false\nallow_print = true\n"),
]


@pytest.mark.parametrize(("how", "text"), LOOSENERS, ids=[c[0] for c in LOOSENERS])
def test_a_user_policy_never_loosens_the_system_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    how: str, text: str | None) -> None:
    system = write(tmp_path / "etc" / "reading-room" / "policy.toml", SYSTEM)
    user = write(tmp_path / "home" / "reading-room" / "policy.toml", text) if text else Path("/dev/null")
    monkeypatch.delenv(policy_mod.ENV_POLICY, raising=False)
    explicit = None
    if how == "flag":
        explicit = user
    elif how.startswith("environment"):
        monkeypatch.setenv(policy_mod.ENV_POLICY, str(user))
    else:
        monkeypatch.setattr(policy_mod, "system_locations", lambda: [system, user])
        monkeypatch.setattr(policy_mod, "admin_owned", lambda path: path == system)
    found = policy_mod.load(explicit, system=None if how == "xdg-config-dirs" else [system])
    assert found == replace(policy_mod.read(system), problem=found.problem)
    assert found.public_mode and not found.allow_print and found.settings["theme"] == "dark"


def test_a_user_policy_may_add_restrictions(tmp_path: Path) -> None:
    system = write(tmp_path / "system.toml", SYSTEM)
    user = write(tmp_path / "user.toml", 'allow_export = false\nexport_formats = ["md"]\n'
                                         'idle_timeout_minutes = 5\nfullscreen = true\n'
                                         'locked = ["library.group_by"]\n')
    found = policy_mod.load(user, system=[system])
    assert not found.allow_export and found.export_formats == ("md",) and found.fullscreen
    assert found.idle_timeout_minutes == 5 and found.locked == {"library.sort", "library.group_by", "theme"}
    assert found.source == system


def test_a_broken_user_policy_tightens_to_the_safest(tmp_path: Path) -> None:
    system = write(tmp_path / "system.toml", "public_mode = false\n")
    found = policy_mod.load(write(tmp_path / "user.toml", "public_mod = false\n"), system=[system])
    assert found.public_mode and not found.allow_export and found.problem


def test_without_a_system_policy_a_trial_policy_applies_as_written(tmp_path: Path) -> None:
    trial = write(tmp_path / "trial.toml", "public_mode = false\nallow_print = false\n")
    assert policy_mod.load(trial, system=[]) == replace(policy_mod.read(trial))


def test_flag_and_environment_name_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flag = write(tmp_path / "flag.toml", "public_mode = true\nfullscreen = true\n")
    env = write(tmp_path / "env.toml", "allow_print = false\n")
    monkeypatch.setenv(policy_mod.ENV_POLICY, str(env))
    assert policy_mod.load().allow_print is False
    assert policy_mod.load(flag).fullscreen is True


@pytest.mark.parametrize("text", [
    "public_mode = tru\n",  # not TOML
    "public_mode = 1\n",  # wrong type
    "public_mod = false\n",  # a typo must not loosen anything
    'locked = ["no-such-setting"]\n',
    'theme = "purple"\n',
    "idle_timeout_minutes = -5\n",
    'export_formats = ["docx"]\n',
])
def test_a_malformed_policy_starts_the_safest_mode(tmp_path: Path, text: str) -> None:
    found = policy_mod.read(write(tmp_path / "policy.toml", text), required=True)
    assert found.public_mode and not found.allow_export and not found.allow_print
    assert not found.allow_open_other_archives and found.export_formats == ()
    assert found.problem and str(tmp_path / "policy.toml") in found.problem
    assert found == SAFEST.__class__(**{**SAFEST.__dict__, "source": found.source, "problem": found.problem})


def test_unreadable_bytes_and_missing_named_file_are_safest(tmp_path: Path) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_bytes(b"\xff\xfe public_mode = false")
    assert policy_mod.read(bad).public_mode
    assert policy_mod.read(tmp_path / "missing.toml", required=True).public_mode


def test_a_locked_policy_value_beats_the_users_setting(tmp_path: Path) -> None:
    user = Settings.in_dir(tmp_path)
    user.set("theme", "dark")
    user.set("text.size", 15)
    found = policy_mod.read(write(tmp_path / "p.toml", 'theme = "light"\nlocked = ["text.size"]\n'))
    settings = Settings.in_dir(tmp_path, policy=found.settings, locked=set(found.locked))
    assert settings.get("theme") == "light" and settings.is_locked("theme")
    assert settings.get("text.size") == 15 and settings.is_locked("text.size")  # locked at the user's value
    assert not settings.offer("theme", "sepia") and settings.get("theme") == "light"
    assert Settings.in_dir(tmp_path).get("theme") == "dark"  # the user's own file is untouched


def test_exports_only_to_allowed_folders(tmp_path: Path) -> None:
    (tmp_path / "usb1").mkdir()
    found = policy_mod.parse({"public_mode": True, "export_dirs": [str(tmp_path / "usb*")]})
    assert found.export_folders() == [tmp_path / "usb1"]
    assert found.may_write(tmp_path / "usb1" / "notes.json")
    assert not found.may_write(tmp_path / "elsewhere" / "notes.json")
    assert not found.may_write(tmp_path / "usb1" / ".." / "notes.json")
    assert Policy().may_write(tmp_path / "anywhere.json")  # a personal computer
    assert not policy_mod.parse({"public_mode": True}).may_write(tmp_path / "x.json")  # nowhere allowed


def test_session_folder_is_private_and_stale_ones_are_wiped(tmp_path: Path) -> None:
    live = Session.start(tmp_path)
    assert (live.root.stat().st_mode & 0o777) == 0o700
    stale = tmp_path / "reading-room-session-old"
    (stale / "app").mkdir(parents=True)
    (stale / ".lock").write_text("")
    assert wipe_stale(tmp_path) == [stale]  # nobody holds its lock
    assert live.root.exists()  # a live session is never touched
    other = Session.start(tmp_path)  # starting wipes stale folders but not the live one
    assert live.root.exists() and other.root.exists()
    live.end()
    other.end()
    assert not live.root.exists() and not other.root.exists()


def test_other_archives_only_when_allowed(tmp_path: Path) -> None:
    mine = tmp_path / "collection"
    closed = Policy(public_mode=True, allow_open_other_archives=False, archive=mine)
    assert closed.archive_to_open(None) == mine
    assert closed.archive_to_open(mine) == mine
    with pytest.raises(ValueError, match="turned off"):
        closed.archive_to_open(tmp_path / "elsewhere")
    assert Policy().archive_to_open(tmp_path / "elsewhere") == tmp_path / "elsewhere"


def test_a_policy_written_for_the_old_zoom_still_works(tmp_path: Path) -> None:
    """Libraries wrote ``zoom`` (steps of 10%) before text sizes were points: same meaning, no safe mode."""
    found = policy_mod.read(write(tmp_path / "p.toml", 'zoom = 2\n'))
    assert found.problem is None and found.settings == {"text.size": 15} and found.locked == {"text.size"}
    found = policy_mod.read(write(tmp_path / "q.toml", 'locked = ["zoom", "theme"]\n'))
    assert found.problem is None and found.locked == {"text.size", "theme"}


def test_policy_text_settings_are_checked_against_their_range(tmp_path: Path) -> None:
    found = policy_mod.read(write(tmp_path / "p.toml", '"text.line_spacing" = 2\n"text.width" = 0\n'))
    assert found.problem is None
    assert found.settings == {"text.line_spacing": 2.0, "text.width": 0}
    found = policy_mod.read(write(tmp_path / "q.toml", '"text.size" = 80\n'))
    assert found.public_mode and "between 8 and 32" in (found.problem or "")
