"""File modes of the server's own files: the SQLite database and its ``-wal`` / ``-shm`` files
0600, their directory 0700 unless shared — the workstation's rule, ``app.file_modes``."""

from __future__ import annotations

from pathlib import Path

from app.file_modes import secure_dir as secure_dir  # re-exported for audit_anchor
from app.file_modes import secure_file


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///path`` URL (None for PostgreSQL or an in-memory database)."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def secure_sqlite(url: str) -> None:
    """Before SQLite opens ``url``: the file exists with mode 0600, its directory 0700 (unless
    shared), and side files left by earlier runs are 0600 too."""
    path = sqlite_path(url)
    if path is not None:
        secure_file(path)
