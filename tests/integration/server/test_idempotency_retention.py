"""Idempotency rows are purged after the retention period (24 h by default), by a cheap step
after mutations, on the server's injected clock; stale login-throttle rows go with them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from conftest import BACKENDS
from own_server import own_server
from sqlalchemy import select

from server import tables as t


@pytest.fixture(params=BACKENDS)
def own(request: pytest.FixtureRequest, tmp_path: pytest.TempPathFactory) -> Iterator:
    pg = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with own_server(request.param, tmp_path, pg, token_ttl_s=7 * 24 * 3600) as found:
        yield found


def _keys(db) -> set[str]:
    with db.read() as s:
        return set(s.execute(select(t.idempotency.c.key)).scalars())


def _throttle_rows(db) -> int:
    with db.read() as s:
        return len(s.execute(select(t.login_throttle.c.key)).all())


def _case(api, key: str, decision: str = "D-ret") -> int:
    body = {
        "decision_id": f"{decision}-{uuid.uuid4().hex[:6]}",
        "priority": "p3",
        "queue_id": "credit_review",
        "customer": {"customer_id": "CU-9", "name": "정"},
        "application": {"amount": 1_000_000},
    }
    return api.post("/cases", body, "admin1", key=key).status_code


def test_rows_older_than_the_retention_are_purged(own) -> None:
    server, clock, api = own
    db = server.app.state.db
    assert server.app.state.config.idempotency_retention_s == 24 * 3600
    first = str(uuid.uuid4())
    assert _case(api, first) == 200  # T0 (the first mutation starts the purge interval)
    r = api.http.post("/auth/token", json={"username": "qa1", "password": "wrong"})
    assert r.status_code == 401 and _throttle_rows(db) == 2  # the user's and the address's
    clock.advance(hours=23)
    second = str(uuid.uuid4())
    assert _case(api, second) == 200  # purge runs: nothing is 24 h old yet
    assert {first, second} <= _keys(db)
    clock.advance(hours=2)
    third = str(uuid.uuid4())
    assert _case(api, third) == 200  # T0 + 25 h: the first key is past the retention
    keys = _keys(db)
    assert first not in keys and {second, third} <= keys
    assert _throttle_rows(db) == 0
    # the purged key is a new key again (not 422 "reused with another body")
    assert _case(api, first, "D-other") == 200
    replay = api.post("/cases", {"decision_id": "x"}, "admin1", key=second)
    assert replay.status_code == 422 and replay.json()["code"] == "idempotency_key_reused"
