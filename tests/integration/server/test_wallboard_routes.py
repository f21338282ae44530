"""The wallboard's figures from the real server: today's abandon rate in the queue stats, every
agent's state and since when (GET /ops/agents), which reads the one agent-state model: an agent
choosing Break through POST /agents/me/state (kept on the user entity) shows on the board."""

from __future__ import annotations

import uuid
from datetime import timedelta

from conftest import Api, assert_problem

from app.domain.enums import EntityKind
from app.domain.wire import format_time, parse_time
from server import storage


def _put_call(db, now, state: str, *, ring_s: int, answered: bool, agent: str | None = None):
    started = now - timedelta(minutes=10)
    data = {
        "id": f"CALL-WB-{uuid.uuid4().hex[:8]}",
        "queue": "general",
        "flow": "general",
        "state": state,
        "customer": {"name": "정", "tier": "general"},
        "agent_id": agent,
        "started_at": format_time(started),
    }
    if answered:
        data["connected_at"] = format_time(started + timedelta(seconds=ring_s))
    if state == "ended":
        data["ended_at"] = format_time(
            started + timedelta(seconds=ring_s + (120 if answered else 0))
        )
    with db.session() as s:
        storage.put(s, EntityKind.CALL, data, actor="system", now=now)
        s.commit()
    return data


def test_abandon_rate_counts_todays_hang_ups(api: Api, db, clock):
    before = api.get("/queues/general/stats", "supervisor1").json()["abandon_rate"]
    now = clock()
    _put_call(db, now, "ended", ring_s=40, answered=False)  # abandoned after 40 s
    _put_call(db, now, "ended", ring_s=2, answered=False)  # a 2 s misdial: not counted
    _put_call(db, now, "ended", ring_s=10, answered=True, agent="u_agent2")
    after = api.get("/queues/general/stats", "supervisor1").json()["abandon_rate"]
    assert after["abandoned"] == before["abandoned"] + 1
    assert after["offered"] == before["offered"] + 2
    assert after["percent"] == round(100 * after["abandoned"] / after["offered"], 1)
    assert after["short_abandon_s"] == 5


def test_agent_board_states_and_break(api: Api, clock):
    r = api.post("/agents/me/state", {"state": "break"}, "agent2")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["agent_state"] == "break"
    board = api.get("/ops/agents", "supervisor1").json()
    rows = {row["user_id"]: row for row in board["agents"]}
    assert set(rows) == {"u_agent1", "u_agent2"}  # every agent, nobody else
    assert rows["u_agent2"]["state"] == "break"
    assert parse_time(rows["u_agent2"]["since"]) == clock()
    assert rows["u_agent2"]["display_name"] == "Agent2"
    live = api.get("/calls", "supervisor1", params={"state": "live"}).json()
    on_call = {c["agent_id"] for c in live if c["state"] == "connected"}
    if "u_agent1" in on_call:  # the seeded connected call
        assert rows["u_agent1"]["state"] == "on_call"
        assert rows["u_agent1"]["contact_id"] and rows["u_agent1"]["queue_id"] == "general"
    order = ["on_call", "after_call_work", "available", "break", "offline"]
    states = [row["state"] for row in board["agents"]]
    assert states == sorted(states, key=order.index)  # busy first, offline last
    back = api.post("/agents/me/state", {"state": "available"}, "agent2")
    assert back.status_code == 200
    rows = {row["user_id"]: row for row in api.get("/ops/agents", "supervisor1").json()["agents"]}
    assert rows["u_agent2"]["state"] in ("available", "on_call", "after_call_work")


def test_agent_board_is_guarded_and_the_old_status_route_is_gone(api: Api):
    assert_problem(api.get("/ops/agents", "agent1"), 403)
    # one agent-state model: POST /agents/me/state (the wall's own /agents/me/status is gone)
    assert api.post("/agents/me/status", {"state": "break"}, "agent2").status_code in (404, 405)
