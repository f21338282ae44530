"""Where the store lives by default. Kept apart from ``app.store.store`` so that the app can
find its data directory before it imports SQLAlchemy (the login dialog shows first)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reviewer-workstation"
DB_FILE = "workstation.sqlite3"


def default_data_dir() -> Path:
    """``$RWS_DATA_DIR`` if set, else the platform's user data directory for the app."""
    override = os.environ.get("RWS_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
