"""The SLA clock (runbook "SLA 관리" and "에스컬레이션 SLA"; seed 004 queues).

Policies and their budgets:

| policy          | budget                                  | source                         |
|-----------------|-----------------------------------------|--------------------------------|
| p0 / p1 / p2 / p3 | 4 h / 24 h / 48 h / 72 h wall-clock   | runbook 우선순위 정의          |
| msp_emergency   | 15 min wall-clock                       | seed 004 MSP Emergency Queue   |
| msp_general     | 30 min wall-clock                       | seed 004 MSP General Queue     |
| general         | 60 min wall-clock                       | seed 004 General Customer Queue|
| after_hours     | close of the next business day          | seed 004 After Hours Queue     |

Reading of "After Hours Queue (다음 업무일)": the contact is handled on the next business day, so it
is due by 18:00 KST of the first business day whose 09:00 opening is at or after the contact
(Friday 20:00 → Monday 18:00; Monday 07:00 → Monday 18:00; a contact parked in that queue during
business hours → the following business day's 18:00). Holidays come from app.rules.calendar.

The runbook's hours are wall-clock ("4시간 이내 해결"; its P0 example counts 3.2 elapsed hours);
only the *display* ``business_remaining`` counts business hours. Customer waits (awaiting_docs)
pause the clock: a pause never counts as elapsed and ``resume`` pushes due/warning by its length.
Warning at 80 % elapsed (>=) -- for after_hours at 80 % of the business hours before the deadline,
so it fires on the working day -- and breached once the budget is used up (remaining <= 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from app.domain.cases import SlaInfo
from app.domain.enums import AlertKind, EscalationLevel, EscalationTarget, Priority, SlaState
from app.rules import calendar
from app.rules.errors import InvalidTransition, RuleError

PRIORITY_SLA: dict[Priority, timedelta] = {
    Priority.P0: timedelta(hours=4),
    Priority.P1: timedelta(hours=24),
    Priority.P2: timedelta(hours=48),
    Priority.P3: timedelta(hours=72),
}
QUEUE_POLICIES: dict[str, timedelta | None] = {
    "msp_emergency": timedelta(minutes=15),
    "msp_general": timedelta(minutes=30),
    "general": timedelta(minutes=60),
    "after_hours": None,  # due at 18:00 KST of the next business day (module docstring)
}
PRIORITY_POLICY = "priority"
WARNING_FRACTION = 0.8
_EPS = 1e-6  # seconds; absorbs float noise at the 80 % / 100 % thresholds

LEVEL_OF_TARGET: dict[EscalationTarget, EscalationLevel] = {
    EscalationTarget.SENIOR_REVIEWER: EscalationLevel.L2,
    EscalationTarget.OPS_ADMIN: EscalationLevel.L3,
}


@dataclass(frozen=True, slots=True)
class SlaView:
    """The clock at one instant, as the inbox countdown and the scheduler see it."""

    state: SlaState
    elapsed_fraction: float
    remaining: timedelta  # negative once breached; frozen while paused or met
    business_remaining: timedelta  # business hours only; negative once breached
    due_at: datetime  # effective due: pushed by the pause still running


class UnknownPolicy(RuleError):
    code = "unknown_sla_policy"


def _utc(t: datetime) -> datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"naive datetime {t!r}: the rules need timezone-aware times")
    return t.astimezone(UTC)


def policies() -> list[str]:
    """Every policy name ``start`` accepts."""
    return [p.value for p in Priority] + list(QUEUE_POLICIES)


def policy_for(priority: Priority, queue_policy: str = PRIORITY_POLICY) -> str:
    """ "p0".."p3" when the queue's policy is "priority", else the queue policy name."""
    if queue_policy == PRIORITY_POLICY:
        return Priority(priority).value
    if queue_policy not in QUEUE_POLICIES:
        raise UnknownPolicy(
            f"알 수 없는 SLA 정책입니다: {queue_policy}", f"unknown SLA policy: {queue_policy}"
        )
    return queue_policy


def level_for_target(to: EscalationTarget | str) -> EscalationLevel:
    """The escalation level an ``escalate --to`` target puts the case at."""
    return LEVEL_OF_TARGET[EscalationTarget(to)]


def due_for(policy: str, at: datetime) -> datetime:
    """When a clock of ``policy`` started at ``at`` is due (UTC)."""
    at = _utc(at)
    if policy in {p.value for p in Priority}:
        return at + PRIORITY_SLA[Priority(policy)]
    if policy not in QUEUE_POLICIES:
        raise UnknownPolicy(f"알 수 없는 SLA 정책입니다: {policy}", f"unknown SLA policy: {policy}")
    budget = QUEUE_POLICIES[policy]
    if budget is not None:
        return at + budget
    local = at.astimezone(calendar.KST)
    d = local.date()
    opening = datetime.combine(d, calendar.OPEN, tzinfo=calendar.KST)
    if not (calendar.is_business_day(d) and local <= opening):
        d = calendar.next_business_day(d)
    return datetime.combine(d, calendar.CLOSE, tzinfo=calendar.KST).astimezone(UTC)


