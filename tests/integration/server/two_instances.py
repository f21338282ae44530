"""Two ``reviewer-server`` subprocesses over one fresh PostgreSQL database (the README recipe,
``test_instances.start_instance``), signing the audit chain with one key, with tokens of the
given users; shared by the tests of the feed and of the audit chain across instances."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from conftest import START, seed
from test_instances import Instance, start_instance

from server import audit_anchor
from server.storage import ServerDB
from tests.integration.pg import fresh_pg_database


@contextmanager
def two_instances(
    pg_url: str, tmp: Path, label: str, users: tuple[str, ...]
) -> Iterator[tuple[ServerDB, list[Instance], dict[str, str], httpx.Client]]:
    """(the database as this process sees it — no app, so no chainer of its own —, the two
    instances, a token per user, an HTTP client); everything stopped and put back afterwards."""
    url = fresh_pg_database(pg_url)
    saved = os.environ.get(audit_anchor.KEY_ENV)
    os.environ[audit_anchor.KEY_ENV] = os.urandom(32).hex()  # both instances and this process
    audit_anchor.configure(url)
    db = ServerDB(url)
    seed(db, START)
    instances = [start_instance(f"rws-{label}-{n}", url, tmp) for n in ("A", "B")]
    http = httpx.Client(timeout=60)
    try:
        tokens = {
            u: http.post(
                f"{instances[0].url}/v1/auth/token", json={"username": u, "password": "demo"}
            ).json()["access_token"]
            for u in users
        }
        yield db, instances, tokens, http
    finally:
        http.close()
        for inst in instances:
            if inst.proc.poll() is None:
                inst.proc.send_signal(signal.SIGTERM)
                try:
                    inst.proc.wait(15)
                except Exception:
                    inst.proc.kill()
        db.dispose()
        if saved is None:
            os.environ.pop(audit_anchor.KEY_ENV, None)
        else:
            os.environ[audit_anchor.KEY_ENV] = saved
