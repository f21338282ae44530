"""The Store: an SQLAlchemy engine over one SQLite file, and its sessions.

SQLite runs in WAL mode with foreign keys on, ``synchronous=NORMAL`` and a busy timeout, set on
every connection. Connections may move between threads (``check_same_thread=False``, a queue
pool): one worker thread writes, the UI thread reads with short indexed queries. Transactions
start with an explicit ``BEGIN`` (the pysqlite driver's own implicit transactions are off), so a
``transaction()`` block is atomic, reads included.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.store import changes
from app.store.paths import APP_NAME as APP_NAME  # re-exported: the defaults live there
from app.store.paths import DB_FILE as DB_FILE
from app.store.paths import default_data_dir as default_data_dir
from app.store.paths import secure_db_file
from app.store.schema import OnStep, pending_steps, upgrade
from app.store.types import dumps

BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    return default_data_dir() / DB_FILE


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(path: Path | str) -> Engine:
    """An engine over the SQLite file at ``path`` with the pragmas above."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        json_serializer=dumps,
        json_deserializer=json.loads,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Store:
    """The local store. Open with :meth:`open`; close with :meth:`close`."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path | str | None = None, on_step: OnStep | None = None) -> Store:
        """Open (creating or upgrading) the store file; default :func:`default_db_path`.
        ``on_step(done, total, name)`` is called before each upgrade step
        (:func:`app.store.schema.upgrade`); a failed step leaves the file as it was."""
        db_path = Path(path) if path is not None else default_db_path()
        secure_db_file(db_path)  # data directory 0700, store and its WAL / SHM files 0600
        engine = make_engine(db_path)
        try:
            upgrade(engine, on_step=on_step)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, db_path)

    @staticmethod
    def pending_steps(path: Path | str) -> list[str]:
        """The upgrade steps the file at ``path`` still needs (:func:`app.store.schema.
        pending_steps`); empty when there is no file yet. Reads, changes nothing."""
        db_path = Path(path)
        if not db_path.exists():
            return []
        secure_db_file(db_path)
        engine = make_engine(db_path)
        try:
            return pending_steps(engine)
        finally:
            engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reads (or for a caller managing its own transactions)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error; what
        it wrote is then announced to ``app.store.changes.collecting`` blocks of this thread."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except BaseException:
                changes.discard(session)
                raise
            changes.committed(session)  # announce only what was committed

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
