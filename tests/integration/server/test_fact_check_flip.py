"""Fact-checking for real (seed 003): a generated report whose figure is changed in the KPI data
store flips from verified to mismatch — on read, in the change feed after the scheduler's
``fact_checks`` job, and at approval, which then needs a recorded override reason (422 naming
``note``; the reason is kept in the audit event)."""

from __future__ import annotations

from conftest import Api, Clock, assert_problem

from app.domain.enums import EntityKind
from app.domain.generated import FactCheckResult, GeneratedContent, GeneratedKind
from app.domain.wire import to_wire
from app.rules import fact_check, kpi, reports
from server import storage
from server.jobs import fact_checks
from server.kpi_store import Lookup


def _report(db, clock: Clock, gid: str) -> str:
    """A report stating today's case count as the KPI store has it now; returns the figure."""
    now = clock()
    period = kpi.period_key("daily", reports.period_start("daily", now))
    name = f"cases_created@{period}"
    with db.read() as s:
        count = Lookup(s, now)([name])[name]
    body = f"오늘 접수된 케이스는 {count:g}건입니다."
    claims = fact_check.annotate(body, [(f"{count:g}건", name)])
    check = FactCheckResult(now, claims, "KPI data store")
    content = GeneratedContent(gid, GeneratedKind.NARRATIVE_REPORT, "오늘의 접수", body,
                               fact_check=check)  # fmt: skip
    with db.session() as s:
        storage.put(s, EntityKind.GENERATED, to_wire(content), actor="system", now=now)
        s.commit()
    return f"{count:g}건"


def _claim(api: Api, gid: str) -> dict:
    (claim,) = api.get(f"/generated/{gid}", "senior1").json()["fact_check"]["claims"]
    return claim


def test_changed_data_flips_a_verified_report_to_mismatch(api: Api, db, clock: Clock) -> None:
    stated = _report(db, clock, "GEN-FLIP-1")
    before = _claim(api, "GEN-FLIP-1")
    assert before["text"] == stated and before["matches"] is True
    api.new_case()  # one more case today: the store's figure moves on
    after = _claim(api, "GEN-FLIP-1")
    assert after["matches"] is False and after["stored_value"] == before["stored_value"] + 1

    # the scheduler's job saves the new check, so the change feed brings it to workstations
    with db.session() as s:
        storage.set_meta(s, fact_checks.LAST_KEY, "2020-01-01T00:00:00Z")  # due now
        fact_checks.run(s, None, clock())
        s.commit()
    api.new_case()  # the figure moves again, but the job's next pass is 5 minutes away
    with db.session() as s:
        fact_checks.run(s, None, clock())
        assert storage.get(s, EntityKind.GENERATED, "GEN-FLIP-1")["version"] == 2
        s.commit()
    feed = api.get("/changes", "senior1", params={"limit": 1000}).json()
    while feed["has_more"]:
        nxt = api.get("/changes", "senior1", params={"since": feed["cursor"], "limit": 1000})
        feed = {**nxt.json(), "changes": feed["changes"] + nxt.json()["changes"]}
    [*_, last] = [c for c in feed["changes"] if c["id"] == "GEN-FLIP-1"]
    assert last["version"] == 2 and last["data"]["fact_check"]["claims"][0]["matches"] is False

    # approving content with an unverified figure needs the recorded override reason
    refused = assert_problem(
        api.post("/generated/GEN-FLIP-1/decision", {"decision": "approve"}, "senior1"), 422
    )
    assert set(refused["errors"]) == {"note"}
    reason = "접수 건수는 보고 시점 기준이라 승인"
    ok = api.post("/generated/GEN-FLIP-1/decision", {"decision": "approve", "note": reason},
                  "senior1")  # fmt: skip
    assert ok.status_code == 200, ok.text
    audit = api.get("/audit", "auditor1", params={"entity": "generated", "id": "GEN-FLIP-1"})
    (event,) = audit.json()["events"]
    assert event["data"]["override_reason"] == reason
    assert event["data"]["unverified"] == [stated]


def test_a_report_that_still_checks_out_approves_without_a_note(api: Api, db, clock) -> None:
    _report(db, clock, "GEN-FLIP-2")
    assert _claim(api, "GEN-FLIP-2")["matches"] is True
    ok = api.post("/generated/GEN-FLIP-2/decision", {"decision": "approve"}, "senior1")
    assert ok.status_code == 200, ok.text
