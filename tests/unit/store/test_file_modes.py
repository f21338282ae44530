"""The local store is for its owner only: data directory 0700, the store and its WAL / SHM files
0600 — new files and files left 0644 by older versions; the server's SQLite file and audit key
likewise. Real files, a permissive umask (022)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_store_directory_and_wal_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "workstation.sqlite3"
    with Store.open(path) as store, store.transaction() as s:
        s.connection().exec_driver_sql("create table if not exists probe (x)")
        s.connection().exec_driver_sql("insert into probe values (1)")
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    for side in ("-wal", "-shm"):
        side_file = path.with_name(path.name + side)
        if side_file.exists():  # WAL mode: present while open, may be checkpointed away at close
            assert _mode(side_file) == 0o600


def test_wal_and_shm_are_private_while_the_store_is_open(tmp_path: Path) -> None:
    path = tmp_path / "d" / "workstation.sqlite3"
    store = Store.open(path)
    try:
        with store.transaction() as s:
            s.connection().exec_driver_sql("create table probe (x)")
        with store.session() as s:  # a reader keeps the WAL and SHM files in place
            s.connection().exec_driver_sql("select * from probe").fetchall()
            wal, shm = (path.with_name(path.name + x) for x in ("-wal", "-shm"))
            assert wal.exists() and shm.exists()
            assert _mode(wal) == 0o600 and _mode(shm) == 0o600
    finally:
        store.close()


def test_files_of_an_older_version_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "old"
    data.mkdir(mode=0o755)
    path = data / "workstation.sqlite3"
    Store.open(path).close()
    path.chmod(0o644)
    data.chmod(0o755)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"")
    wal.chmod(0o644)
    Store.open(path).close()
    assert _mode(data) == 0o700 and _mode(path) == 0o600
    if wal.exists():
        assert _mode(wal) == 0o600


def test_server_database_and_audit_key_are_private(tmp_path: Path) -> None:
    from server.audit_anchor import read_or_create_key
    from server.storage import ServerDB

    db = ServerDB(f"sqlite:///{tmp_path / 'srv' / 'server.db'}")
    try:
        with db.session() as s:
            s.connection().exec_driver_sql("select 1")
        assert _mode(tmp_path / "srv") == 0o700
        assert _mode(tmp_path / "srv" / "server.db") == 0o600
        for side in ("-wal", "-shm"):
            side_file = tmp_path / "srv" / f"server.db{side}"
            assert side_file.exists() and _mode(side_file) == 0o600
    finally:
        db.dispose()
    key = tmp_path / "keys" / "audit.key"
    first = read_or_create_key(key)
    assert len(first) == 32 and _mode(key) == 0o600 and _mode(key.parent) == 0o700
    key.chmod(0o644)
    assert read_or_create_key(key) == first and _mode(key) == 0o600


def test_a_shared_directory_is_never_tightened(tmp_path) -> None:
    """A database put straight into a shared directory (``/tmp``: sticky, world-writable) gets
    its own file 0600, but the directory keeps its mode: 0700 would lock every other user and
    program out of it (PostgreSQL's initdb failed on a /tmp made 0700)."""
    import stat

    from app.file_modes import secure_file

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    secure_file(shared / "server.db")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "server.db").stat().st_mode) == 0o600
    private = tmp_path / "private"
    private.mkdir(mode=0o755)
    private.chmod(0o755)
    secure_file(private / "server.db")
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
