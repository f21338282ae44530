"""Operations metrics: service-level bands, queue status, burst (50 → 500 a day), appeals
health, report aggregation, periods and CSV rows — checked against hand-computed figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.enums import AppealResolution, AppealStatus
from app.domain.people import Appeal
from app.rules import ops_metrics as om

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 12:00 in Seoul


def stats(**kw) -> dict:
    base = {
        "waiting_by_priority": {"p0": 1, "p1": 2, "p2": 0, "p3": 4},
        "at_risk": 0,
        "breached": 0,
        "handled_today": 3,
        "service_level": {"threshold_s": 900, "percent": 92.0},
        "metrics": {"CONTACTS_IN_QUEUE": 7, "OLDEST_CONTACT_AGE": 120},
    }
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (None, "unknown"),
        (100.0, "ok"),
        (80.0, "ok"),
        (79.9, "warning"),
        (70.0, "warning"),
        (69.9, "critical"),
    ],
)
def test_service_level_band(percent, band) -> None:
    assert om.service_level_band(percent) == band


def test_queue_status() -> None:
    assert om.queue_status(stats()) == "ok"
    assert om.queue_status(stats(at_risk=1)) == "warning"
    assert om.queue_status(stats(breached=1, at_risk=1)) == "critical"
    assert om.queue_status(stats(service_level={"percent": 75.0})) == "warning"
    assert om.queue_status(stats(service_level={"percent": 40.0})) == "critical"
    assert om.waiting_total(stats()) == 7


def test_totals_take_worst_service_level_and_sum_counts() -> None:
    t = om.totals(
        [stats(), stats(at_risk=2, breached=1, service_level={"percent": 50.0}, handled_today=1)]
    )
    assert (t.in_queue, t.oldest_age_s, t.at_risk, t.breached) == (14, 120, 2, 1)
    assert t.handled_today == 4 and t.service_level == 50.0 and t.status == "critical"
    assert om.totals([]).status == "ok"


def test_merge_stats_keeps_what_a_partial_snapshot_lacks() -> None:
    full = stats()
    merged = om.merge_stats(full, {"at_risk": 5, "waiting_by_priority": {"p0": 9}})
    assert merged["at_risk"] == 5
    assert merged["waiting_by_priority"] == {"p0": 9, "p1": 2, "p2": 0, "p3": 4}
    assert merged["metrics"] == full["metrics"]


def _arrivals(count: int, within: timedelta) -> list[datetime]:
    return [NOW - within * (i + 0.5) / count for i in range(count)]


def test_burst_normal_day_is_ok() -> None:
    # 50 a day is ~4 in two hours
    b = om.burst(_arrivals(4, timedelta(hours=2)), NOW)
    assert b.level == "ok" and b.arrivals == 4 and b.per_day == pytest.approx(48.0)


def test_burst_runbook_500_a_day_is_critical() -> None:
    # 500 a day is ~42 in two hours: 10× the normal 50
    b = om.burst(_arrivals(42, timedelta(hours=2)), NOW)
    assert b.per_day == pytest.approx(504.0) and b.factor == pytest.approx(10.08)
    assert b.level == "critical"


def test_burst_warning_band_and_minimum_count() -> None:
    assert om.burst(_arrivals(13, timedelta(hours=2)), NOW).level == "warning"  # 156/day
    rule = om.BurstRule(window=timedelta(minutes=10))
    few = om.burst(_arrivals(4, timedelta(minutes=10)), NOW, rule)  # 576/day, but only 4
    assert few.per_day == pytest.approx(576.0) and few.level == "ok"
    old = [NOW - timedelta(hours=3)] * 100  # outside the window
    assert om.burst(old, NOW).arrivals == 0


def _appeal(i: int, resolution: str | None, hours: float) -> Appeal:
    submitted = NOW - timedelta(days=10)
    return Appeal(
        id=f"A{i}",
        case_id=f"C{i}",
        reason="r",
        status=AppealStatus.RESOLVED if resolution else AppealStatus.SUBMITTED,
        submitted_at=submitted,
        resolution=AppealResolution(resolution) if resolution else None,
        resolved_at=submitted + timedelta(hours=hours) if resolution else None,
    )


def test_appeals_health() -> None:
    items = [_appeal(i, "uphold", 10 + i) for i in range(8)]
    items += [_appeal(8, "overturn", 30), _appeal(9, "partial", 100), _appeal(10, None, 0)]
    h = om.appeals_health(items)
    assert h.resolved == 10
    assert h.overturn_rate == pytest.approx(10.0) and h.overturn_level == "ok"
    assert h.p95_hours == pytest.approx(100.0) and h.p95_level == "critical"
    assert om.appeals_health([]).overturn_level == "unknown"


def test_combine_recomputes_compliance() -> None:
    lines = [
        {"total": 9, "met": 4, "breached": 0, "in_progress": 5},
        {"total": 12, "met": 6, "breached": 1, "in_progress": 5},
    ]
    assert om.combine(lines) == {
        "total": 21, "met": 10, "breached": 1, "in_progress": 10, "compliance_percent": 90.9,
    }  # fmt: skip
    assert om.compliance(0, 0) is None


def test_periods_days_and_weeks_in_seoul() -> None:
    start = datetime(2026, 11, 16, 15, 0, tzinfo=UTC)  # Tue 00:00 KST
    end = start + timedelta(days=3)
    days = om.periods(start, end, "day")
    assert len(days) == 3 and days[0][0] == start and days[-1][1] == end
    weeks = om.periods(start, start + timedelta(days=10), "week")
    assert len(weeks) == 2
    assert weeks[0][1].astimezone(om.KST).weekday() == 0  # the next Monday
    with pytest.raises(ValueError):
        om.periods(start, end, "month")


def test_csv_rows() -> None:
    report = {
        "by_priority": [{"priority": "p0", "total": 2, "met": 1, "breached": 1,
                         "in_progress": 0, "compliance_percent": 50.0}],
        "by_queue": [{"queue_id": "credit_review", "total": 2, "met": 1, "breached": 1,
                      "in_progress": 0, "compliance_percent": None}],
        "rows": [],
    }  # fmt: skip
    rows = om.csv_rows(report, "2026-11-20")
    assert rows == [
        ["priority", "2026-11-20", "p0", "", "2", "1", "1", "0", "50.0"],
        ["queue", "2026-11-20", "", "credit_review", "2", "1", "1", "0", ""],
    ]
    assert len(om.CSV_HEADER) == len(rows[0])


def test_service_level_counts_open_breaches_as_missed_and_is_unknown_without_work() -> None:
    assert om.service_level(0, 0, 0) is None  # nothing judged: "—", not 100 %
    assert om.service_level(4, 4, 0) == 100.0
    assert om.service_level(4, 4, 6) == 40.0  # breached work beside it: never "100 % · OK"
    assert om.service_level(0, 0, 6) == 0.0
    assert om.service_level_band(om.service_level(4, 4, 6)) == om.CRITICAL


def test_agent_states_are_exclusive_and_add_up() -> None:
    states = om.agent_states({"a", "b"}, on_contact={"a"}, after_contact_work={"a", "b", "c"})
    # a is on a call (not also wrapping up); c wraps up without a presence beat: logged in
    assert states == om.AgentStates(logged_in=3, available=0, on_contact=1, after_contact_work=2)
    assert states.available + states.on_contact + states.after_contact_work == states.logged_in
    idle = om.agent_states({"a", "b"}, set(), set())
    assert (idle.logged_in, idle.available) == (2, 2)


def test_agents_on_break_are_logged_in_but_not_available_and_offline_ones_are_out() -> None:
    s = om.agent_states({"a", "b", "c"}, set(), set(), on_break={"a"}, offline={"b"})
    assert (s.logged_in, s.available, s.non_productive) == (2, 1, 1)
    busy = om.agent_states({"a"}, on_contact={"a"}, after_contact_work=set(), offline={"a"})
    assert (busy.logged_in, busy.on_contact, busy.non_productive) == (1, 1, 0)
