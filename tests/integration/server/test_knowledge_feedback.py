"""POST /knowledge/{article_id}/feedback over real HTTP: the body app.services.call_actions
``rate_suggestion`` sends, agent only, problem+json errors, idempotency, audit, and a later
rating of the same suggestion replacing the earlier one on the call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from client_rows import local_store, only_row, push_row
from conftest import START, Api, assert_problem

from app.domain.enums import EntityKind, Role
from app.domain.people import User
from app.domain.wire import format_time
from app.services.call_actions import rate_suggestion
from server import storage

CALL = "CALL-KF-1"


@pytest.fixture(scope="module", autouse=True)
def rated_call(db) -> None:
    with db.session() as s:
        storage.put(
            s,
            EntityKind.CALL,
            {
                "id": CALL,
                "queue": "general",
                "flow": "general",
                "state": "connected",
                "customer": {"name": "한", "tier": "general"},
                "agent_id": "u_agent1",
                "started_at": format_time(START - timedelta(minutes=2)),
            },
            actor="system",
            now=START,
        )
        s.commit()


def _rate(api: Api, article: str, body: dict, user: str = "agent1", **kw):
    return api.post(f"/knowledge/{article}/feedback", body, user, **kw)


def test_feedback_is_kept_on_the_call_and_audited(api: Api) -> None:
    body = {"call_id": CALL, "recommendation_id": "R-1", "relevance": "HELPFUL"}
    first = _rate(api, "KB-001", body, key="kf-key-1")
    assert first.status_code == 200, first.text
    call = first.json()["data"]
    assert call["id"] == CALL and first.json()["related"] == []
    (entry,) = call["knowledge_feedback"]
    assert entry["article_id"] == "KB-001" and entry["relevance"] == "HELPFUL"
    assert entry["agent_id"] == "u_agent1" and entry["recommendation_id"] == "R-1"
    replay = _rate(api, "KB-001", body, key="kf-key-1")
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    changed = {**body, "relevance": "NOT_HELPFUL"}
    assert_problem(_rate(api, "KB-001", changed, key="kf-key-1"), 422, "idempotency_key_reused")
    again = _rate(api, "KB-001", changed).json()["data"]
    assert [f["relevance"] for f in again["knowledge_feedback"]] == ["NOT_HELPFUL"]
    assert again["version"] == call["version"] + 1
    other = _rate(api, "KB-002", {"call_id": CALL, "relevance": "HELPFUL"}).json()["data"]
    assert [f["article_id"] for f in other["knowledge_feedback"]] == ["KB-001", "KB-002"]
    audit = api.get("/audit", "auditor1", params={"entity": "call", "id": CALL}).json()
    events = [e for e in audit["events"] if e["action"] == "knowledge_feedback"]
    assert len(events) == 3 and events[0]["data"]["article_id"] == "KB-001"


def test_feedback_errors_are_problems(api: Api) -> None:
    body = {"call_id": CALL, "relevance": "HELPFUL"}
    assert_problem(_rate(api, "KB-001", body, "reviewer1"), 403, "forbidden")
    assert_problem(_rate(api, "KB-001", body, "supervisor1"), 403, "forbidden")
    assert_problem(_rate(api, "KB-404", body), 404, "not_found")
    unknown = assert_problem(_rate(api, "KB-001", {**body, "call_id": "NOPE"}), 422)
    assert "call_id" in unknown["errors"]
    assert (
        "relevance"
        in assert_problem(_rate(api, "KB-001", {**body, "relevance": "MEH"}), 422)["errors"]
    )
    assert "mood" in assert_problem(_rate(api, "KB-001", {**body, "mood": 1}), 422)["errors"]
    assert_problem(_rate(api, "KB-001", body, key=None), 400, "idempotency_key_missing")


def test_the_workstation_row_is_accepted_as_sent(api: Api, tmp_path) -> None:
    store = local_store(tmp_path, api, ("call", f"/calls/{CALL}"))
    agent = User("u_agent2", "Agent2", [Role.AGENT])
    form = {"article_id": "KB-002", "recommendation_id": "R-9", "helpful": False}
    rate_suggestion(store, agent, CALL, form, START)
    row = only_row(store)
    assert row.path == "/v1/knowledge/KB-002/feedback" and row.if_match is None
    r = push_row(api, row, "agent2")
    assert r.status_code == 200, r.text
    mine = [f for f in r.json()["data"]["knowledge_feedback"] if f["agent_id"] == "u_agent2"]
    assert mine == [
        {**mine[0], "article_id": "KB-002", "recommendation_id": "R-9", "relevance": "NOT_HELPFUL"}
    ]
    store.close()
