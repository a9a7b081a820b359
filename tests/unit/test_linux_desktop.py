"""Linux desktop integration (packaging/linux/): the freedesktop validators accept the files,
and the app id, icon sizes and release version agree with the code.

The validators come from Debian's desktop-file-utils, appstream and libxml2-utils (.ci/run
installs them).  Without them the validator tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import reader
from reader.appid import APP_ID
from reader.core.export.pack import SUFFIX
from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
HICOLOR = LINUX / "icons" / "hicolor"
FLATPAK = REPO / "packaging" / "flatpak" / f"{APP_ID}.yml"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian package {package})"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{message}; CI must install it (.ci/run)")
        pytest.skip(message)
    return path


def run(*args: str | Path) -> None:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"{args[0]} failed ({done.returncode}):\n{done.stdout}{done.stderr}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_desktop_file_validates() -> None:
    run(tool("desktop-file-validate", "desktop-file-utils"), DESKTOP)


def test_metainfo_validates() -> None:
    run(tool("appstreamcli", "appstream"), "validate", "--no-net", "--pedantic", METAINFO)


def test_mime_xml_and_scalable_icon_are_well_formed() -> None:
    run(tool("xmllint", "libxml2-utils"), "--noout", MIME, HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg")


def test_desktop_file_names_the_app_id_icon_and_mime_type() -> None:
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "reading-room-gui"
    mime = ET.parse(MIME).getroot()
    mime_types = {t.get("type") for t in mime.iter(f"{MIME_NS}mime-type")}
    assert mime_types == {"application/x-reading-room-pack"}
    assert [g.get("pattern") for g in mime.iter(f"{MIME_NS}glob")] == [f"*{SUFFIX}"]
    assert set(filter(None, entry["MimeType"].split(";"))) == mime_types


def test_metainfo_matches_the_app_id_and_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.find("releases/release").get("version") == reader.__version__  # newest first
    assert root.find("content_rating").get("type") == "oars-1.1"
    screenshots = [i.text for i in root.iter("image")]
    prefix = "https://raw.githubusercontent.com/readingroom/reading-room/main/"
    for url in screenshots:
        assert url.startswith(prefix)
        assert (REPO / url.removeprefix(prefix)).is_file(), url


def test_every_hicolor_icon_has_its_size() -> None:
    for size in SIZES:
        png = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.is_file(), f"missing {png.relative_to(REPO)}: run packaging/linux/render_icons.py"
        assert png_size(png) == (size, size), png
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (REPO / "resources" / "icons" / "reading-room.svg").read_bytes(), \
        "the scalable icon is stale: run packaging/linux/render_icons.py"
    assert png_size(REPO / "resources" / "icons" / "reading-room.png") == (256, 256)


def test_flatpak_manifest_uses_the_app_id() -> None:
    lines = FLATPAK.read_text(encoding="utf-8").splitlines()
    assert f"id: {APP_ID}" in lines
