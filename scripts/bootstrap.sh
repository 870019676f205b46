#!/bin/sh
# Prepare a fresh Debian/Ubuntu machine for lcplanner: the system libraries Qt needs, then a
# virtual environment in .venv with lcplanner installed (editable).
#   sh scripts/bootstrap.sh        runtime only
#   sh scripts/bootstrap.sh test   also what the tests use (pytest, LibreOffice, poppler, Xvfb,
#                                  PostgreSQL for the tests against a server)
# System packages are installed only when missing, with sudo when not root. When another
# apt-get or an automatic update holds the package manager's lock, apt-get waits for it (up to
# five minutes) instead of failing at once.
set -eu
cd "$(dirname "$0")/.."
mode="${1:-run}"

packages="python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
libenchant-2-2 hunspell-en-gb"
if [ "$mode" = "test" ]; then
  packages="$packages poppler-utils xvfb libreoffice-writer-nogui postgresql"
fi

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $packages; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "Installing system packages:$missing"
    wait_lock="-o DPkg::Lock::Timeout=300"
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get $wait_lock update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get $wait_lock install -y -qq \
      --no-install-recommends $missing
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = "test" ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "Ready. Run the tests with: .venv/bin/python -m pytest"
else
  .venv/bin/python -m pip install -q -e .
  echo "Ready. Start the editor with: .venv/bin/lcplanner"
fi
