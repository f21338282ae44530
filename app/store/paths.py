"""Where the store lives by default, and its file modes. Kept apart from ``app.store.store`` so
that the app can find its data directory before it imports SQLAlchemy (the login dialog shows
first).

The data directory is 0700 and the store file 0600 for its owner only (customer data). SQLite
creates the ``-wal`` / ``-shm`` / ``-journal`` files with the mode of the database file, so the
file is created 0600 before SQLite opens it; files left 0644 by older versions are tightened."""

from __future__ import annotations

import os
import stat
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


SIDE_FILES = ("-wal", "-shm", "-journal")


def secure_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if needed; ``path`` itself is made 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)


def secure_db_file(path: Path) -> None:
    """The SQLite file (created empty if missing) and its side files: mode 0600."""
    secure_dir(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != 0o600:
                candidate.chmod(0o600)
        except FileNotFoundError:
            continue
