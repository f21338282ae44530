"""Daily / weekly / monthly operations reports written by Scheduler.tick when their KST
period ends — once each, also when the server was down across the end."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.domain.enums import CaseStatus, EntityKind, Priority
from server import tables as t
from server.demo.cases import build_case, sla_dict
from tests.integration.jobs.conftest import T0

DAY_END = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 2026-11-24 00:00 KST


def _reports(env) -> dict[str, dict]:
    with env.db.read() as s:
        return {r.id: r.data for r in s.execute(select(t.ops_reports.c.id, t.ops_reports.c.data))}


def test_daily_report_at_the_kst_midnight_then_weekly_and_monthly_after_downtime(env) -> None:
    case, _ = build_case(random.Random(3), "case_r1", T0, priority=Priority.P0,
                         status=CaseStatus.OPEN)  # fmt: skip
    case["created_at"] = T0.isoformat()
    case["sla"] = sla_dict(Priority.P0, T0)
    env.put(EntityKind.CASE, case)
    env.at(T0)  # the first run records where reporting starts
    env.at(DAY_END - timedelta(seconds=1))
    assert _reports(env) == {}
    env.at(DAY_END)
    env.at(DAY_END + timedelta(minutes=1))
    reports = _reports(env)
    assert list(reports) == ["daily-2026-11-23"]
    daily = reports["daily-2026-11-23"]
    assert daily["first_day"] == daily["last_day"] == "2026-11-23"
    assert daily["sla"]["by_priority"] == [
        {"priority": "p0", "total": 1, "met": 0, "breached": 1, "in_progress": 0,
         "compliance_percent": 0.0}
    ]  # fmt: skip
    env.restart()  # down until 2026-12-02 10:00 KST
    env.at(datetime(2026, 12, 2, 1, 0, tzinfo=UTC))
    env.at(datetime(2026, 12, 2, 1, 1, tzinfo=UTC))
    ids = sorted(_reports(env))
    assert [i for i in ids if i.startswith("daily")] == [
        f"daily-2026-{d}" for d in ("11-23", "11-24", "11-25", "11-26", "11-27", "11-28",
                                    "11-29", "11-30", "12-01")
    ]  # fmt: skip
    assert [i for i in ids if not i.startswith("daily")] == ["monthly-2026-11", "weekly-2026-11-23"]


def test_the_demo_has_reports_from_its_first_tick(env) -> None:
    """The demo's cases go back weeks: its reports start 5 weeks before it was seeded, so a
    person opening the ops desk's Reports tab sees daily, weekly and monthly reports at once."""
    from server.demo import seed_demo_once

    assert seed_demo_once(env.db, T0)
    env.at(T0)  # the first tick after seeding
    ids = list(_reports(env))
    assert sum(i.startswith("daily-") for i in ids) == 35
    assert any(i.startswith("weekly-") for i in ids) and any(i.startswith("monthly-") for i in ids)
