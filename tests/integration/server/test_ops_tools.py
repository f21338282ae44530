"""ChatOps diagnostics over real HTTP (seed 003): the caller's tool list, a role denial per tool,
one audit event per call (who, tool, arguments, answer digest), questions in Korean and English,
argument bounds as problem+json, and no tool changing an entity."""

from __future__ import annotations

import pytest
from conftest import Api, assert_problem

from app.ops_tools.catalog import TOOLS
from server.audit_chain import audit_events
from server.ops_tools.routes import digest

ROLE_USERS = {
    "agent": "agent1",
    "reviewer": "reviewer1",
    "senior_reviewer": "senior1",
    "qa": "qa1",
    "ops_admin": "admin1",
    "supervisor": "supervisor1",
    "auditor": "auditor1",
}


def _ops_events(db, tool: str) -> list[dict]:
    with db.read() as s:
        return [e for e in audit_events(s, "ops_tool", tool, limit=100_000)]


def test_tool_list_follows_the_callers_roles(api: Api) -> None:
    names = {t["name"] for t in api.get("/ops/tools", "admin1").json()}
    assert names == {t.name for t in TOOLS} - {"nothing"}
    agent = {t["name"] for t in api.get("/ops/tools", "agent1").json()}
    assert agent == {"sync_state", "cache_state"}
    one = next(t for t in api.get("/ops/tools", "admin1").json() if t["name"] == "queue_health")
    assert one["parameters"]["properties"]["hours"]["maximum"] == 168
    assert api.get("/ops/tools", None).status_code == 401


@pytest.mark.parametrize("tool", [t.name for t in TOOLS])
def test_each_tool_answers_allowed_roles_and_denies_the_others(api: Api, db, tool: str) -> None:
    spec = next(t for t in TOOLS if t.name == tool)
    denied = [u for r, u in ROLE_USERS.items() if r not in spec.roles]
    allowed = [u for r, u in ROLE_USERS.items() if r in spec.roles]
    before = len(_ops_events(db, tool))
    for user in allowed:
        r = api.post(f"/ops/tools/{tool}", {"args": {}}, user, key=None)
        assert r.status_code == 200, (user, r.text)
        answer = r.json()["answer"]
        assert answer["summary_ko"] and answer["summary_en"] and "table" in answer
    for user in denied:
        assert_problem(api.post(f"/ops/tools/{tool}", {"args": {}}, user, key=None), 403,
                       "forbidden")  # fmt: skip
    events = _ops_events(db, tool)[before:]
    assert len(events) == len(allowed) + len(denied)  # one audit event per call
    refused = [e for e in events if e["data"]["outcome"] == "forbidden"]
    assert {e["actor"].removeprefix("u_") for e in refused} == set(denied)
    ok = [e for e in events if e["data"]["outcome"] == "ok"]
    assert {e["actor"].removeprefix("u_") for e in ok} == set(allowed)
    assert all(len(e["data"]["answer_digest"]) == 64 for e in ok)
    assert all(e["action"] == "ops_tool" for e in events)


def test_audit_event_carries_arguments_and_the_answer_digest(api: Api, db) -> None:
    before = len(_ops_events(db, "breaching_cases"))
    r = api.post("/ops/tools/breaching_cases", {"args": {"hours": 6}}, "admin1", key=None)
    assert r.status_code == 200, r.text
    [event] = _ops_events(db, "breaching_cases")[before:]
    assert event["actor"] == "u_admin1" and event["data"]["args"] == {"hours": 6}
    assert event["data"]["answer_digest"] == digest(r.json()["answer"])
    assert r.json()["answer"]["hours"] == 6


def test_questions_in_korean_and_english_run_their_tool(api: Api, db) -> None:
    question = {"question": "4시간 안에 위반될 케이스 알려줘"}
    r = api.post("/ops/ask", question, "supervisor1", key=None)
    body = r.json()
    assert r.status_code == 200, r.text
    assert body["tool"] == "breaching_cases" and body["args"] == {"hours": 4}
    assert 0 < body["confidence"] <= 1 and body["answer"]["hours"] == 4
    last = _ops_events(db, "breaching_cases")[-1]
    assert last["data"]["question"] == "4시간 안에 위반될 케이스 알려줘"
    en = api.post("/ops/ask", {"question": "Is the audit chain verified?"}, "auditor1", key=None)
    assert en.json()["tool"] == "audit_status" and en.json()["answer"]["verified"] is True
    # a question the caller's role cannot reach is not answered by a tool it may not run
    agent = api.post("/ops/ask", {"question": "감사 체인 무결성 확인해줘"}, "agent1", key=None)
    assert agent.status_code == 200 and agent.json()["tool"] != "audit_status"
    none = api.post("/ops/ask", {"question": "점심 메뉴 추천"}, "admin1", key=None).json()
    assert none["tool"] is None and none["answer"] is None and len(none["alternatives"]) == 10


def test_bad_input_is_a_problem_naming_the_field(api: Api) -> None:
    bad = assert_problem(
        api.post("/ops/tools/queue_health", {"args": {"hours": 999}}, "admin1", key=None), 422
    )
    assert "hours" in bad["errors"]
    extra = assert_problem(
        api.post("/ops/tools/queue_health", {"args": {"rm": "-rf"}}, "admin1", key=None), 422
    )
    assert "rm" in extra["errors"]
    assert_problem(api.post("/ops/tools/nope", {"args": {}}, "admin1", key=None), 404)
    long = assert_problem(api.post("/ops/ask", {"question": "가" * 501}, "admin1", key=None), 422)
    assert "question" in str(long["errors"])


def test_tools_change_no_entity(api: Api) -> None:
    before = api.get("/changes", "admin1", params={"limit": 1}).json()
    for tool in TOOLS:
        api.post(f"/ops/tools/{tool.name}", {"args": {}}, "admin1", key=None)
    after = api.get("/changes", "admin1", params={"limit": 1}).json()
    head = api.post("/ops/tools/sync_state", {"args": {}}, "admin1", key=None).json()["answer"]
    assert head["head_seq"] >= 1
    assert before["server_time"] <= after["server_time"]
    feed = api.get("/changes", "admin1", params={"limit": 1000}).json()
    assert all(c["entity"] != "ops_tool" for c in feed["changes"])
