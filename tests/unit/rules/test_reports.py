"""Operations reports: KST-day boundaries, periods stepped across their ends, the figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.domain.enums import AppealResolution, AppealStatus, Priority, QABand
from app.domain.people import Appeal, QAReview
from app.rules import reports as r
from app.rules import sla

S = timedelta(seconds=1)
MON = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)  # Monday 2026-11-23 00:00 KST


def test_day_bounds_are_kst_days_both_inclusive() -> None:
    start, end = r.day_bounds(date(2026, 11, 23), date(2026, 11, 24))
    assert start == MON and end == MON + timedelta(days=2)
    assert r.bounds("2026-11-23", "2026-11-24") == (start, end)
    rfc = r.bounds("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z")
    assert rfc == (datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 24, tzinfo=UTC))
    d = r.describe(start, end)
    assert (d["first_day"], d["last_day"], d["zone"]) == ("2026-11-23", "2026-11-24", "Asia/Seoul")
    assert "inclusive" in d["boundaries"]


def test_a_case_at_23_30_kst_on_the_last_day_counts() -> None:
    late = MON + timedelta(days=1, hours=23, minutes=30)  # 11-24 23:30 KST = 14:30 UTC
    item = r.SlaItem("p1", "credit_review", late, sla.start(sla.policy_for(Priority.P1), late))
    start, end = r.bounds("2026-11-23", "2026-11-24")
    assert r.sla_report([item], start, end, late)["by_priority"][0]["total"] == 1
    utc_start, utc_end = r.bounds("2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z")
    assert r.sla_report([item], utc_start, utc_end, late)["by_priority"][0]["total"] == 1
    start, end = r.bounds("2026-11-25", "2026-11-25")
    assert r.sla_report([item], start, end, late)["rows"] == []


def test_periods_due_across_their_ends() -> None:
    assert r.periods_due("daily", MON, MON + timedelta(days=1) - S) == []
    assert r.periods_due("daily", MON, MON + timedelta(days=1)) == [(MON, MON + timedelta(days=1))]
    assert len(r.periods_due("daily", MON, MON + timedelta(days=3, hours=2))) == 3
    assert r.periods_due("weekly", MON + timedelta(hours=5), MON + timedelta(days=7) - S) == []
    assert len(r.periods_due("weekly", MON + timedelta(hours=5), MON + timedelta(days=7))) == 1
    dec1 = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 2026-12-01 00:00 KST
    assert r.periods_due("monthly", MON, dec1 - S) == []
    ((start, end),) = r.periods_due("monthly", MON, dec1)
    assert r.report_id("monthly", start) == "monthly-2026-11" and end == dec1
    assert r.report_id("weekly", MON) == "weekly-2026-11-23"
    assert r.report_id("daily", MON) == "daily-2026-11-23"


def test_ops_report_figures() -> None:
    end = MON + timedelta(days=1)
    p0 = sla.start(sla.policy_for(Priority.P0), MON + timedelta(hours=1))
    met = sla.mark_met(p0, MON + timedelta(hours=3))
    late = sla.mark_met(p0, MON + timedelta(hours=6))
    items = [
        r.SlaItem("p0", "credit_review", MON + timedelta(hours=1), met),
        r.SlaItem("p0", "credit_review", MON + timedelta(hours=1), late),
    ]
    appeal = Appeal(
        "AP-1", "c1", "이의", status=AppealStatus.RESOLVED,
        submitted_at=MON + timedelta(hours=2), resolved_at=MON + timedelta(hours=12),
        resolution=AppealResolution.OVERTURN,
    )  # fmt: skip
    qa = [
        QAReview("Q1", "c1", "u_qa1", total=96.0, created_at=MON + timedelta(hours=4)),
        QAReview("Q2", "c2", "u_qa1", total=80.0, band=QABand.NEEDS_IMPROVEMENT,
                 created_at=MON + timedelta(hours=5)),
    ]  # fmt: skip
    rep = r.ops_report(
        "daily", MON, end, end, sla_items=items, appeals=[appeal],
        rejected_case_ids=["c1", "c2"], qa_reviews=qa,
    )  # fmt: skip
    assert rep["id"] == "daily-2026-11-23" and rep["first_day"] == "2026-11-23"
    (line,) = rep["sla"]["by_priority"]
    assert (line["met"], line["breached"], line["compliance_percent"]) == (1, 1, 50.0)
    assert rep["appeals"]["submission_rate"] == 50.0
    assert rep["appeals"]["overturn_rate"] == 100.0
    assert rep["appeals"]["resolution_p95_hours"] == 10.0
    assert rep["resolution_p95_hours"] == {"p0": 5.0}
    assert rep["qa_bands"] == {"excellent": 1, "needs_improvement": 1}
    rows = r.csv_rows(rep)
    assert rows[0] == list(r.CSV_HEADER)
    assert ["sla_priority", "p0", "2", "1", "1", "0", "50.0"] in rows
    assert ["appeals", "submission_rate", "", "", "", "", "50.0"] in rows
