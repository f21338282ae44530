"""Where the store lives by default, and its file modes. Kept apart from ``app.store.store`` so
that the app can find its data directory before it imports SQLAlchemy (the login dialog shows
first).

The data directory is 0700 and the store file 0600 for its owner only (customer data), by the
one rule of ``app.file_modes``."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app.file_modes import secure_file

APP_NAME = "reviewer-workstation"
DB_FILE = "workstation.sqlite3"


def default_data_dir() -> Path:
    """``$RWS_DATA_DIR`` if set, else the platform's user data directory for the app."""
    override = os.environ.get("RWS_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


secure_db_file = (
    secure_file  # the store and its side files 0600, its directory 0700 (app.file_modes)
)
