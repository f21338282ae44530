"""Alert routes over real HTTP: list open alerts, acknowledge (roles, idempotency, 404), and an
agent flagging a live call, which records a negative_sentiment alert and publishes it."""

from __future__ import annotations

from conftest import Api, assert_problem

from server.runner import RunningServer


def _open_ids(api: Api, user: str = "supervisor1") -> list[str]:
    r = api.get("/alerts", user, params={"open": "true"})
    assert r.status_code == 200, r.text
    return [a["id"] for a in r.json()]


def test_agent_flag_records_alert_and_publishes(api: Api, server: RunningServer) -> None:
    bus = server.app.state.bus
    before = bus.last_id
    r = api.post("/calls/CALL-001/flag", {"reason": "negative_sentiment", "note": "항의"}, "agent1")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["data"]["id"] == "CALL-001"  # the call is the primary entity
    alert = body["alert"]
    assert alert["kind"] == "negative_sentiment"
    assert alert["flagged_by"] == "u_agent1"
    assert alert["id"].startswith("AL-")
    events = [e for e in bus.retained(before) if e.type == "alert"]
    assert any(e.payload().get("alert_id") == alert["id"] for e in events)
    listed = api.get("/alerts", "supervisor1", params={"open": "true"}).json()
    mine = next(a for a in listed if a["id"] == alert["id"])
    assert mine["entity"] == "call" and mine["entity_id"] == "CALL-001"
    assert mine["acknowledged_at"] is None
    assert "항의" in mine["message"]


def test_flag_by_the_calls_agent_or_a_supervisor_and_known_call(api: Api) -> None:
    # shared/API.md "Access to objects": the call's agent (a supervisor may flag any call) —
    # this test used to expect 403 for the supervisor; agent2 was allowed on agent1's call
    r = api.post("/calls/CALL-001/flag", {"reason": "negative_sentiment"}, "supervisor1")
    assert r.status_code == 200, r.text
    assert r.json()["alert"]["flagged_by"] == "u_supervisor1"
    assert_problem(api.post("/calls/CALL-001/flag", {"reason": "escalation"}, "agent2"), 403)
    assert_problem(api.post("/calls/CALL-002/flag", {"reason": "escalation"}, "agent1"), 403)
    assert_problem(api.post("/calls/CALL-001/flag", {"reason": "escalation"}, "reviewer1"), 403)
    assert_problem(api.post("/calls/NOPE/flag", {"reason": "escalation"}, "agent1"), 404)
    assert_problem(api.post("/calls/CALL-001/flag", {"reason": "angry"}, "agent1"), 422)
    assert_problem(
        api.post("/calls/CALL-001/flag", {"reason": "escalation"}, "agent1", key=None),
        400,
        "idempotency_key_missing",
    )


def test_acknowledge_removes_from_open_list(api: Api) -> None:
    flagged = api.post("/calls/CALL-001/flag", {"reason": "escalation"}, "agent1").json()["alert"]
    assert flagged["id"] in _open_ids(api)
    assert_problem(api.post(f"/alerts/{flagged['id']}/ack", {}, "agent1"), 403)
    assert_problem(api.post(f"/alerts/{flagged['id']}/ack", {}, "auditor1"), 403)
    assert_problem(api.get("/alerts", "agent1"), 403)
    key = "0b7f6a2e-5d55-4c39-9d0e-7d4b0f3f6a11"
    r = api.post(f"/alerts/{flagged['id']}/ack", {"note": "통화 모니터링"}, "supervisor1", key=key)
    assert r.status_code == 204, r.text
    again = api.post(
        f"/alerts/{flagged['id']}/ack", {"note": "통화 모니터링"}, "supervisor1", key=key
    )
    assert again.status_code == 204
    assert again.headers.get("idempotent-replayed") == "true"
    assert flagged["id"] not in _open_ids(api)
    everything = api.get("/alerts", "admin1", params={"limit": 1000}).json()
    acked = next(a for a in everything if a["id"] == flagged["id"])
    assert acked["acknowledged_by"] == "u_supervisor1"
    assert acked["ack_note"] == "통화 모니터링"
    # a second supervisor (ops_admin) acknowledging the same alert: no conflict, nothing changes
    assert api.post(f"/alerts/{flagged['id']}/ack", {}, "admin1").status_code == 204
    same = next(a for a in api.get("/alerts", "admin1").json() if a["id"] == flagged["id"])
    assert same["acknowledged_by"] == "u_supervisor1"


def test_ack_unknown_alert_is_404(api: Api) -> None:
    assert_problem(api.post("/alerts/AL-999999/ack", {}, "supervisor1"), 404, "not_found")
    assert_problem(api.post("/alerts/nonsense/ack", {}, "supervisor1"), 404, "not_found")
    assert_problem(api.post("/alerts/AL-99999999999999999999/ack", {}, "supervisor1"), 404)


def test_kind_filter_and_limit(api: Api) -> None:
    api.post("/calls/CALL-001/flag", {"reason": "new_case"}, "agent1")
    only = api.get("/alerts", "supervisor1", params={"kind": "negative_sentiment"}).json()
    assert only and {a["kind"] for a in only} == {"negative_sentiment"}
    assert len(api.get("/alerts", "supervisor1", params={"limit": 1}).json()) == 1
    assert_problem(api.get("/alerts", "supervisor1", params={"limit": 0}), 422)
