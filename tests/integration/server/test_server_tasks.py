"""Cases and task actions: field rules, access and authority, lifecycle, SLA, conflicts."""

from __future__ import annotations

import pytest
from conftest import Api, assert_problem

from tests.reason_codes import APPROVE_CODE

APPROVE = {
    "limit": 30_000_000,
    "rate": 4.5,
    "conditions": ["보증인 필요"],
    "note": "양호",
    "reason_codes": [APPROVE_CODE],
}
DENY = {
    "reason_codes": ["CREDIT-DENY-SCORE-001"],
    "note": "점수 미달",
    "improvement_advice": "6개월 후 재신청",
}
ESCALATE = {"to": "senior_reviewer", "reason": "정책 예외 검토 필요"}
BODIES = {
    "approve": APPROVE,
    "deny": DENY,
    "comment": {"body": "통화 완료"},
    "escalate": ESCALATE,
    "request_docs": {"docs": ["재직증명서"], "deadline": "2026-11-25", "note": "소득 확인"},
}


def act(api: Api, task: dict, action: str, user: str = "reviewer1", body: dict | None = None, **kw):
    return api.post(
        f"/tasks/{task['id']}/actions/{action}",
        BODIES[action] if body is None else body,
        user,
        **kw,
    )


def test_create_case_makes_task_and_sla(api: Api) -> None:
    case, task = api.new_case(priority="p0")
    assert case["status"] == "open" and case["version"] == 1
    assert case["sla"]["policy"] == "p0"
    assert task["case_id"] == case["id"] and task["status"] == "open"
    assert api.get(f"/tasks/{task['id']}", "auditor1").json()["id"] == task["id"]


def test_create_case_unknown_queue_is_422(api: Api) -> None:
    body = {
        "decision_id": "D",
        "queue_id": "nope",
        "customer": {"customer_id": "1", "name": "a"},
        "application": {"amount": 1},
    }
    assert "queue_id" in assert_problem(api.post("/cases", body), 422, "validation")["errors"]


def test_approve_closes_task_and_decides_case(api: Api) -> None:
    case, task = api.new_case()
    r = act(api, task, "approve", version=task["version"])
    assert r.status_code == 200, r.text
    data, related = r.json()["data"], r.json()["related"]
    assert data["status"] == "completed" and data["outcome"] == "approve"
    case2 = next(e for e in related if e["id"] == case["id"])
    assert case2["status"] == "approved" and case2["approved_terms"]["limit"] == 30_000_000
    assert case2["sla"]["met_at"] is not None and case2["version"] == 2


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("approve", {**APPROVE, "limit": 0}, "limit"),
        ("approve", {**APPROVE, "rate": 30}, "rate"),
        ("approve", {**APPROVE, "rate": 0}, "rate"),
        ("approve", {k: v for k, v in APPROVE.items() if k != "limit"}, "limit"),
        ("deny", {**DENY, "reason_codes": []}, "reason_codes"),
        ("request_docs", {"docs": [], "deadline": "2026-11-25", "note": "x"}, "docs"),
        ("request_docs", {"docs": ["a"], "deadline": "2026-11-20", "note": "x"}, "deadline"),
        ("request_docs", {"docs": ["a"], "deadline": "2027-01-30", "note": "x"}, "deadline"),
        ("escalate", {"to": "senior_reviewer", "reason": ""}, "reason"),
        ("comment", {"body": ""}, "body"),
    ],
)
def test_field_rules(api: Api, action: str, body: dict, field: str) -> None:
    _, task = api.new_case()
    errors = assert_problem(act(api, task, action, body=body), 422, "validation")["errors"]
    assert field in errors


@pytest.mark.parametrize(
    ("action", "codes", "unknown"),
    [
        ("approve", ["A01"], "A01"),  # issue 17: ₩500,000,000 approved with "A01"
        ("approve", [APPROVE_CODE, "CREDIT-DENY-SCORE-001"], "CREDIT-DENY-SCORE-001"),
        ("deny", ["D01"], "D01"),
        ("deny", [APPROVE_CODE], APPROVE_CODE),  # an approval code is no reason to deny
    ],
)
def test_reason_codes_outside_the_catalogue_are_refused(
    api: Api, action: str, codes: list[str], unknown: str
) -> None:
    """The server enforces app/rules/reason_codes.py: 422 ``validation`` naming the field and
    the code, nothing stored (the task stays open at its version, the case undecided)."""
    case, task = api.new_case()
    r = act(api, task, action, body={**BODIES[action], "reason_codes": codes})
    errors = assert_problem(r, 422, "validation")["errors"]
    assert set(errors) == {"reason_codes"} and unknown in errors["reason_codes"]
    after = api.get(f"/tasks/{task['id']}", "auditor1").json()
    assert after["status"] == "open" and after["version"] == task["version"]
    assert api.get(f"/cases/{case['id']}", "auditor1").json()["status"] == case["status"]


