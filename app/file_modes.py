"""Owner-only file modes for files that hold customer data or secrets: the workstation's store,
the server's SQLite database, the audit key. One rule for the workstation and the server.

A file is created 0600 before SQLite opens it (SQLite gives its ``-wal`` / ``-shm`` /
``-journal`` files the database file's mode); files left 0644 by older versions are tightened.
Its directory is made 0700 when we create it, or when it is a private directory of ours. A
shared directory is never touched: one with the sticky bit (``/tmp``), one owned by someone
else, the home directory or ``/`` — tightening those would lock other users and programs out
(PostgreSQL's ``initdb`` could no longer reach ``/tmp``), and the file's own 0600 protects it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")


def _shared(path: Path) -> bool:
    st = path.stat()
    if st.st_mode & stat.S_ISVTX or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return True
    resolved = path.resolve()
    return resolved in (Path.home().resolve(), Path(resolved.anchor))


def secure_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if needed; ``path`` itself 0700 unless it is shared."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "posix" or _shared(path):
        return
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)


def secure_file(path: Path) -> None:
    """``path`` (created empty if missing) and its SQLite side files: mode 0600; its directory
    as :func:`secure_dir` says."""
    secure_dir(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if os.name != "posix":
        return
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != 0o600:
                candidate.chmod(0o600)
        except FileNotFoundError:
            continue
