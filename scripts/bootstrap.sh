#!/usr/bin/env bash
# Create .venv and install the project with every extra, from pyproject.toml.
# Idempotent: re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# Qt's offscreen and xcb (a real X display) platforms need system libraries that a bare Debian
# lacks; xcb-cursor is loaded at run time (Qt aborts without it), so ldd alone does not list it.
# tests/unit/test_bootstrap_xcb.py checks that the xcb platform plugin finds every library.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=""
  for lib in libEGL.so.1 libfontconfig.so.1 libxkbcommon.so.0 libGL.so.1 libdbus-1.so.3 \
    libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 \
    libxcb-render-util.so.0 libxkbcommon-x11.so.0 libxcb-xinerama.so.0; do
    ldconfig -p | grep -q "$lib" || need=1
  done
  if [ -n "$need" ]; then
    echo "bootstrap: installing Qt's system libraries (apt)…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libegl1 libgl1 libfontconfig1 \
      libxkbcommon0 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
      libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 \
      libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-util1 >/dev/null
  fi
  # PostgreSQL server binaries: the contract tests also run against a throwaway cluster.
  # Best effort: without them the suite runs against SQLite only and says so.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "bootstrap: installing PostgreSQL for the contract tests (apt)…"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
      >/dev/null 2>&1 || echo "bootstrap: PostgreSQL not installed; contract tests use SQLite only"
  fi
  # AT-SPI, the interface Linux screen readers use, and Xvfb + xdotool: one test walks a page
  # as a screen reader would (tests/qt/test_atspi_walk.py). Best effort: without them it skips.
  if ! /usr/bin/python3 -c "import pyatspi" >/dev/null 2>&1 || ! command -v Xvfb >/dev/null \
    || ! command -v xdotool >/dev/null || ! command -v dbus-run-session >/dev/null; then
    echo "bootstrap: installing AT-SPI, Xvfb and xdotool for the screen-reader test (apt)…"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq at-spi2-core \
      python3-pyatspi xvfb xdotool dbus; } >/dev/null 2>&1 \
      || echo "bootstrap: AT-SPI not installed; the screen-reader walk test is skipped"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $($PY --version)…"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing the project and its pinned dependencies…"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[server,postgres,dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
