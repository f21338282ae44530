"""Wrap-up is enforced by the server (app.rules.agent_state): an agent's call stays in after-call
work — and the agent's next call waits — until the agent submits the wrap-up or its limit runs
out; only then does the call end and the lane move on."""

from __future__ import annotations

import threading

import httpx

from server.simulator import CallSimulator
from tests.integration.live.calls import msp_script, stored_call, wait_until

AGENT = "u_agent1"


def test_the_call_holds_in_wrap_up_until_the_agent_submits(live_server, token, clock) -> None:
    app = live_server.app
    sim = CallSimulator(
        app.state.db, app.state.bus, [msp_script()], speed=400, clock=clock, ring_s=0, acw_s=10**6
    )
    worker = threading.Thread(target=sim.run_call, args=(msp_script(), AGENT, "call_wrap_1"))
    worker.start()
    try:
        wait_until(lambda: stored_call(app.state.db, "call_wrap_1").get("state") == "acw")
        # the limit is far away: the lane holds in acw (the next call would wait)
        worker.join(0.5)
        assert worker.is_alive()
        assert stored_call(app.state.db, "call_wrap_1")["state"] == "acw"
        r = httpx.post(
            f"{live_server.url}/v1/calls/call_wrap_1/after-call-work",
            json={"summary": "요금 문의 안내", "disposition": "info_provided", "follow_up": ""},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "wrap-1"},
            timeout=30,
        )
        assert r.status_code < 300, r.text
        worker.join(20)
        assert not worker.is_alive()  # submitted: the lane moves on to the next call
        call = stored_call(app.state.db, "call_wrap_1")
        assert call["state"] == "ended" and call["disposition"] == "info_provided"
    finally:
        sim.stop()
        worker.join(5)


def test_an_unsubmitted_wrap_up_times_out_by_the_rule(live_server, clock) -> None:
    app = live_server.app
    sim = CallSimulator(
        app.state.db, app.state.bus, [msp_script()], speed=400, clock=clock, ring_s=0, acw_s=40
    )
    worker = threading.Thread(target=sim.run_call, args=(msp_script(), AGENT, "call_wrap_2"))
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    call = stored_call(app.state.db, "call_wrap_2")
    assert call["state"] == "ended" and not call.get("disposition")