def start(policy: str, at: datetime) -> SlaInfo:
    """A fresh clock: due per ``policy``, warning at 80 % of the budget."""
    at = _utc(at)
    due = due_for(policy, at)
    if policy in QUEUE_POLICIES and QUEUE_POLICIES[policy] is None:
        # after_hours: warn when 80 % of the *business* time before the deadline is used, so the
        # warning lands on the working day (Mon 16:12 KST for a Friday-night contact).
        window = calendar.business_seconds_between(at, due)
        warning = due - timedelta(seconds=window * (1 - WARNING_FRACTION))
    else:
        warning = at + (due - at) * WARNING_FRACTION
    return SlaInfo(
        policy=policy,
        started_at=at,
        due_at=due,
        warning_at=warning,
        paused_since=None,
        paused_total_s=0.0,
    )


def restart(policy: str, at: datetime) -> SlaInfo:
    """Same as ``start``; used when escalation gives the case a new clock ("SLA 리셋")."""
    return start(policy, at)


def pause(sla: SlaInfo, at: datetime) -> SlaInfo:
    """Stop the clock while the customer is asked for documents. Idempotent; a met clock is
    returned unchanged."""
    if sla.paused_since is not None or sla.met_at is not None:
        return replace(sla)
    return replace(sla, paused_since=_utc(at))


def resume(sla: SlaInfo, at: datetime) -> SlaInfo:
    """Restart a paused clock; due_at and warning_at move later by the pause. No-op if running."""
    if sla.paused_since is None:
        return replace(sla)
    delta = max(timedelta(0), _utc(at) - sla.paused_since)
    return replace(
        sla,
        paused_since=None,
        paused_total_s=sla.paused_total_s + delta.total_seconds(),
        due_at=sla.due_at + delta,
        warning_at=None if sla.warning_at is None else sla.warning_at + delta,
    )


def budget_seconds(sla: SlaInfo) -> float:
    """The clock's allowance in seconds (due - start, minus completed pauses)."""
    return (sla.due_at - sla.started_at).total_seconds() - sla.paused_total_s


def warning_elapsed_seconds(sla: SlaInfo) -> float:
    """Elapsed seconds at which the clock turns to warning (80 %; from ``warning_at``)."""
    if sla.warning_at is None:
        return budget_seconds(sla) * WARNING_FRACTION
    return (sla.warning_at - sla.started_at).total_seconds() - sla.paused_total_s


def elapsed_seconds(sla: SlaInfo, now: datetime) -> float:
    """Seconds of the allowance used at ``now``; pauses and time after ``met_at`` never count."""
    end = _utc(now)
    if sla.met_at is not None:
        end = min(end, sla.met_at)
    if sla.paused_since is not None:
        end = min(end, sla.paused_since)
    return max(0.0, (end - sla.started_at).total_seconds() - sla.paused_total_s)


def mark_met(sla: SlaInfo, at: datetime) -> SlaInfo:
    """Stop the clock for good (decision made). A running pause is closed first; a late finish
    records ``breached_at`` (the instant the allowance ran out) if not already set."""
    at = _utc(at)
    done = resume(sla, at) if sla.paused_since is not None else replace(sla)
    if done.met_at is not None:
        return done
    breached_at = done.breached_at
    if breached_at is None and elapsed_seconds(done, at) >= budget_seconds(done) - _EPS:
        breached_at = done.due_at
    return replace(done, met_at=at, breached_at=breached_at)


def with_breach(sla: SlaInfo, now: datetime) -> SlaInfo:
    """``sla`` with ``breached_at`` filled in if the allowance has run out by ``now``."""
    if sla.breached_at is None and evaluate(sla, now).state is SlaState.BREACHED:
        return replace(sla, breached_at=sla.due_at)
    return replace(sla)


@dataclass(frozen=True, slots=True)
class SlaFace:
    """What a countdown shows at one instant: :class:`SlaView` without the calendar walk
    (``business_remaining``) and the effective due time -- cheap enough to compute for every
    row painted."""

    state: SlaState
    elapsed_fraction: float
    remaining: timedelta  # negative once breached; frozen while paused or met


def face(sla: SlaInfo, now: datetime) -> SlaFace:
    """State, elapsed fraction and remaining time at ``now`` (exactly those of ``evaluate``)."""
    now = _utc(now)
    budget = budget_seconds(sla)
    elapsed = elapsed_seconds(sla, now)
    left = budget - elapsed
    if sla.met_at is not None:
        state = SlaState.MET
    elif left <= _EPS:
        state = SlaState.BREACHED
    elif sla.paused_since is not None:
        state = SlaState.PAUSED
    elif elapsed >= warning_elapsed_seconds(sla) - _EPS:
        state = SlaState.WARNING
    else:
        state = SlaState.ON_TRACK
    fraction = elapsed / budget if budget > 0 else 1.0
    return SlaFace(state, fraction, timedelta(seconds=left))


