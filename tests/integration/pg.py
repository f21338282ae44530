"""A throwaway PostgreSQL cluster for the contract tests, when Debian's postgresql is installed.

``initdb`` into a temporary directory, ``pg_ctl start`` on a free loopback port with trust auth,
one database; stopped at teardown. As root the cluster runs as the ``postgres`` user (PostgreSQL
refuses to run as root). Returns None when no PostgreSQL binaries are on the machine, so the
suite still runs everywhere; scripts/bootstrap.sh installs them on Debian.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextmanager
def postgres_cluster() -> Iterator[str | None]:
    """Yield a SQLAlchemy URL of a fresh database, or None when PostgreSQL is not installed."""
    bindir = pg_bindir()
    if bindir is None or (os.geteuid() == 0 and not shutil.which("runuser")):
        yield None
        return
    # Its own directory under /tmp: pytest's tmp dirs are private to root (0700), and the
    # cluster's user must be able to reach its data directory.
    workdir = Path(tempfile.mkdtemp(prefix="rws-pg-"))
    workdir.chmod(0o755)
    data = workdir / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(data, "postgres")
    port = _free_port()
    run = lambda cmd: subprocess.run(  # noqa: E731
        _as_pg_user(cmd), check=True, capture_output=True, text=True, timeout=120
    )
    run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"])
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-w",
            "-l",
            str(data / "log"),
            "start",
        ]
    )
    try:
        run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "rws"])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/rws"
    finally:
        subprocess.run(
            _as_pg_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_pg_database(pg_url: str) -> str:
    """A new empty database in the cluster of ``pg_url``; returns its URL."""
    name = "t_" + uuid.uuid4().hex[:12]
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return pg_url.rsplit("/", 1)[0] + "/" + name
