#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Layan needs that pip cannot bring: Qt's runtime libraries,
# Xvfb (for real-window screenshots in tests) and PostgreSQL (server tests); with --test also Chromium
# and its driver (the centre's web pages in a real browser, tests/web) and xdotool (a real mouse wheel under
# Xvfb, tests/ui/test_no_surprises.py), which the app never needs.
# Quiet when all are present.
set -euo pipefail
PKGS=(libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
      libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libnss3 fonts-dejavu-core
      xvfb xauth postgresql)
[ "${1:-}" = "--test" ] && PKGS+=(chromium chromium-driver xdotool)
command -v dpkg >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt 6 runtime libraries yourself" >&2; exit 0; }
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
