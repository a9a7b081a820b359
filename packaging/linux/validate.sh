#!/usr/bin/env bash
# Validate the Linux desktop integration files with the freedesktop tools.
#   Debian/Ubuntu: apt-get install desktop-file-utils appstream libxml2-utils
# Exits non-zero on the first failure; tests/unit/test_linux_desktop.py runs the same tools.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id="$(sed -n 's/^APP_ID = "\(.*\)"$/\1/p' "$here/../../reader/appid.py")"
[ -n "$app_id" ] || { echo "no APP_ID in reader/appid.py" >&2; exit 1; }

echo "== desktop-file-validate $app_id.desktop"
desktop-file-validate "$here/$app_id.desktop"

echo "== appstreamcli validate --no-net --pedantic $app_id.metainfo.xml"
appstreamcli validate --no-net --pedantic "$here/$app_id.metainfo.xml"

echo "== xmllint $app_id.mime.xml and the scalable icon"
xmllint --noout "$here/$app_id.mime.xml" "$here/icons/hicolor/scalable/apps/$app_id.svg"

echo "all valid"
