"""The SLA clock with the runbook's and seed 004's examples."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.enums import AlertKind, EscalationLevel, Priority, SlaState
from app.rules import sla
from app.rules.errors import InvalidTransition, RuleError

KST = ZoneInfo("Asia/Seoul")
H = timedelta(hours=1)
T0 = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)  # Tuesday 10:00 KST


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=KST)


def test_priority_budgets_and_start_fields() -> None:
    assert [sla.PRIORITY_SLA[p] for p in Priority] == [4 * H, 24 * H, 48 * H, 72 * H]
    clock = sla.start("p1", T0)
    assert clock.policy == "p1"
    assert clock.started_at == T0
    assert clock.due_at == T0 + 24 * H
    assert clock.warning_at == T0 + 24 * H * 0.8
    assert clock.paused_since is None and clock.paused_total_s == 0


def test_p0_at_3_2_hours_is_a_warning_and_before_that_on_track() -> None:
    # runbook: "P0 케이스 3.2시간 경과 (SLA 4시간)" = 80 % 소진 → warning
    clock = sla.start("p0", T0)
    view = sla.evaluate(clock, T0 + timedelta(hours=3.2))
    assert view.state is SlaState.WARNING
    assert view.elapsed_fraction == pytest.approx(0.8)
    assert view.remaining == timedelta(minutes=48)
    assert sla.evaluate(clock, T0 + timedelta(hours=3.1)).state is SlaState.ON_TRACK


def test_breached_once_the_budget_is_used_remaining_goes_negative() -> None:
    clock = sla.start("p0", T0)
    view = sla.evaluate(clock, T0 + 5 * H)
    assert view.state is SlaState.BREACHED
    assert view.remaining == -H
    assert view.business_remaining == -H  # Tuesday 14:00-15:00 KST is business time
    assert view.elapsed_fraction == pytest.approx(1.25)
    assert sla.evaluate(clock, T0 + 4 * H).state is SlaState.BREACHED


def test_business_remaining_counts_only_business_hours() -> None:
    # P2 started Friday 17:00 KST: 48 wall hours, but only 1 business hour before Sunday 17:00
    clock = sla.start("p2", kst(2026, 3, 13, 17))
    view = sla.evaluate(clock, kst(2026, 3, 13, 17))
    assert view.remaining == 48 * H
    assert view.business_remaining == H


def test_p2_scenario_customer_wait_is_excluded_and_the_sla_is_met() -> None:
    # runbook P2: 초기 검토 1h → request_docs, 고객 5일 대기, 재검토 1h → 승인.
    # "SLA: 48시간 (초기 검토) + 고객 대기 시간 (SLA 제외) … 최종 SLA: 준수"
    clock = sla.start("p2", T0)
    clock = sla.pause(clock, T0 + H)
    during = sla.evaluate(clock, T0 + 3 * 24 * H)
    assert during.state is SlaState.PAUSED
    assert during.remaining == 47 * H  # frozen while the customer has the ball
    assert during.due_at == T0 + 48 * H + (3 * 24 - 1) * H  # effective due keeps moving
    back = T0 + H + 5 * 24 * H
    clock = sla.resume(clock, back)
    assert clock.paused_since is None
    assert clock.paused_total_s == 5 * 24 * 3600
    assert clock.due_at == T0 + 48 * H + 5 * 24 * H
    assert clock.warning_at == T0 + 48 * H * 0.8 + 5 * 24 * H
    done = sla.mark_met(clock, back + H)
    view = sla.evaluate(done, back + 30 * 24 * H)
    assert view.state is SlaState.MET
    assert view.remaining == 46 * H  # 48 h budget - 2 h of reviewer time
    assert done.breached_at is None
    # without the pause the same six days would have breached the 48 h SLA
    late = sla.mark_met(sla.start("p2", T0), back + H)
    assert late.breached_at == T0 + 48 * H
    assert sla.evaluate(late, back + H).remaining < timedelta(0)


def test_pause_and_resume_are_idempotent() -> None:
    clock = sla.pause(sla.start("p1", T0), T0 + H)
    assert sla.pause(clock, T0 + 2 * H).paused_since == T0 + H
    running = sla.resume(clock, T0 + 3 * H)
    assert sla.resume(running, T0 + 9 * H) == running


def test_mark_met_closes_a_running_pause() -> None:
    clock = sla.pause(sla.start("p0", T0), T0 + H)
    done = sla.mark_met(clock, T0 + 10 * H)  # closed (info_provided) while awaiting docs
    assert done.paused_since is None and done.met_at == T0 + 10 * H
    assert done.breached_at is None
    assert sla.evaluate(done, T0 + 20 * H).remaining == 3 * H


@pytest.mark.parametrize(
    ("policy", "budget"),
    [
        ("msp_emergency", timedelta(minutes=15)),
        ("msp_general", timedelta(minutes=30)),
        ("general", timedelta(hours=1)),
    ],
)
def test_seed_004_queue_budgets(policy: str, budget: timedelta) -> None:
    clock = sla.start(policy, T0)
    assert clock.due_at - clock.started_at == budget
    assert sla.evaluate(clock, T0 + budget * 0.8).state is SlaState.WARNING


def test_after_hours_friday_evening_is_due_at_close_of_monday() -> None:
    clock = sla.start("after_hours", kst(2026, 3, 13, 20, 0))
    assert clock.due_at == kst(2026, 3, 16, 18, 0)
    # 80 % of the 9 business hours: Monday 16:12, not Sunday night
    assert clock.warning_at == kst(2026, 3, 16, 16, 12)
    assert sla.evaluate(clock, kst(2026, 3, 15, 23)).state is SlaState.ON_TRACK
    assert sla.evaluate(clock, kst(2026, 3, 16, 16, 12)).state is SlaState.WARNING
    assert sla.evaluate(clock, kst(2026, 3, 16, 18, 0)).state is SlaState.BREACHED


def test_after_hours_before_chuseok_and_foundation_day() -> None:
    # Wednesday 9/23 19:00: Chuseok 9/24-26 and the weekend → Monday 9/28
    assert sla.start("after_hours", kst(2026, 9, 23, 19)).due_at == kst(2026, 9, 28, 18)
    # Friday 10/2 evening: 10/3 (Sat) is substituted on Monday 10/5 → Tuesday 10/6
    assert sla.start("after_hours", kst(2026, 10, 2, 21)).due_at == kst(2026, 10, 6, 18)


def test_after_hours_early_morning_and_in_hours() -> None:
    assert sla.start("after_hours", kst(2026, 3, 10, 7)).due_at == kst(2026, 3, 10, 18)
    assert sla.start("after_hours", kst(2026, 3, 10, 10)).due_at == kst(2026, 3, 11, 18)


def test_policy_for() -> None:
    assert sla.policy_for(Priority.P2) == "p2"
    assert sla.policy_for(Priority.P2, "priority") == "p2"
    assert sla.policy_for(Priority.P0, "msp_general") == "msp_general"
    with pytest.raises(RuleError) as info:
        sla.policy_for(Priority.P0, "nonsense")
    assert info.value.code == "unknown_sla_policy"
    with pytest.raises(RuleError):
        sla.start("p9", T0)


def test_escalation_l1_to_l2_keeps_priority_and_restarts_the_clock() -> None:
    old = sla.start("p1", T0)
    at = T0 + 20 * H
    prio, clock = sla.escalate(Priority.P1, old, EscalationLevel.L1, EscalationLevel.L2, at)
    assert prio is Priority.P1
    assert clock.started_at == at and clock.due_at == at + 24 * H


def test_escalation_l2_to_l3_raises_to_p0() -> None:
    at = T0 + 5 * H
    prio, clock = sla.escalate(
        Priority.P2, sla.start("p2", T0), EscalationLevel.L2, EscalationLevel.L3, at
    )
    assert prio is Priority.P0
    assert clock.policy == "p0" and clock.due_at == at + 4 * H
    # a reviewer going straight to ops_admin lands at L3 as well
    assert sla.level_for_target("ops_admin") is EscalationLevel.L3
    assert sla.escalate(Priority.P3, None, EscalationLevel.L1, EscalationLevel.L3, at)[0] == "p0"


def test_escalation_requested_priority_only_raises() -> None:
    args = (None, EscalationLevel.L1, EscalationLevel.L2, T0)
    assert sla.escalate(Priority.P2, *args, requested_priority=Priority.P0)[0] is Priority.P0
    assert sla.escalate(Priority.P1, *args, requested_priority=Priority.P3)[0] is Priority.P1


def test_escalation_must_go_up() -> None:
    with pytest.raises(InvalidTransition) as info:
        sla.escalate(Priority.P1, None, EscalationLevel.L2, EscalationLevel.L2, T0)
    assert "L2" in info.value.en
    with pytest.raises(InvalidTransition):
        sla.escalate(Priority.P1, None, EscalationLevel.L3, EscalationLevel.L2, T0)


def test_transition_alerts() -> None:
    clock = sla.start("p0", T0)
    assert sla.transition_alerts(clock, T0, T0 + 3 * H) == []
    assert sla.transition_alerts(clock, T0 + 3 * H, T0 + 3.5 * H) == [AlertKind.SLA_WARNING]
    # the threshold instant itself belongs to the interval that reaches it
    assert sla.transition_alerts(clock, T0 + 3 * H, T0 + 3.2 * H) == [AlertKind.SLA_WARNING]
    assert sla.transition_alerts(clock, T0 + 3.2 * H, T0 + 3.5 * H) == []
    assert sla.transition_alerts(clock, T0 + 3.5 * H, T0 + 4 * H) == [AlertKind.SLA_BREACH]
    assert sla.transition_alerts(clock, T0, T0 + 9 * H) == [
        AlertKind.SLA_WARNING,
        AlertKind.SLA_BREACH,
    ]
    assert sla.transition_alerts(clock, T0 + 5 * H, T0 + 9 * H) == []
    assert sla.transition_alerts(clock, T0 + 9 * H, T0) == []


def test_stopped_clocks_cross_nothing() -> None:
    paused = sla.pause(sla.start("p0", T0), T0 + H)
    assert sla.transition_alerts(paused, T0 + H, T0 + 99 * H) == []
    met = sla.mark_met(sla.start("p0", T0), T0 + H)
    assert sla.transition_alerts(met, T0 + H, T0 + 99 * H) == []


def test_with_breach_records_the_due_instant() -> None:
    clock = sla.start("p0", T0)
    assert sla.with_breach(clock, T0 + H).breached_at is None
    assert sla.with_breach(clock, T0 + 5 * H).breached_at == T0 + 4 * H
