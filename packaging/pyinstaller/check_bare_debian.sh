#!/usr/bin/env bash
# Does the PyInstaller bundle run on a bare Debian 12 with only the libraries the README lists?
#
#   sudo packaging/pyinstaller/check_bare_debian.sh [dist/reading-room]
#
# No containers: debootstrap builds a minimal Debian 12 root (--variant=minbase: no Python,
# no X, no fonts) plus only the Debian packages Qt's offscreen platform needs (BARE_DEBS
# below, the first six of the README's list and a font); the bundle is copied to
# $ROOT/opt/reading-room and smoke_test.py --chroot runs its CLI and GUI checks with
# `chroot $ROOT`, so the executables see only the root's libraries.  smoke_test.py itself
# runs on the host (the root has no Python, as on a user's machine).
#
# Needs root (debootstrap, chroot, mount), the debootstrap package (installed if missing)
# and http access to deb.debian.org (or MIRROR=...).  The root is kept for the next run
# (about 200 MB); `rm -rf /tmp/rr-bare` removes it.
#
# If debootstrap is not available (not Debian, or no apt), `mmdebstrap --variant=minbase
# --include=... bookworm $ROOT $MIRROR` makes the same root, also without containers; as a
# last resort `apt-get download` the packages and their dependencies (apt-cache depends
# --recurse) and `dpkg-deb -x` each into $ROOT — enough for chroot, as nothing is configured.
#
# Before the check, ldd (inside the root) lists the bundle's libraries that the root lacks;
# the xcb/Wayland/EGL plugins are expected to lack theirs (a desktop installs them, see
# docs/installing.md) and are not needed by the offscreen platform.
#
# Result (Debian 12 host, PyInstaller 6.22.3, PySide6 6.11.3, Nov 2026): passed with exactly
# BARE_DEBS; the only library the root lacks is libwayland-cursor0 (and libwayland-egl1),
# for the Wayland platform plugin — every Wayland desktop has them.  PyInstaller bundles the
# xcb libraries, libfontconfig, libglib, libdbus and libxkbcommon from the build machine;
# libGL/libEGL (and glibc) always come from the system.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUNDLE=${1:-dist/reading-room}
ROOT=${RR_BARE_ROOT:-/tmp/rr-bare}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
PYTHON=${PYTHON:-python3}
# Keep in step with README.md ("the offscreen platform used by the tests needs only the first
# six") and docs/installing.md.
BARE_DEBS="libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core"

case "$ROOT" in /|/tmp|"") echo "refusing ROOT=$ROOT" >&2; exit 2;; esac
[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap, chroot and mount need it)" >&2; exit 2; }
[ -x "$BUNDLE/reading-room" ] || { echo "no bundle at $BUNDLE: run 'make dist' first" >&2; exit 2; }

if ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap < /dev/null
fi

if [ ! -x "$ROOT/usr/bin/env" ] || [ ! -e "$ROOT/.rr-bare-debs" ] || [ "$(cat "$ROOT/.rr-bare-debs")" != "$BARE_DEBS" ]; then
  echo "== debootstrap --variant=minbase bookworm $ROOT (+ $BARE_DEBS)"
  if grep -q " $ROOT/" /proc/mounts; then echo "something is mounted under $ROOT: unmount it" >&2; exit 2; fi
  # (re)use the .debs a previous run left in $ROOT/var/cache/apt/archives
  find "$ROOT" -mindepth 1 -maxdepth 1 ! -name var -exec rm -rf {} + 2>/dev/null || true
  debootstrap --variant=minbase --include="${BARE_DEBS// /,}" bookworm "$ROOT" "$MIRROR"
  echo "$BARE_DEBS" > "$ROOT/.rr-bare-debs"
fi
if [ -e "$ROOT/usr/bin/python3" ]; then
  echo "the root has Python: not a bare system" >&2; exit 1
fi

echo "== copy $BUNDLE to $ROOT/opt/reading-room"
rm -rf "$ROOT/opt/reading-room"
mkdir -p "$ROOT/opt"
cp -a "$BUNDLE" "$ROOT/opt/reading-room"

mounted=()
cleanup() {
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" || true; done
}
trap cleanup EXIT
for fs in proc dev; do
  if ! mountpoint -q "$ROOT/$fs"; then
    if [ "$fs" = proc ]; then mount -t proc proc "$ROOT/proc"; else mount --bind /dev "$ROOT/dev"; fi
    mounted+=("$ROOT/$fs")
  fi
done

echo "== libraries the root lacks (ldd inside the root)"
# the bundle finds its own libraries through RPATH $ORIGIN; ldd on one library alone needs them listed
export LIBS=/opt/reading-room/_internal:/opt/reading-room/_internal/PySide6/Qt/lib
missing=$(cd "$ROOT" && find opt/reading-room -type f \( -name '*.so*' -o -name reading-room -o -name reading-room-gui \) \
  -exec sh -c 'chroot "$0" /usr/bin/env LD_LIBRARY_PATH="$LIBS" /usr/bin/ldd "/$1" 2>/dev/null | sed -n "s|^\s*\(\S*\) => not found|\1|p" | sed "s|^|$1: |"' "$ROOT" {} \; | sort -u)
PLUGINS='/(libQt6(WaylandClient|WlShellIntegration|XcbQpa)\.so|platforms/libq(xcb|wayland|eglfs|vkkhrdisplay|linuxfb|vnc|minimalegl)|xcbglintegrations/|egldeviceintegrations/|wayland-[a-z-]+/|platformthemes/|platforminputcontexts/)'
if [ -n "$missing" ]; then
  echo "$missing" | grep -Ev "$PLUGINS" | sed 's/^/  needed: /' || true
  echo "  only for desktop plugins (not offscreen): $(echo "$missing" | grep -E "$PLUGINS" \
    | awk -F': ' '{print $2}' | sort -u | tr '\n' ' ')"
else
  echo "  none"
fi

echo "== smoke test inside the root"
"$PYTHON" packaging/pyinstaller/smoke_test.py --chroot "$ROOT" /opt/reading-room
