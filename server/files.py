"""File modes of the server's own files: the SQLite database and its ``-wal`` / ``-shm`` files
0600, their directory 0700 (the same rule as the workstation's store, app/store/paths.py, which
the server may not import). SQLite creates its side files with the database file's mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///path`` URL (None for PostgreSQL or an in-memory database)."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def secure_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)


def secure_sqlite(url: str) -> None:
    """Before SQLite opens ``url``: the file exists with mode 0600, its directory 0700, and side
    files left by earlier runs are 0600 too."""
    path = sqlite_path(url)
    if path is None:
        return
    secure_dir(path.resolve().parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != 0o600:
                candidate.chmod(0o600)
        except FileNotFoundError:
            continue
