#!/usr/bin/env bash
# Create .venv and install the project with every extra, from pyproject.toml.
# Idempotent: re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# Qt's offscreen and xcb platforms need a few system libraries that a bare Debian lacks.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=""
  for lib in libEGL.so.1 libfontconfig.so.1 libxkbcommon.so.0 libGL.so.1 libdbus-1.so.3; do
    ldconfig -p | grep -q "$lib" || need=1
  done
  if [ -n "$need" ]; then
    echo "bootstrap: installing Qt's system libraries (apt)…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libegl1 libgl1 libfontconfig1 \
      libxkbcommon0 libdbus-1-3 libglib2.0-0 >/dev/null
  fi
  # PostgreSQL server binaries: the contract tests also run against a throwaway cluster.
  # Best effort: without them the suite runs against SQLite only and says so.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "bootstrap: installing PostgreSQL for the contract tests (apt)…"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
      >/dev/null 2>&1 || echo "bootstrap: PostgreSQL not installed; contract tests use SQLite only"
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
