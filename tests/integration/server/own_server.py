"""A reference server of the test's own (its own database, clock and audit key), on SQLite or on
a fresh database of the session's throwaway PostgreSQL cluster — for tests that change what the
shared contract server must keep (revoked tokens, throttled logins, a tampered audit chain)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import START, Api, Clock, seed

from server import audit_anchor
from server.config import ServerConfig
from server.runner import RunningServer, start_server
from server.storage import ServerDB
from tests.integration.pg import fresh_pg_database


@contextmanager
def own_server(
    backend: str, tmp: Path, pg_url: str | None, **config: Any
) -> Iterator[tuple[RunningServer, Clock, Api]]:
    if backend == "postgresql":
        assert pg_url, "PostgreSQL binaries exist but the cluster did not start"
        url = fresh_pg_database(pg_url)
    else:
        url = f"sqlite:///{tmp / 'own.db'}"
    clock = Clock(START)
    key_file = str(tmp / "audit.key")
    audit_anchor.configure(url, key_file)  # the seeding below signs with the server's key
    seeded = ServerDB(url)
    seed(seeded, clock())
    seeded.dispose()
    running = start_server(
        ServerConfig(db_url=url, port=0, clock=clock, audit_key_file=key_file, **config)
    )
    api = Api(running.url)
    try:
        yield running, clock, api
    finally:
        api.http.close()
        running.stop()