def test_wrong_enum_is_422(api: Api) -> None:
    _, task = api.new_case()
    r = act(api, task, "escalate", body={"to": "ceo", "reason": "x"})
    assert "to" in assert_problem(r, 422, "validation")["errors"]


ROLE_TABLE = [
    ("agent1", "approve"),
    ("agent1", "deny"),
    ("agent1", "escalate"),
    ("qa1", "approve"),
    ("qa1", "comment"),
    ("supervisor1", "request_docs"),
    ("auditor1", "comment"),
    ("auditor1", "approve"),
    ("supervisor1", "deny"),
]


@pytest.mark.parametrize(("user", "action"), ROLE_TABLE)
def test_role_denials(api: Api, user: str, action: str) -> None:
    _, task = api.new_case()
    assert_problem(act(api, task, action, user), 403, "forbidden")


@pytest.mark.parametrize(
    ("user", "path", "body"),
    [
        ("reviewer1", "/cases", None),
        ("auditor1", "/ops/reassign", {"from": "u_reviewer1", "to": "u_reviewer2"}),
        ("reviewer1", "/ops/reassign", {"from": "u_reviewer1", "to": "u_reviewer2"}),
        ("agent1", "/qa/samples", {"from": "2026-11-01T00:00:00Z", "to": "2026-11-21T00:00:00Z"}),
        ("auditor1", "/tasks/next", {"queue_id": "credit_review"}),
    ],
)
def test_route_denials(api: Api, user: str, path: str, body: dict | None) -> None:
    if body is None:
        body = {
            "decision_id": "D",
            "queue_id": "credit_review",
            "application": {"amount": 1},
            "customer": {"customer_id": "1", "name": "a"},
        }
    assert_problem(api.post(path, body, user), 403, "forbidden")


def test_authority_limit(api: Api) -> None:
    _, task = api.new_case(amount=500_000_000)
    assert_problem(act(api, task, "approve", "reviewer1"), 403, "forbidden")
    assert act(api, task, "approve", "senior1").status_code == 200


def test_stale_version_412_and_completed_409(api: Api) -> None:
    _, task = api.new_case()
    r = act(api, task, "comment", version=task["version"])
    assert r.status_code == 200 and r.json()["data"]["version"] == 2
    stale = act(api, task, "comment", version=1)
    assert assert_problem(stale, 412, "version_mismatch")["current"]["version"] == 2
    assert act(api, task, "approve", "reviewer1", version=2).status_code == 200
    late = act(api, task, "deny", "reviewer2", version=2)
    problem = assert_problem(late, 409, "conflict")
    current = problem["current"]
    assert current["status"] == "completed" and current["completed_by"] == "u_reviewer1"
    assert "approve by u_reviewer1" in problem["detail"]  # names the other's decision


def test_invalid_transition(api: Api) -> None:
    _, task = api.new_case()
    assert act(api, task, "request_docs").status_code == 200
    r = act(api, task, "approve")  # awaiting_docs cannot be approved
    assert_problem(r, 422, "invalid_transition")


def test_request_docs_pauses_and_docs_received_resumes(api: Api, clock) -> None:
    case, task = api.new_case(priority="p2")
    r = act(api, task, "request_docs")
    paused = next(e for e in r.json()["related"] if e["id"] == case["id"])
    assert paused["status"] == "awaiting_docs" and paused["sla"]["paused_since"]
    clock.advance(hours=5)
    try:
        r = api.post(
            f"/cases/{case['id']}/docs-received", None, "reviewer1", version=paused["version"]
        )
        resumed = r.json()["data"]
        assert resumed["status"] == "pending" and resumed["sla"]["paused_since"] is None
        assert resumed["sla"]["paused_total_s"] == pytest.approx(5 * 3600)
        assert resumed["sla"]["due_at"] > paused["sla"]["due_at"]
    finally:
        clock.advance(hours=-5)


