"""The agent's chosen state on the real server (``POST /v1/agents/me/state``, the rule in
app.rules.agent_state): the call simulator does not connect a call to an agent on Break — the
call keeps ringing in its queue — and connects it once the agent is Available again; the choice
is refused during a call, for a system state and for a non-agent; the queue stats count the
agent on Break as logged in but not available."""

from __future__ import annotations

import threading
import uuid

import httpx

from server import storage
from server.simulator import CallSimulator
from tests.integration.live.calls import msp_script, stored_call, wait_until

AGENT = "u_agent1"


def _choose(url: str, token: str, state: str) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/agents/me/state",
        json={"state": state},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=30,
    )


def _login(url: str, username: str) -> str:
    r = httpx.post(
        f"{url}/v1/auth/token", json={"username": username, "password": "demo"}, timeout=30
    )
    r.raise_for_status()
    return r.json()["access_token"]


def _metrics(url: str, token: str, queue: str) -> dict:
    r = httpx.get(
        f"{url}/v1/queues/{queue}/stats",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return r.json()["metrics"]


def test_routing_skips_an_agent_on_break(live_server, token, clock) -> None:
    app, url = live_server.app, live_server.url
    r = _choose(url, token, "break")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["agent_state"] == "break"
    sim = CallSimulator(
        app.state.db, app.state.bus, [msp_script()], speed=400, clock=clock, ring_s=0, acw_s=10**6
    )
    assert not sim.agent_may_take(AGENT)
    worker = threading.Thread(target=sim.run_call, args=(msp_script(), AGENT, "call_break_1"))
    worker.start()
    try:
        wait_until(lambda: stored_call(app.state.db, "call_break_1").get("state") == "ringing")
        worker.join(1.0)  # ~400 simulated seconds: the call would long be connected
        call = stored_call(app.state.db, "call_break_1")
        assert call["state"] == "ringing" and not call.get("agent_id")
        assert _choose(url, token, "available").status_code == 200
        wait_until(lambda: stored_call(app.state.db, "call_break_1").get("agent_id") == AGENT)
        # the wrap-up holds (its limit is far away): no state may be chosen now
        wait_until(lambda: stored_call(app.state.db, "call_break_1").get("state") == "acw")
        refused = _choose(url, token, "offline")
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "invalid_transition"
        with app.state.db.session() as s:
            assert storage.get(s, "user", AGENT)["agent_state"] == "available"
    finally:
        sim.stop()
        worker.join(5)


def test_queue_stats_count_break_and_offline(live_server, token, clock) -> None:
    app, url = live_server.app, live_server.url
    with app.state.db.session() as s:
        storage.create_user(s, "sup9", "demo", "슈퍼바이저", ["supervisor"], [], now=clock())
        storage.put(
            s, "queue", {"id": "general", "name": "일반", "kind": "call"}, actor="t", now=clock()
        )
        s.commit()
    sup = _login(url, "sup9")
    before = _metrics(url, sup, "general")
    assert (before["AGENTS_ONLINE"], before["AGENTS_AVAILABLE"]) == (1, 1)
    assert _choose(url, token, "break").status_code == 200
    resting = _metrics(url, sup, "general")
    assert (resting["AGENTS_ONLINE"], resting["AGENTS_AVAILABLE"]) == (1, 0)
    assert resting["AGENTS_NON_PRODUCTIVE"] == 1
    assert _choose(url, token, "offline").status_code == 200
    gone = _metrics(url, sup, "general")
    assert (gone["AGENTS_ONLINE"], gone["AGENTS_NON_PRODUCTIVE"]) == (0, 0)


def test_system_states_cannot_be_chosen(live_server, token) -> None:
    r = _choose(live_server.url, token, "after_call_work")
    assert r.status_code == 422 and r.json()["code"] == "invalid_transition", r.text
    bad = _choose(live_server.url, token, "lunch")
    assert bad.status_code == 422 and bad.json()["code"] == "validation", bad.text
    extra = httpx.post(
        f"{live_server.url}/v1/agents/me/state",
        json={"state": "break", "note": "x"},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=30,
    )
    assert extra.status_code == 422


def test_only_agents_choose_a_state(live_server) -> None:
    app = live_server.app
    with app.state.db.session() as s:
        storage.create_user(s, "qa9", "demo", "품질", ["qa"], [])
        s.commit()
    tok = httpx.post(
        f"{live_server.url}/v1/auth/token",
        json={"username": "qa9", "password": "demo"},
        timeout=30,
    ).json()["access_token"]
    r = _choose(live_server.url, tok, "break")
    assert r.status_code == 403 and r.json()["code"] == "forbidden", r.text
