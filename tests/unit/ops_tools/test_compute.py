"""The tools' pure computations: the figures each answer states, from data passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.ops_tools import compute
from app.ops_tools.catalog import BY_NAME
from app.rules import reports, sla

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # Friday 10:00 KST


def _work(wid: str, queue: str, started: datetime, policy: str = "p0", assignee=None):
    clock = sla.start(policy, started)
    return compute.OpenWork(wid, queue, policy, "open", assignee, started, clock)


def test_breaching_within_hours_and_queue_health() -> None:
    work = [
        _work("late", "credit_review", NOW - timedelta(hours=5)),  # P0 (4 h): breached already
        _work("soon", "credit_review", NOW - timedelta(hours=1)),  # 3 h left
        _work("later", "appeals", NOW, "p3"),  # 72 h
        _work("taken", "appeals", NOW - timedelta(minutes=190), assignee="u_senior1"),  # 50 min
    ]
    two = compute.breaching_cases(work, NOW, hours=2)
    assert [r[0] for r in two.table.rows] == ["late", "taken"] and two.count == 2
    assert two.table.rows[0][4] < 0 < two.table.rows[1][4]  # remaining seconds, signed
    four = compute.breaching_cases(work, NOW, hours=4, queue="credit_review")
    assert four.count == 2
    health = compute.queue_health(["credit_review", "appeals", "qa_review"], work, NOW, 4)
    rows = {r[0]: r for r in health.table.rows}
    # waiting, oldest (s), at risk (< 1 h left, not yet breached), breaching within 4 h
    assert rows["credit_review"][1:] == [2, 5 * 3600, 0, 2]
    assert rows["appeals"][1:] == [1, 0, 1, 1] and rows["qa_review"][1:] == [0, None, 0, 0]
    assert health.waiting == 3 and health.breaching == 3
    assert health.series is not None and health.series.y == [1.0, 2.0, 0.0]
    # a fix is a proposal that needs approval, never an action
    assert {p.target for p in health.proposals} == {"credit_review", "appeals"}
    assert all(p.status == "needs_approval" for p in health.proposals)
    assert BY_NAME["queue_health"].answer.model_validate(health.model_dump()) == health


def test_availability_per_skill() -> None:
    people = [
        compute.Person("u1", "김상담", ("general", "msp_emergency")),
        compute.Person("u2", "이상담", ("general",)),
        compute.Person("u3", "박검토", ("credit_review",)),
    ]
    out = compute.availability(people, online={"u1", "u2"}, busy={"u2"})
    assert out.table.rows == [
        ["credit_review", 1, 0, 0, ""],
        ["general", 2, 2, 1, "김상담"],
        ["msp_emergency", 1, 1, 1, "김상담"],
    ]
    assert out.available == 1
    assert compute.availability(people, {"u3"}, set(), skill="credit_review").available == 1


def test_sla_today_against_target() -> None:
    met = sla.start("p1", NOW - timedelta(hours=1))
    met.met_at = NOW - timedelta(minutes=30)
    late = sla.start("p0", NOW - timedelta(minutes=90))
    late.breached_at = NOW - timedelta(minutes=5)
    items = [reports.SlaItem("p1", "q", NOW - timedelta(hours=1), met),
             reports.SlaItem("p0", "q", NOW - timedelta(minutes=90), late),
             reports.SlaItem("p1", "q", NOW - timedelta(days=2), met)]  # fmt: skip
    out = compute.sla_today(items, NOW, 90.0)
    assert out.compliance_percent == 50.0 and out.meets_target is False
    assert "50.0%" in out.summary_ko and "90%" in out.summary_en
    assert compute.sla_today([], NOW, 90.0).compliance_percent is None


def test_alerts_jobs_health_and_audit() -> None:
    ago = lambda **kw: NOW - timedelta(**kw)  # noqa: E731
    alerts = [(ago(minutes=10), "sla_breach"), (ago(hours=2), "sla_warning"),
              (ago(hours=30), "sla_breach")]  # fmt: skip
    out = compute.recent_alerts(alerts, NOW, hours=24)
    assert out.total == 2 and out.by_kind == {"sla_breach": 1, "sla_warning": 1}
    assert len(out.series.y) == 24 and sum(out.series.y) == 2 and out.series.y[-1] == 1
    assert compute.recent_alerts(alerts, NOW, 24, kind="sla_warning").total == 1
    jobs = compute.scheduled_jobs(["reports"], NOW - timedelta(minutes=10), 30.0,
                                  [(NOW, "reports: boom")], NOW)  # fmt: skip
    assert jobs.failures == 1 and jobs.proposals[0].action == "restart_scheduler"
    fresh = compute.scheduled_jobs(["reports"], NOW - timedelta(seconds=20), 30.0, [], NOW)
    assert fresh.proposals == [] and fresh.next_run == "2026-11-20T01:00:10Z"
    health = compute.service_health(database_ok=True, dialect="sqlite", leader=True,
                                    instance="a", last_run=NOW, subscribers=3,
                                    instances=["a"], now=NOW)  # fmt: skip
    assert health.proposals == [] and health.summary_ko.startswith("정상")
    bad = compute.audit_status({"verified": False, "rows": 9, "problem": "row 3 changed"})
    assert not bad.verified and "row 3 changed" in bad.summary_en
    assert "not chained" not in bad.summary_en and ["pending", 0] in bad.table.rows
    waiting = compute.audit_status({"verified": False, "rows": 9, "pending": 3,
                                    "problem": "the head's signature does not match"})  # fmt: skip
    assert ["pending", 3] in waiting.table.rows
    assert "3 not chained yet" in waiting.summary_en and "체인 대기 3건" in waiting.summary_ko
