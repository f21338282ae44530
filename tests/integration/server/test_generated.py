"""Generated content (seed 003) over real HTTP: GET /generated/{id}, the ``generated`` kind in the
change feed, POST /generated/{id}/decision (roles, note rule, If-Match, first writer wins,
idempotency, audit) and the workstation's own outbox row accepted as sent."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from client_rows import local_store, only_row, push_row
from conftest import START, Api, assert_problem

from app.domain.enums import EntityKind, Role
from app.domain.generated import FactCheckResult, GeneratedContent, GeneratedKind
from app.domain.people import User
from app.domain.wire import to_wire
from app.rules.fact_check import annotate
from app.services.decision_actions import generated_decision
from app.store.lookups import get_generated
from server import storage


def _content(gid: str, passed: bool, now: datetime) -> dict:
    """Figures of a day the store has no data for: 0 cases is what the KPI store says."""
    stated = "0건" if passed else "5건"
    body = f"2020년 1월 1일 접수 케이스는 {stated}, 이의 제기 처리는 0건입니다."
    figures = [(stated, "cases_created@daily:2020-01-01"),
               ("0건", "appeals_resolved@daily:2020-01-01")]  # fmt: skip
    claims = annotate(body, figures)
    return to_wire(
        GeneratedContent(
            gid,
            GeneratedKind.NARRATIVE_REPORT,
            f"보고서 {gid}",
            body,
            generated_at=now - timedelta(hours=1),
            fact_check=FactCheckResult(now, claims, "KPI datastore"),
        )
    )


@pytest.fixture(scope="module", autouse=True)
def generated_items(db) -> None:
    with db.session() as s:
        for gid, passed in (("GEN-T-1", False), ("GEN-T-2", True), ("GEN-T-3", True)):
            storage.put(s, EntityKind.GENERATED, _content(gid, passed, START), actor="system",
                        now=START)  # fmt: skip
        s.commit()


def _decide(api: Api, gid: str, body: dict, user: str = "senior1", **kw):
    return api.post(f"/generated/{gid}/decision", body, user, **kw)


def test_get_and_change_feed_carry_generated_content(api: Api) -> None:
    item = api.get("/generated/GEN-T-1", "auditor1").json()
    assert item["status"] == "pending" and item["version"] == 1
    claims = item["fact_check"]["claims"]  # checked against the KPI store on read
    assert [(c["text"], c["matches"], c["stored_value"]) for c in claims] == [
        ("5건", False, 0),
        ("0건", True, 0),
    ]
    assert_problem(api.get("/generated/NOPE", "auditor1"), 404, "not_found")
    assert api.get("/generated/GEN-T-1", None).status_code == 401
    feed = api.get("/changes", "auditor1", params={"limit": 1000}).json()
    kinds = {c["id"]: c["entity"] for c in feed["changes"]}
    assert kinds["GEN-T-1"] == "generated" and kinds["GEN-T-2"] == "generated"


def test_decision_rules_roles_versions_and_first_writer(api: Api) -> None:
    ok = {"decision": "request_changes", "note": "연체율 2.1%로 수정"}
    assert_problem(_decide(api, "GEN-T-1", ok, "reviewer1"), 403, "forbidden")
    assert_problem(_decide(api, "GEN-T-1", ok, "admin1"), 403, "forbidden")  # access.py
    assert_problem(_decide(api, "GEN-T-1", ok, key=None), 400, "idempotency_key_missing")
    bad = assert_problem(_decide(api, "GEN-T-1", {"decision": "approve"}), 422, "validation")
    assert set(bad["errors"]) == {"note"}  # a failed fact-check needs a note to approve
    assert "decision" in assert_problem(_decide(api, "GEN-T-1", {"decision": "ok"}), 422)["errors"]
    stale = assert_problem(_decide(api, "GEN-T-1", ok, version=7), 412, "version_mismatch")
    assert stale["current"]["status"] == "pending"
    first = _decide(api, "GEN-T-1", ok, key="gen-t-1-key", version=1)
    assert first.status_code == 200, first.text
    data = first.json()["data"]
    assert data["status"] == "changes_requested" and data["reviewer_id"] == "u_senior1"
    assert data["review_note"] == ok["note"] and data["version"] == 2
    again = _decide(api, "GEN-T-1", ok, key="gen-t-1-key", version=1)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    late = _decide(api, "GEN-T-1", {"decision": "approve", "note": "x"}, "senior2")
    assert assert_problem(late, 409, "conflict")["current"]["status"] == "changes_requested"
    audit = api.get("/audit", "auditor1", params={"entity": "generated", "id": "GEN-T-1"}).json()
    (event,) = audit["events"]
    assert event["action"] == "generated_decision" and event["actor"] == "u_senior1"
    assert event["data"]["decision"] == "request_changes" and audit["chain_verified"]


def test_passed_fact_check_approves_without_a_note(api: Api) -> None:
    r = _decide(api, "GEN-T-2", {"decision": "approve"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "approved"


def test_the_workstation_row_is_accepted_as_sent(api: Api, tmp_path) -> None:
    store = local_store(tmp_path, api, ("generated", "/generated/GEN-T-3"))
    senior = User("u_senior1", "Senior1", [Role.SENIOR_REVIEWER])
    form = {"decision": "reject", "note": "근거 부족"}
    generated_decision(store, senior, "GEN-T-3", form, START)
    row = only_row(store)
    assert (row.entity_kind, row.if_match) == ("generated", 1)
    r = push_row(api, row, "senior1")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["id"] == "GEN-T-3" and r.json()["data"]["status"] == "rejected"
    with store.session() as s:  # the optimistic copy already says what the server now says
        assert get_generated(s, "GEN-T-3").status.value == "rejected"
    store.close()