def evaluate(sla: SlaInfo, now: datetime) -> SlaView:
    """The clock at ``now``. State precedence: met, breached, paused, warning, on_track."""
    now = _utc(now)
    shown = face(sla, now)
    left = shown.remaining.total_seconds()

    # The instant the clock reads from: frozen at the pause start or at met_at.
    ref = now
    if sla.met_at is not None:
        ref = min(ref, sla.met_at)
    if sla.paused_since is not None:
        ref = min(ref, sla.paused_since)
    due = sla.due_at
    if sla.paused_since is not None and now > sla.paused_since:
        due = sla.due_at + (now - sla.paused_since)

    if left > _EPS:
        business = calendar.business_seconds_between(ref, sla.due_at)
    else:
        business = -calendar.business_seconds_between(sla.due_at, ref)
    return SlaView(
        state=shown.state,
        elapsed_fraction=shown.elapsed_fraction,
        remaining=shown.remaining,
        business_remaining=timedelta(seconds=business),
        due_at=due,
    )


def is_stopped(sla: SlaInfo) -> bool:
    """Met or paused: the remaining time no longer moves (whatever the state shows)."""
    return sla.met_at is not None or sla.paused_since is not None


def steady_seconds(sla: SlaInfo, now: datetime) -> float:
    """How long after ``now`` the clock keeps its state with the remaining time moving one for
    one with wall time (``math.inf``: until the clock itself changes -- a met or paused clock,
    or a breached one, whose overdue time only grows). Until then ``evaluate(sla, now + d)`` has
    the same state, and ``remaining`` less by ``d`` and ``elapsed_fraction`` more by
    ``d / budget_seconds`` -- both frozen while the clock is stopped (:func:`is_stopped`). The
    inbox moves its countdowns that way and evaluates again only at the end
    (``business_remaining`` and a pause's ``due_at`` it does not move)."""
    now = _utc(now)
    if is_stopped(sla):  # frozen from then on
        stopped_at = sla.met_at if sla.met_at is not None else sla.paused_since
        return math.inf if stopped_at <= now else 0.0  # (not yet stopped: evaluate each time)
    elapsed = elapsed_seconds(sla, now)
    budget = budget_seconds(sla)
    if budget - elapsed <= _EPS:
        return math.inf  # breached
    warn = warning_elapsed_seconds(sla) - _EPS
    if elapsed < warn:
        return warn - elapsed
    return budget - _EPS - elapsed


def escalate(
    priority: Priority,
    sla: SlaInfo | None,
    from_level: EscalationLevel,
    to_level: EscalationLevel,
    at: datetime,
    queue_policy: str = PRIORITY_POLICY,
    *,
    requested_priority: Priority | None = None,
) -> tuple[Priority, SlaInfo]:
    """Priority and clock after an escalation ("에스컬레이션 SLA").

    L1→L2: the same priority, its SLA restarted at ``at`` (API.md: "keeps the priority's SLA and
    restarts it"). Any move to L3: raised to P0 with a P0 clock from ``at``. ``requested_priority``
    (the ``--priority`` option) can only raise the priority. The old clock ``sla`` is replaced;
    moving to the same or a lower level raises InvalidTransition.
    """
    levels = list(EscalationLevel)
    if levels.index(EscalationLevel(to_level)) <= levels.index(EscalationLevel(from_level)):
        raise InvalidTransition(str(from_level), str(to_level), via="escalate")
    new = Priority(priority)
    if requested_priority is not None and Priority(requested_priority).rank < new.rank:
        new = Priority(requested_priority)
    if to_level == EscalationLevel.L3:
        return Priority.P0, restart(Priority.P0.value, at)
    return new, restart(policy_for(new, queue_policy), at)


def transition_alerts(sla: SlaInfo, before: datetime, after: datetime) -> list[AlertKind]:
    """The alerts whose threshold the clock crossed in (before, after]: sla_warning at 80 %,
    sla_breach at 100 %, in that order (both when one tick crosses both). A paused or met clock
    crosses nothing while it is stopped."""
    if _utc(after) <= _utc(before):
        return []
    budget = budget_seconds(sla)
    e0, e1 = elapsed_seconds(sla, before), elapsed_seconds(sla, after)
    alerts: list[AlertKind] = []
    warn = warning_elapsed_seconds(sla) - _EPS
    if e0 < warn <= e1:
        alerts.append(AlertKind.SLA_WARNING)
    if e0 < budget - _EPS <= e1:
        alerts.append(AlertKind.SLA_BREACH)
    return alerts
