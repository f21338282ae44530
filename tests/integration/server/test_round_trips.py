"""PostgreSQL round trips per mutation through the real server (issue 15's benchmark target).

Each mutation's latency on PostgreSQL is mostly waiting on the database, one round trip after
another; their number is deterministic, so it is checked here (the time they take lives in
``benchmarks/``). A ``comment`` and an ``approve`` go through the reference server on a fresh
database of the throwaway cluster; the counter (tests/integration/pg_round_trips.py) counts every
statement, BEGIN, COMMIT, ROLLBACK and pool pre-ping of the request threads.
"""

from __future__ import annotations

import pytest
from own_server import own_server
from test_server_tasks import APPROVE

from tests.integration.pg import pg_bindir
from tests.integration.pg_round_trips import RoundTrips

pytestmark = pytest.mark.skipif(pg_bindir() is None, reason="PostgreSQL is not installed")

# Upper bounds (the counts measured when written, see benchmarks/README.md issue 15).
COMMENT_MAX = 19
APPROVE_MAX = 21


def _count(server, api, path: str, body: dict) -> RoundTrips:
    api.token("reviewer1")
    api.get("/me", "reviewer1")  # a kept-alive connection, a warm pool
    counter = RoundTrips(server.app.state.db.engine)
    with counter.installed():
        r = api.post(path, body, "reviewer1")
        assert r.status_code == 200, r.text
    return counter


def test_round_trips_per_mutation(tmp_path, pg_url) -> None:
    with own_server("postgresql", tmp_path, pg_url) as (server, _clock, api):
        _case, task = api.new_case(amount=10_000_000)
        api.post(f"/tasks/{task['id']}/actions/comment", {"body": "warm"}, "reviewer1")
        comment = _count(server, api, f"/tasks/{task['id']}/actions/comment", {"body": "확인"})
        approve = _count(server, api, f"/tasks/{task['id']}/actions/approve", APPROVE)
    for name, c in (("comment", comment), ("approve", approve)):
        print(name, c.total, dict(c.counts))
        for s in c.statements:
            print("   ", s)
    assert comment.total <= COMMENT_MAX, comment.statements
    assert approve.total <= APPROVE_MAX, approve.statements