def test_escalation_l1_l2_restarts_and_l2_l3_raises_to_p0(api: Api, clock) -> None:
    case, task = api.new_case(priority="p2")
    clock.advance(hours=1)
    try:
        r = act(api, task, "escalate")
        body = r.json()
        assert body["data"]["status"] == "completed"
        case2 = next(e for e in body["related"] if e["id"] == case["id"])
        senior = next(e for e in body["related"] if e.get("case_id") == case["id"])
        assert case2["status"] == "escalated" and case2["priority"] == "p2"
        assert case2["sla"]["started_at"] > case["sla"]["started_at"]
        assert senior["queue_id"] == "senior_review" and senior["status"] == "open"
        r = act(api, senior, "escalate", "senior1", body={"to": "ops_admin", "reason": "정책"})
        case3 = next(e for e in r.json()["related"] if e["id"] == case["id"])
        assert case3["priority"] == "p0" and case3["escalation_level"] == "L3"
        assert case3["sla"]["policy"] == "p0"
    finally:
        clock.advance(hours=-1)


def test_next_task_assigns_most_urgent_and_204(api: Api) -> None:
    api.new_case(priority="p3", queue="customer_service")
    _, urgent = api.new_case(priority="p0", queue="customer_service")
    r = api.post("/tasks/next", {"queue_id": "customer_service"}, "reviewer1")
    assert r.json()["data"]["id"] == urgent["id"]
    assert r.json()["data"]["assignee_id"] == "u_reviewer1"
    while r.status_code == 200:
        r = api.post("/tasks/next", {"queue_id": "customer_service"}, "reviewer1")
    assert r.status_code == 204 and r.content == b""
    assert_problem(api.post("/tasks/next", {"queue_id": "customer_service"}, "reviewer2"), 403)


def test_assign_close_notify_and_reassign(api: Api) -> None:
    case, task = api.new_case()
    r = api.post(f"/cases/{case['id']}/assign", {"to": "u_reviewer2"}, version=1)
    assert r.json()["data"]["assignee_id"] == "u_reviewer2"
    assert r.json()["data"]["status"] == "pending"
    assert_problem(api.post(f"/cases/{case['id']}/assign", {"to": "ghost"}), 422)
    r = api.post("/ops/reassign", {"from": "u_reviewer2", "to": "u_reviewer1"})
    assert r.status_code == 200 and r.json()["data"]["moved_tasks"] >= 1
    assert api.get(f"/tasks/{task['id']}").json()["assignee_id"] == "u_reviewer1"
    r = api.post(
        f"/cases/{case['id']}/notify-customer",
        {"template": "sla_breach_apology", "eta": "+2h"},
        "reviewer1",
    )
    assert r.json()["data"]["notifications"][0]["template"] == "sla_breach_apology"
    r = api.post(
        f"/cases/{case['id']}/close",
        {"resolution": "한도 안내 완료", "final_decision": "info_provided"},
        "reviewer1",
    )
    closed = r.json()
    assert closed["data"]["status"] == "closed"
    # the inquiry path: answering it is the review task's outcome (종료 조건: 모든 Task 완료);
    # open tasks are no longer cancelled by a close
    assert closed["related"][0]["status"] == "completed"
    assert closed["related"][0]["outcome"] == "close"
    r = api.post(
        f"/cases/{case['id']}/close",
        {"resolution": "again", "final_decision": "approve"},
        "reviewer1",
    )
    assert_problem(r, 422, "invalid_transition")


def test_every_mutation_is_audited_and_chain_verifies(api: Api) -> None:
    case, task = api.new_case()
    act(api, task, "comment")
    body = api.get("/audit", "auditor1", params={"entity": "case", "id": case["id"]}).json()
    assert body["chain_verified"] is True
    assert [e["action"] for e in body["events"]] == ["open_case", "comment"]
    assert all(len(e["hash"]) == 64 and e["prev_hash"] for e in body["events"])
    assert_problem(api.get("/audit", "reviewer1"), 403, "forbidden")
    assert api.get("/audit", "admin1").status_code == 200
