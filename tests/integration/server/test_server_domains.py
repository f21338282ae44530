"""Appeals, QA, checkpoints, approvals, contact center and operations over real HTTP."""

from __future__ import annotations

from conftest import Api, assert_problem

from tests.reason_codes import DENY_CODE

FEEDBACK = {
    "checkpoint_id": "HC-2026-11-20-001",
    "mode": "scheduled",
    "signals_reviewed": ["AS-001"],
    "user_assessment": {"signal_validity": "disputed", "priority_override": "high"},
    "proposal_decisions": [
        {"proposal_id": "IP-001", "decision": "modify", "modification_notes": "TTL 10분"}
    ],
}
APPROVED = {
    "status": "APPROVED",
    "approval_level": "DEPARTMENT",
    "selected_option_id": "OPT-B",
    "rationale": "균형안이 적절",
    "conditions": [],
}


def _appeal(api: Api, case_id: str, user: str = "agent1"):
    return api.post(
        "/appeals",
        {"case_id": case_id, "reason": "추가 소득 증빙 제출", "evidence": ["원천징수영수증"]},
        user,
    )


def test_appeal_submit_window_and_only_rejected(api: Api) -> None:
    r = _appeal(api, "C-REJ-3")
    appeal = r.json()["data"]
    assert appeal["status"] == "submitted" and appeal["original_decider_id"] == "u_reviewer2"
    task = next(e for e in r.json()["related"] if e.get("type") == "appeal_review")
    assert task["queue_id"] == "appeals"
    assert api.get(f"/appeals/{appeal['id']}", "auditor1").json()["id"] == appeal["id"]
    assert_problem(_appeal(api, "C-REJ-OLD"), 422, "appeal_window_closed")
    case, _ = api.new_case()
    assert_problem(_appeal(api, case["id"]), 422)
    assert_problem(_appeal(api, "C-REJ-3", "qa1"), 403, "forbidden")
    # one appeal per decision (issue 14): a second appeal of C-REJ-3's decision is refused,
    # whoever submits it and under whatever key (it used to be accepted)
    second = assert_problem(_appeal(api, "C-REJ-3", "reviewer1"), 409, "conflict")
    assert appeal["id"] in second["detail"]
    assert api.get("/cases/C-REJ-3", "auditor1").json()["appeal_ids"] == [appeal["id"]]


