"""shared/API.md "Access to objects" for calls, against the real server: "After-call work and
call flags: the call's agent (a supervisor may flag any call)". Role × action × call: agent1's
own call, agent2 on agent1's call (both were 200 before issue 14's stage 2), a supervisor, a
reviewer and the auditor; a refused call changes nothing."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from conftest import Api, assert_problem

from app.domain.enums import EntityKind
from app.domain.wire import format_time
from server import storage
from server.runner import RunningServer

USERS = ("agent1", "agent2", "supervisor1", "reviewer1", "auditor1")
ALLOWED = {
    "after-call-work": {"agent1"},
    "flag": {"agent1", "supervisor1"},
}
BODIES = {
    "after-call-work": {"summary": "한도 문의 안내", "disposition": "info_provided"},
    "flag": {"reason": "negative_sentiment", "note": "항의"},
}
_n = itertools.count(1)


def new_call(server: RunningServer, clock) -> dict:
    """A connected call of agent1, written straight into the server's store."""
    now = clock()
    call = {
        "id": f"CALL-M-{next(_n):03d}",
        "queue": "general",
        "flow": "general",
        "state": "connected",
        "customer": {"name": "정", "tier": "general"},
        "agent_id": "u_agent1",
        "started_at": format_time(now - timedelta(minutes=3)),
        "connected_at": format_time(now - timedelta(minutes=2)),
    }
    with server.app.state.db.session() as s:
        stored = storage.put(s, EntityKind.CALL, call, actor="system", now=now)
        s.commit()
    return stored


@pytest.mark.parametrize(
    ("action", "user"), [(a, u) for a in ALLOWED for u in USERS], ids=lambda v: str(v)
)
def test_cell(api: Api, server: RunningServer, clock, action: str, user: str) -> None:
    call = new_call(server, clock)
    r = api.post(f"/calls/{call['id']}/{action}", BODIES[action], user)
    if user in ALLOWED[action]:
        assert r.status_code == 200, r.text
        assert r.json()["data"]["id"] == call["id"]
        return
    assert_problem(r, 403, "forbidden")
    now = api.get(f"/calls/{call['id']}", "auditor1").json()
    assert (now["version"], now["state"], now.get("disposition") or "") == (
        call["version"],
        "connected",
        "",
    )


def test_agent2_on_agent1s_call_is_refused_with_the_reason(api: Api, server, clock) -> None:
    call = new_call(server, clock)
    r = api.post(f"/calls/{call['id']}/after-call-work", BODIES["after-call-work"], "agent2")
    problem = assert_problem(r, 403, "forbidden")
    assert "다른 상담원" in problem["detail"] or "another agent" in problem["detail"]
    assert "u_agent1" not in problem["detail"]  # the reason, without a raw user id
    r = api.post(f"/calls/{call['id']}/after-call-work", BODIES["after-call-work"], "agent1")
    assert r.status_code == 200 and r.json()["data"]["state"] == "ended"
