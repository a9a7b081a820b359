"""The command line speaks the user's language: the system's, ``--lang``, the preference, the policy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def rr(*args: str | Path, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    exe = Path(sys.executable).with_name("reading-room")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, timeout=60,
                          env={**base, "READING_ROOM_DATA_DIR": str(data_dir), **env})


def test_french_system_prints_french(data_dir: Path) -> None:
    listing = rr("list", data_dir=data_dir, LANG="fr_FR.UTF-8")
    assert listing.returncode == 0 and "hasnt-socialism-been-tried-and-failed" in listing.stdout
    missing = rr("show", "no-such-article", data_dir=data_dir, LANG="fr_FR.UTF-8")
    assert missing.returncode == 1
    assert missing.stderr == ("reading-room : erreur : aucun article d'identifiant 'no-such-article' "
                              "dans cette archive\n")
    found = rr("search", "zzyzx", data_dir=data_dir, LANG="fr_FR.UTF-8")
    assert found.stdout.splitlines()[0] == "0 résultat"
    helped = rr("--help", data_dir=data_dir, LANG="fr_FR.UTF-8").stdout
    assert "lister les articles de l'archive" in helped and helped.startswith("utilisation : reading-room")
    usage = rr("search", data_dir=data_dir, LANG="fr_FR.UTF-8")
    assert usage.returncode == 2
    assert usage.stderr.splitlines()[-1] == ("reading-room search : erreur : les arguments suivants sont "
                                             "obligatoires : query")


def test_lang_option_and_language_variable_override_lang(data_dir: Path) -> None:
    found = rr("search", "zzyzx", "--lang", "es", data_dir=data_dir, LANG="fr_FR.UTF-8")
    assert found.stdout.splitlines()[0] == "0 resultados"
    assert rr("search", "zzyzx", data_dir=data_dir, LANGUAGE="es:fr", LANG="fr_FR.UTF-8").stdout.startswith(
        "0 resultados")
    assert rr("search", "zzyzx", data_dir=data_dir, LANG="C.UTF-8").stdout.startswith("0 results")


def test_the_policy_fixes_the_language(data_dir: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('language = "es"\n', encoding="utf-8")
    found = rr("search", "zzyzx", "--lang", "fr", "--policy", policy, data_dir=data_dir, LANG="fr_FR.UTF-8")
    assert found.stdout.splitlines()[0] == "0 resultados", found.stderr
