"""PostgreSQL round trips per mutation through the real server (issue 15's benchmark target).

Each mutation's latency on PostgreSQL is mostly waiting on the database, one round trip after
another; their number is deterministic, so it is checked here (the time they take lives in
``benchmarks/``). A ``comment`` and an ``approve`` go through the reference server on a fresh
database of the throwaway cluster; the counter (tests/integration/pg_round_trips.py) counts every
statement, BEGIN, COMMIT, ROLLBACK and pool pre-ping of the request threads (the same numbers
as PostgreSQL's own ``log_statement = 'all'`` showed when this was written).
"""

from __future__ import annotations

import psycopg
import pytest
from own_server import fresh_pg_database, own_server
from sqlalchemy import select
from sqlalchemy.engine import make_url
from test_server_tasks import APPROVE

from server import storage
from server.storage import ServerDB
from tests.integration.pg import pg_bindir
from tests.integration.pg_round_trips import RoundTrips

pytestmark = pytest.mark.skipif(pg_bindir() is None, reason="PostgreSQL is not installed")

# Upper bounds: the counts when written (before: comment 23, approve 25; benchmarks/README.md,
# issue 15). Floor of either: 8 (benchmarks/instances.py). Without the global writer lock
# (server/feed_seq.py) the counts stayed 13 and 14: the writer lock rode in the key claim's
# statement. With the audit chaining deferred (server/audit_chainer.py) the head read
# ``FOR UPDATE`` and the append + sign statement(s) left the mutation for one insert of its
# pending events: 12 and 12.
COMMENT_MAX = 12
APPROVE_MAX = 12
FEED_LOCK = 724_001  # the global writer lock every mutation took before (now schema creation only)


def _count(server, api, path: str, body: dict, *, cached_token: bool = True) -> RoundTrips:
    api.token("reviewer1")
    api.get("/me", "reviewer1")  # a kept-alive connection, a warm pool
    if not cached_token:  # as once per token_cache_s: the token is checked in the database
        server.app.state.known_tokens.clear()
    counter = RoundTrips(server.app.state.db.engine)
    with counter.installed():
        r = api.post(path, body, "reviewer1")
        assert r.status_code == 200, r.text
    return counter


def test_round_trips_per_mutation(tmp_path, pg_url) -> None:
    with own_server("postgresql", tmp_path, pg_url) as (server, _clock, api):
        _case, task = api.new_case(amount=10_000_000)
        api.post(f"/tasks/{task['id']}/actions/comment", {"body": "warm"}, "reviewer1")
        path = f"/tasks/{task['id']}/actions/comment"
        comment = _count(server, api, path, {"body": "확인"})
        checked = _count(server, api, path, {"body": "토큰"}, cached_token=False)
        approve = _count(server, api, f"/tasks/{task['id']}/actions/approve", APPROVE)
    assert comment.total <= COMMENT_MAX, comment.statements
    assert approve.total <= APPROVE_MAX, approve.statements
    # the token check is one autocommit statement (no BEGIN / ROLLBACK around it)
    assert checked.total == comment.total + 1, checked.statements
    assert any("FROM tokens" in s for s in checked.statements), checked.statements
    for counter in (comment, approve):  # a warm pool: no ping; one write transaction
        assert counter.counts["ping"] == 0, counter.counts
        assert counter.counts["begin"] == counter.counts["commit"] == 1, counter.counts
        _locks_are_short(counter.statements)


def _locks_are_short(statements: list[str]) -> None:
    """No lock shared by every mutation is held across the mutation's work: the global writer
    lock is gone, and the audit chain's lock (its signed head row) is not taken at all — the
    mutation's events go to ``audit_pending`` in one statement after its last entity write, and
    the chainer chains them after the COMMIT; only the change event follows."""
    assert not any(f"({FEED_LOCK})" in s or "pg_advisory_xact_lock(%(f)s)" in s
                   for s in statements), statements  # fmt: skip
    assert not any("audit_anchor" in s or "INTO audit " in s for s in statements), statements
    pending = [i for i, s in enumerate(statements) if s.startswith("INSERT INTO audit_pending")]
    writes = [i for i, s in enumerate(statements) if "UPDATE entities" in s]
    assert len(pending) == 1 and writes and pending[0] > max(writes), statements
    tail = statements[pending[0] + 1 :]
    assert all(s.startswith(("WITH held", "COMMIT")) for s in tail), tail


def test_connection_dropped_while_idle_is_replaced(pg_url, monkeypatch) -> None:
    """No ping per checkout, but a pooled connection idle ``IDLE_PING_S`` is pinged first: one
    the database dropped meanwhile (a restart, an idle timeout) is replaced, not handed out."""
    url = fresh_pg_database(pg_url)
    db = ServerDB(url)
    try:
        with db.read() as s:
            assert s.execute(select(1)).scalar() == 1
        libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(libpq, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        assert killed >= 1  # the pooled connection is dead now
        monkeypatch.setattr(storage, "IDLE_PING_S", 0.0)  # as if it sat idle long enough
        counter = RoundTrips(db.engine)
        with counter.installed(), db.read() as s:
            assert s.execute(select(1)).scalar() == 1
        assert counter.counts["ping"] >= 1, counter.counts
    finally:
        db.dispose()