def test_appeal_resolution_independence(api: Api) -> None:
    appeal = _appeal(api, "C-REJ-2").json()["data"]  # decided by senior1
    uphold = {
        "resolution": "uphold",
        "message": "원래 결정 유지",
        "reason_codes": ["CREDIT-DENY-SCORE-001"],
    }
    r = api.post(f"/appeals/{appeal['id']}/resolve", uphold, "senior1")
    assert_problem(r, 403, "appeal_not_independent")
    assert_problem(
        api.post(f"/appeals/{appeal['id']}/resolve", uphold, "reviewer1"), 403, "forbidden"
    )
    bad = api.post(
        f"/appeals/{appeal['id']}/resolve", {"resolution": "overturn", "message": "번복"}, "senior2"
    )
    # new_decision is derived from the resolution when left out; limit and rate are required
    assert {"limit", "rate"} <= set(assert_problem(bad, 422, "validation")["errors"])
    wrong = api.post(
        f"/appeals/{appeal['id']}/resolve",
        {"resolution": "overturn", "message": "번복", "new_decision": "approve_conditional"},
        "senior2",
    )
    assert "new_decision" in assert_problem(wrong, 422, "validation")["errors"]
    made_up = api.post(  # the catalogue rule (app/rules/reason_codes.py): uphold keeps denial
        f"/appeals/{appeal['id']}/resolve",  # codes; a made-up or approval code is refused
        {**uphold, "reason_codes": ["A01", "CREDIT-APPR-INCOME-001"]},
        "senior2",
    )
    reason = assert_problem(made_up, 422, "validation")["errors"]["reason_codes"]
    assert "A01" in reason and "CREDIT-APPR-INCOME-001" in reason
    stale = api.post(f"/appeals/{appeal['id']}/resolve", uphold, "senior2", version=99)
    assert_problem(stale, 412, "version_mismatch")
    r = api.post(
        f"/appeals/{appeal['id']}/resolve",
        {
            "resolution": "overturn",
            "message": "증빙 확인",
            "new_decision": "approve",
            "limit": 25_000_000,
            "rate": 6.0,
        },
        "senior2",
        version=appeal["version"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "resolved"
    assert r.json()["data"]["resolved_by"] == "u_senior2"
    # "원래 결정을 번복하여 승인": the case is approved with the new terms (it stayed rejected)
    case = next(e for e in r.json()["related"] if e["id"] == "C-REJ-2")
    assert case["status"] == "approved" and case["final_decision"] == "approve"
    assert case["approved_terms"] == {"limit": 25_000_000, "rate": 6.0, "conditions": []}
    assert api.get("/cases/C-REJ-2", "auditor1").json()["status"] == "approved"
    task = next(e for e in r.json()["related"] if e.get("type") == "appeal_review")
    assert task["status"] == "completed"
    again = api.post(f"/appeals/{appeal['id']}/resolve", uphold, "senior2")
    assert_problem(again, 409, "conflict")


def test_qa_sample_and_review_band(api: Api) -> None:
    for _ in range(3):
        _, task = api.new_case()
        api.post(
            f"/tasks/{task['id']}/actions/deny",
            {"reason_codes": [DENY_CODE], "note": "n", "improvement_advice": "a"},
            "reviewer1",
        )
    r = api.post(
        "/qa/samples",
        {"from": "2026-11-19T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rate": 1.0},
        "qa1",
    )
    assert r.status_code == 200, r.text
    summary = r.json()["data"]
    assert summary["count"] == summary["population"] >= 3 and summary["tasks"]
    review = next(e for e in r.json()["related"] if e["id"].startswith("Q-"))
    scores = {
        "procedure": 20,
        "judgement": 19,
        "documentation": 18,
        "timeliness": 20,
        "communication": 19,
    }
    r = api.post(
        "/qa/reviews", {"case_id": review["case_id"], "scores": scores, "notes": "우수"}, "qa1"
    )
    assert r.json()["data"]["total"] == 96 and r.json()["data"]["band"] == "excellent"
    low = {**scores, "judgement": 5, "documentation": 5}
    r = api.post("/qa/reviews", {"case_id": review["case_id"], "scores": low}, "qa1")
    assert r.json()["data"]["band"] == "poor"
    bad = api.post(
        "/qa/reviews", {"case_id": review["case_id"], "scores": {**scores, "procedure": 25}}, "qa1"
    )
    assert "scores.procedure" in assert_problem(bad, 422, "validation")["errors"]
    missing = api.post(
        "/qa/reviews", {"case_id": review["case_id"], "scores": {"procedure": 1}}, "qa1"
    )
    assert_problem(missing, 422, "validation")
    assert_problem(
        api.post("/qa/reviews", {"case_id": review["case_id"], "scores": scores}, "reviewer1"),
        403,
        "forbidden",
    )


def test_checkpoint_feedback_schema_exact(api: Api) -> None:
    cp = api.get("/checkpoints/HC-2026-11-20-001", "auditor1").json()
    assert cp["mode"] == "scheduled" and cp["signals"][0]["id"] == "AS-001"
    extra = {**FEEDBACK, "mood": "ok"}
    assert (
        "mood"
        in assert_problem(
            api.post("/checkpoints/HC-2026-11-20-001/feedback", extra), 422, "validation"
        )["errors"]
    )
    no_pd = {k: v for k, v in FEEDBACK.items() if k != "proposal_decisions"}
    assert_problem(api.post("/checkpoints/HC-2026-11-20-001/feedback", no_pd), 422)
    wrong = {**FEEDBACK, "signals_reviewed": ["AS-999"]}
    assert_problem(api.post("/checkpoints/HC-2026-11-20-001/feedback", wrong), 422)
    assert_problem(
        api.post("/checkpoints/HC-2026-11-20-001/feedback", FEEDBACK, "reviewer1"), 403, "forbidden"
    )
    r = api.post("/checkpoints/HC-2026-11-20-001/feedback", FEEDBACK, version=cp["version"])
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["status"] == "answered" and data["feedback"]["mode"] == "scheduled"
    assert data["proposals"][0]["confidence"] < 0.8  # disputed lowers confidence
    assert_problem(api.post("/checkpoints/HC-2026-11-20-001/feedback", FEEDBACK), 409)
    audit = api.get("/audit", "auditor1", params={"id": "HC-2026-11-20-001"}).json()
    assert audit["events"][-1]["action"] == "hitl_checkpoint"


def test_approval_response_levels_and_log(api: Api) -> None:
    dec = api.get("/decisions/EX-002", "senior1").json()
    assert dec["approval_request"]["required_level"] == "DIVISION"
    assert_problem(api.post("/approvals/AR-002/responses", APPROVED, "senior1"), 403, "E006")
    claim = {**APPROVED, "approval_level": "EXECUTIVE"}
    assert_problem(api.post("/approvals/AR-002/responses", claim, "senior2"), 403, "E006")
    assert_problem(api.post("/approvals/AR-002/responses", APPROVED, "reviewer1"), 403)
    assert_problem(api.get("/decision-logs/EX-001"), 404, "not_found")
    r = api.post("/approvals/AR-001/responses", APPROVED, "senior1", version=1)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "APPROVED"
    assert r.json()["decision_log"]["final_status"] == "APPROVED"
    assert r.json()["related"][0]["execution"]["status"] == "COMPLETED"
    assert api.get("/decision-logs/EX-001").json()["selected_option_id"] == "OPT-B"
    assert_problem(api.post("/approvals/AR-001/responses", APPROVED, "senior2"), 409)
    r = api.post("/approvals/AR-003/escalate", {"reason": "상위 결재 필요"}, "admin1")
    assert r.json()["data"]["required_level"] == "DIVISION"
    assert r.json()["data"]["status"] == "ESCALATED"
    bad = api.post("/approvals/AR-003/responses", {**APPROVED, "rationale": ""}, "senior2")
    assert "rationale" in assert_problem(bad, 422, "validation")["errors"]


def test_calls_segments_acw(api: Api) -> None:
    live = {c["id"] for c in api.get("/calls", "agent1", params={"state": "live"}).json()}
    assert {"CALL-001", "CALL-002"} <= live and "CALL-003" not in live
    segs = api.get("/calls/CALL-001/segments", "agent1").json()
    assert [next(iter(s)) for s in segs] == ["Transcript", "Transcript"]  # partial replaced
    after = api.get("/calls/CALL-001/segments", "agent1", params={"after": "S1"}).json()
    assert after == segs[1:]
    assert_problem(api.get("/calls/NOPE/segments", "agent1"), 404)
    acw = {"summary": "한도 문의", "disposition": "resolved", "follow_up": ""}
    assert_problem(api.post("/calls/CALL-002/after-call-work", acw, "agent1"), 422)
    # only the call's agent (issue 14: agent2 writing agent1's after-call work was 200)
    assert_problem(api.post("/calls/CALL-001/after-call-work", acw, "agent2"), 403, "forbidden")
    bad = {**acw, "callback_at": "1970-01-01T00:00:00Z", "disposition": "happy"}
    errors = assert_problem(api.post("/calls/CALL-001/after-call-work", bad, "agent1"), 422)
    assert {"callback_at", "disposition"} <= set(errors["errors"])
    long = {**acw, "summary": "가" * 4001}
    assert (
        "summary"
        in assert_problem(api.post("/calls/CALL-001/after-call-work", long, "agent1"), 422)[
            "errors"
        ]
    )
    r = api.post("/calls/CALL-001/after-call-work", acw, "agent1")
    assert r.json()["data"]["state"] == "ended"
    assert_problem(api.post("/calls/CALL-001/after-call-work", acw, "agent1"), 409)
    assert_problem(api.post("/calls/CALL-001/after-call-work", acw, "reviewer1"), 403)


def test_knowledge_search_and_recommendations(api: Api) -> None:
    hits = api.get("/knowledge/search", "agent1", params={"q": "한도를 올리고 싶어요"}).json()
    assert hits[0]["id"] == "KB-001" and hits[0]["score"] > 0
    assert api.get("/knowledge/search", "agent1", params={"q": ""}).json() == []
    recs = api.get("/calls/CALL-001/recommendations", "agent1").json()
    assert recs[0]["article_id"] == "KB-001"
    assert recs[0]["trigger"]["source"] == "ISSUE_DETECTION"
    assert recs[0]["relevance_level"] in ("HIGH", "MEDIUM", "LOW")


def test_queues_stats_and_sla_report(api: Api) -> None:
    ids = [q["id"] for q in api.get("/queues", "supervisor1").json()]
    assert "credit_review" in ids
    api.new_case(priority="p0")
    stats = api.get("/queues/credit_review/stats", "supervisor1").json()
    assert set(stats["metrics"]) == {
        "AGENTS_ONLINE",
        "AGENTS_AVAILABLE",
        "AGENTS_ON_CONTACT",
        "AGENTS_AFTER_CONTACT_WORK",
        "CONTACTS_IN_QUEUE",
        "OLDEST_CONTACT_AGE",
    }
    assert stats["waiting_by_priority"]["p0"] >= 1 and stats["metrics"]["AGENTS_ONLINE"] >= 1
    for queue_id in ids:  # numbers that agree with each other on every queue
        one = api.get(f"/queues/{queue_id}/stats", "supervisor1").json()
        m, level = one["metrics"], one["service_level"]["percent"]
        states = m["AGENTS_AVAILABLE"] + m["AGENTS_ON_CONTACT"] + m["AGENTS_AFTER_CONTACT_WORK"]
        assert states == m["AGENTS_ONLINE"], queue_id  # one state per agent
        if one["breached"]:
            assert level is not None and level < 100.0, queue_id  # not "100 %" beside breaches
    assert_problem(api.get("/queues/credit_review/stats", "reviewer1"), 403)
    assert_problem(api.get("/queues/nope/stats", "supervisor1"), 404)
    report = api.get(
        "/ops/sla-report",
        "admin1",
        params={"from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z"},
    ).json()
    assert any(r["priority"] == "p0" for r in report["by_priority"])
    assert_problem(api.get("/ops/sla-report", "admin1", params={"from": "x", "to": "y"}), 422)
