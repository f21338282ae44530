"""shared/API.md "Access to objects" against the real server: role × task action × object.

Objects: a task assigned to reviewer1; an unassigned task of credit_review (reviewer1, reviewer2,
senior1 and admin1 hold the skill); an unassigned task of customer_service (only reviewer1 holds
it); a task escalated to senior_reviewer (L2, senior queue: that role only). Every cell is the
status the contract says: 200 for the allowed, 403 for everybody else — and a refused call
changes nothing."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import Api, assert_problem

from tests.reason_codes import APPROVE_CODE, DENY_CODE

ACTIONS = ("approve", "deny", "request_docs", "escalate", "comment")
USERS = ("reviewer1", "reviewer2", "senior1", "admin1", "agent1", "auditor1")
OBJECTS = ("assigned_r1", "unassigned", "no_skill_r2", "escalated")
ALLOWED = {
    "assigned_r1": {"reviewer1"},
    "unassigned": {"reviewer1", "reviewer2", "senior1", "admin1"},
    "no_skill_r2": {"reviewer1"},  # customer_service: reviewer1's skill only
    "escalated": {"senior1"},  # escalated to senior_reviewer: that role only
}


def body(action: str, obj: str, now) -> dict:
    deadline = (now.astimezone(ZoneInfo("Asia/Seoul")).date() + timedelta(days=5)).isoformat()
    return {
        "approve": {
            "limit": 20_000_000,
            "rate": 4.5,
            "note": "양호",
            "reason_codes": [APPROVE_CODE],
        },
        "deny": {"reason_codes": [DENY_CODE], "note": "미달", "improvement_advice": "재신청"},
        "request_docs": {"docs": ["재직증명서"], "deadline": deadline, "note": "소득 확인"},
        "escalate": {
            "to": "ops_admin" if obj == "escalated" else "senior_reviewer",
            "reason": "정책 예외 검토 필요",
        },
        "comment": {"body": "통화 완료"},
    }[action]


def make(api: Api, obj: str) -> dict:
    """A fresh task of kind ``obj``."""
    queue = "customer_service" if obj == "no_skill_r2" else "credit_review"
    case, task = api.new_case(amount=20_000_000, priority="p2", queue=queue)
    if obj == "assigned_r1":
        r = api.post(f"/cases/{case['id']}/assign", {"to": "u_reviewer1"}, "admin1")
        assert r.status_code == 200, r.text
        return api.get(f"/tasks/{task['id']}").json()
    if obj == "escalated":
        esc = {"to": "senior_reviewer", "reason": "정책 예외"}
        r = api.post(f"/tasks/{task['id']}/actions/escalate", esc, "admin1")
        assert r.status_code == 200, r.text
        related = r.json()["related"]
        return next(e for e in related if e.get("case_id") and e["status"] == "open")
    return task


@pytest.fixture(scope="module")
def refusal_targets(api: Api) -> dict[str, dict]:
    """One task per object kind for the refused cells (a refusal changes nothing)."""
    return {obj: make(api, obj) for obj in OBJECTS}


CELLS = [(o, a, u) for o in OBJECTS for a in ACTIONS for u in USERS]


@pytest.mark.parametrize(("obj", "action", "user"), CELLS)
def test_cell(api: Api, clock, refusal_targets, obj: str, action: str, user: str) -> None:
    allowed = user in ALLOWED[obj]
    task = make(api, obj) if allowed else refusal_targets[obj]
    r = api.post(f"/tasks/{task['id']}/actions/{action}", body(action, obj, clock()), user)
    if allowed:
        assert r.status_code == 200, r.text
        assert r.json()["data"]["id"] == task["id"]
        return
    assert_problem(r, 403, "forbidden")
    now = api.get(f"/tasks/{task['id']}").json()
    assert (now["version"], now["status"]) == (task["version"], task["status"])


def test_the_issue_reports_reviewer2_cases(api: Api) -> None:
    """reviewer2 approves reviewer1's task, an escalated task and a task in a queue it has no
    skill for: all 403 now (they were 200)."""
    approve = body("approve", "", api_now(api))
    for obj in ("assigned_r1", "escalated", "no_skill_r2"):
        task = make(api, obj)
        assert_problem(api.post(f"/tasks/{task['id']}/actions/approve", approve, "reviewer2"), 403)


def test_authority_is_max_of_amount_and_limit(api: Api) -> None:
    """reviewer1 approving a 50,000,000 KRW case with limit 5,000,000,000 is 403; 10^30 is 422."""
    case, task = api.new_case(amount=50_000_000, priority="p2")
    approve = {"rate": 4.5, "note": "양호", "reason_codes": [APPROVE_CODE]}
    r = api.post(
        f"/tasks/{task['id']}/actions/approve", {**approve, "limit": 5_000_000_000}, "reviewer1"
    )
    assert "1억원" in assert_problem(r, 403, "forbidden")["detail"]
    r = api.post(f"/tasks/{task['id']}/actions/approve", {**approve, "limit": 10**30}, "reviewer1")
    assert "limit" in assert_problem(r, 422, "validation")["errors"]
    r = api.post(f"/tasks/{task['id']}/actions/approve", {**approve, "limit": 2**63}, "reviewer1")
    assert "limit" in assert_problem(r, 422, "validation")["errors"]
    assert api.get(f"/cases/{case['id']}").json()["status"] == "open"  # nothing stored
    r = api.post(
        f"/tasks/{task['id']}/actions/approve", {**approve, "limit": 50_000_000}, "reviewer1"
    )
    assert r.status_code == 200, r.text


def api_now(api: Api):
    from app.domain.wire import parse_time

    return parse_time(api.get("/healthz", None).json()["time"])
