"""Operations metrics for the supervisor wall and the ops desk (runbook "SLA 관리", "비상 대응";
seed 004 "실시간 운영 대시보드"). Pure functions: no I/O, time is a parameter.

Bands (colour-blind-safe colours are the UI's business; these are the decisions):

* **Service level** of a queue: percent of work handled within the queue's threshold, open
  work already past its SLA counting as missed (:func:`service_level`: a queue with breached
  work never reads 100 %; with nothing to judge it is unknown, "—", not 100 %)
  (``GET /v1/queues/{id}/stats`` → ``service_level``).
* **Agent states** of a queue are exclusive (:func:`agent_states`): on a contact, else in
  after-contact work, else available; every agent counted is logged in, and the three add up
  to the logged-in count; an agent on Break is logged in and "non-productive", one who chose
  Offline is not logged in. ``ok`` at or above
  ``SERVICE_LEVEL_TARGET`` (80 %), ``warning`` within ``SERVICE_LEVEL_MARGIN`` (10 points)
  below it, ``critical`` under that.
* **Queue status**: ``critical`` when any work breached its SLA or the service level is
  critical; ``warning`` when work is at risk (less than ``AT_RISK_WINDOW``, 1 h, left on a
  running clock — the dashboard panel "SLA 위반 임박 (1시간 이내)"; :func:`is_at_risk`) or the
  service level is in warning; else ``ok``. (The *alert* "SLA 위반 임박" fires at 80 % used:
  ``app.rules.sla.transition_alerts``; the panel counts by the hour left.)
* **Burst** (runbook scenario "평소 50건/일 → 500건/일"): the arrival rate is the number of cases
  created in the trailing ``BurstRule.window`` (default 2 h) scaled to a day. ``warning`` at
  ``warn_factor`` (3×) the normal rate (50/day by default), ``critical`` at ``burst_factor`` (10×,
  the 500/day of the runbook). Fewer than ``min_count`` (5) arrivals in the window never count
  as a burst, so two cases in a quiet minute do not light the wall.
* **Appeals**: submission rate (runbook ``submission_rate``: "전체 거부 중 이의 제기 비율",
  :func:`submission_rate`), overturn rate in 10-20 %
  (``app.rules.appeals.TARGET_OVERTURN_BAND``), p95 resolution time ≤ 72 h
  (``APPEAL_P95_TARGET_H``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.cases import SlaInfo
from app.domain.enums import AppealStatus, SlaState
from app.rules import appeals as appeal_rules
from app.rules import sla as sla_rules
from app.rules import wallboard
from app.rules.zone import KST

OK, WARNING, CRITICAL, UNKNOWN = "ok", "warning", "critical", "unknown"
SERVICE_LEVEL_TARGET = wallboard.DEFAULT_THRESHOLDS.service_level_target  # 80 percent
SERVICE_LEVEL_MARGIN = wallboard.DEFAULT_THRESHOLDS.service_level_margin  # 10 points of warning
APPEAL_P95_TARGET_H = 72.0
AT_RISK_WINDOW = timedelta(hours=1)
PRIORITIES = ("p0", "p1", "p2", "p3")
METRICS = (
    "AGENTS_ONLINE",
    "AGENTS_AVAILABLE",
    "AGENTS_ON_CONTACT",
    "AGENTS_AFTER_CONTACT_WORK",
    "AGENTS_NON_PRODUCTIVE",
    "CONTACTS_IN_QUEUE",
    "OLDEST_CONTACT_AGE",
)


# -- queues -----------------------------------------------------------------------------------
def service_level(in_time: int, handled: int, open_breached: int = 0) -> float | None:
    """Percent of the work judged so far that met its threshold: ``in_time`` of ``handled``
    closed items, plus ``open_breached`` open items already late (missed, whatever happens
    next). None when there is nothing to judge."""
    judged = handled + open_breached
    if judged <= 0:
        return None
    return round(100.0 * min(in_time, handled) / judged, 1)


@dataclass(frozen=True, slots=True)
class AgentStates:
    logged_in: int
    available: int
    on_contact: int
    after_contact_work: int
    non_productive: int = 0  # on Break (Amazon Connect's AGENTS_NON_PRODUCTIVE)


def agent_states(
    online: set[str],
    on_contact: set[str],
    after_contact_work: set[str],
    on_break: set[str] | None = None,
    offline: set[str] | None = None,
) -> AgentStates:
    """One state per agent: on a contact beats after-contact work beats the state the agent
    chose (Break, Offline — ``app.rules.agent_state``) beats available. An agent holding a
    contact or wrapping one up is logged in whatever the presence heartbeat or their chosen
    state says; an agent who chose Offline is otherwise not logged in (Connect's
    AGENTS_ONLINE), one on Break is logged in but neither available nor busy."""
    busy = set(on_contact)
    acw = set(after_contact_work) - busy
    resting = (set(on_break or ()) & set(online)) - busy - acw
    gone = set(offline or ()) - busy - acw
    logged_in = (set(online) - gone) | busy | acw
    available = logged_in - busy - acw - resting
    return AgentStates(len(logged_in), len(available), len(busy), len(acw), len(resting))


def service_level_band(percent: float | None, th: wallboard.Thresholds | None = None) -> str:
    """The band of a service level against ``th`` (default: 80 % target, 10 points margin)."""
    return wallboard.band_service_level(percent, th or wallboard.DEFAULT_THRESHOLDS)


def service_level_percent(stats: Mapping) -> float | None:
    value = (stats.get("service_level") or {}).get("percent")
    return float(value) if value is not None else None


def queue_status(stats: Mapping, th: wallboard.Thresholds | None = None) -> str:
    """``ok`` / ``warning`` / ``critical`` of one ``/queues/{id}/stats`` answer."""
    sl = service_level_band(service_level_percent(stats), th)
    if int(stats.get("breached") or 0) > 0 or sl == CRITICAL:
        return CRITICAL
    if int(stats.get("at_risk") or 0) > 0 or sl == WARNING:
        return WARNING
    return OK


def waiting_total(stats: Mapping) -> int:
    return sum(int(v or 0) for v in (stats.get("waiting_by_priority") or {}).values())


def merge_stats(current: Mapping | None, update: Mapping) -> dict:
    """A ``queue.stats`` SSE snapshot may carry only some keys: keep the rest from ``current``."""
    merged = dict(current or {})
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True, slots=True)
class Totals:
    in_queue: int
    oldest_age_s: int
    at_risk: int
    breached: int
    handled_today: int
    service_level: float | None  # the lowest queue service level (the one to act on)
    status: str


def totals(stats: Iterable[Mapping]) -> Totals:
    items = list(stats)
    levels = [p for p in (service_level_percent(s) for s in items) if p is not None]
    statuses = {queue_status(s) for s in items}
    status = CRITICAL if CRITICAL in statuses else WARNING if WARNING in statuses else OK
    metric = lambda s, k: int((s.get("metrics") or {}).get(k) or 0)  # noqa: E731
    return Totals(
        in_queue=sum(metric(s, "CONTACTS_IN_QUEUE") for s in items),
        oldest_age_s=max((metric(s, "OLDEST_CONTACT_AGE") for s in items), default=0),
        at_risk=sum(int(s.get("at_risk") or 0) for s in items),
        breached=sum(int(s.get("breached") or 0) for s in items),
        handled_today=sum(int(s.get("handled_today") or 0) for s in items),
        service_level=min(levels) if levels else None,
        status=status,
    )


# -- burst ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BurstRule:
    normal_per_day: float = 50.0
    warn_factor: float = 3.0
    burst_factor: float = 10.0
    window: timedelta = timedelta(hours=2)
    min_count: int = 5


@dataclass(frozen=True, slots=True)
class Burst:
    arrivals: int  # in the window
    per_day: float  # the window's rate scaled to a day
    factor: float  # per_day / normal
    level: str  # ok / warning / critical


def burst(created: Iterable[datetime], now: datetime, rule: BurstRule = BurstRule()) -> Burst:
    """The arrival rate of cases created in ``(now - window, now]`` against the normal rate."""
    start = now - rule.window
    count = sum(1 for t in created if start < t <= now)
    per_day = count * (timedelta(days=1) / rule.window)
    factor = per_day / rule.normal_per_day if rule.normal_per_day > 0 else 0.0
    level = OK
    if count >= rule.min_count:
        if factor >= rule.burst_factor:
            level = CRITICAL
        elif factor >= rule.warn_factor:
            level = WARNING
    return Burst(count, per_day, factor, level)


def is_at_risk(sla: SlaInfo, now: datetime) -> bool:
    """A running clock (not met, paused or breached) with less than 1 h left at ``now``."""
    return _at_risk(sla_rules.evaluate(sla, now))


def _at_risk(view: sla_rules.SlaView) -> bool:
    if view.state in (SlaState.MET, SlaState.PAUSED, SlaState.BREACHED):
        return False
    return view.remaining < AT_RISK_WINDOW


def sla_counts(slas: Iterable[SlaInfo], now: datetime) -> tuple[int, int]:
    """``(at_risk, breached)`` of the clocks at ``now``: the queue stats' and dashboard's two
    SLA figures (breached: the clock's state is breached)."""
    at_risk = breached = 0
    for sla in slas:
        view = sla_rules.evaluate(sla, now)  # once per clock
        if view.state is SlaState.BREACHED:
            breached += 1
        elif _at_risk(view):
            at_risk += 1
    return at_risk, breached


# -- appeals ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AppealsHealth:
    resolved: int
    overturn_rate: float | None
    overturn_level: str
    p95_hours: float | None
    p95_level: str
    submission_rate: float | None = None  # percent of rejected cases appealed


def submission_rate(rejected_case_ids: Iterable[str], appeals: Iterable) -> float | None:
    """Percent of rejected cases that were appealed (None when nothing was rejected)."""
    rejected = set(rejected_case_ids)
    if not rejected:
        return None
    appealed = {a.case_id for a in appeals} & rejected
    return round(100.0 * len(appealed) / len(rejected), 1)


def appeals_health(
    appeals: Sequence, rejected_case_ids: Iterable[str] | None = None
) -> AppealsHealth:
    """Overturn rate against 10-20 % and p95 resolution time against 72 h (runbook §4); the
    submission rate when the rejected cases of the same period are given."""
    rate = appeal_rules.overturn_rate(appeals)
    in_band = appeal_rules.overturn_in_band(rate)
    p95 = appeal_rules.resolution_p95_hours(appeals)
    resolved = sum(1 for a in appeals if a.status is AppealStatus.RESOLVED and a.resolution)
    return AppealsHealth(
        resolved=resolved,
        overturn_rate=rate,
        overturn_level=UNKNOWN if in_band is None else OK if in_band else WARNING,
        p95_hours=p95,
        p95_level=UNKNOWN if p95 is None else OK if p95 <= APPEAL_P95_TARGET_H else CRITICAL,
        submission_rate=None
        if rejected_case_ids is None
        else submission_rate(rejected_case_ids, appeals),
    )


# -- SLA report -------------------------------------------------------------------------------
def sla_outcome(clock: SlaInfo, now: datetime) -> str:
    """How the SLA report counts one case's clock at ``now``: ``breached`` when it is overdue,
    finished late, recorded a breach — or an escalation replaced a clock that had breached
    (``breach_history``; runbook "에스컬레이션 SLA": an overdue case does not drop out of the
    report by being escalated); else ``met`` when stopped, else ``in_progress``."""
    state = sla_rules.evaluate(clock, now).state
    late = clock.met_at is not None and clock.met_at > clock.due_at
    if state is SlaState.BREACHED or late or clock.breached_at is not None or clock.breach_history:
        return "breached"
    if state is SlaState.MET:
        return "met"
    return "in_progress"


def compliance(met: int, breached: int) -> float | None:
    """Percent of closed work that met its SLA (in-progress work is not judged yet)."""
    closed = met + breached
    return round(100.0 * met / closed, 1) if closed else None


def combine(lines: Iterable[Mapping]) -> dict:
    """Sum report lines (``total, met, breached, in_progress``) and recompute compliance."""
    out = {"total": 0, "met": 0, "breached": 0, "in_progress": 0}
    for line in lines:
        for key in out:
            out[key] += int(line.get(key) or 0)
    out["compliance_percent"] = compliance(out["met"], out["breached"])
    return out


def periods(start: datetime, end: datetime, unit: str) -> list[tuple[datetime, datetime]]:
    """Day or week (Monday first) windows of Asia/Seoul time covering ``[start, end)``."""
    if unit not in ("day", "week"):
        raise ValueError(unit)
    local = start.astimezone(KST)
    cursor = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "week":
        cursor -= timedelta(days=cursor.weekday())
    step = timedelta(days=1 if unit == "day" else 7)
    out = []
    while cursor < end:
        nxt = (cursor + step).replace(hour=0, minute=0, second=0, microsecond=0)
        out.append((max(cursor, local), min(nxt, end.astimezone(KST))))
        cursor = nxt
    return out


CSV_HEADER = ("section", "period", "priority", "queue", "total", "met", "breached",
              "in_progress", "compliance_percent")  # fmt: skip


def csv_rows(report: Mapping, period: str = "") -> list[list[str]]:
    """Rows (without the header) of one ``/ops/sla-report`` answer: by priority, by queue, and
    each priority × queue line. Compliance as ``85.7`` or empty when nothing closed."""

    def row(section: str, line: Mapping) -> list[str]:
        pct = line.get("compliance_percent")
        return [
            section,
            period,
            str(line.get("priority") or ""),
            str(line.get("queue_id") or ""),
            str(int(line.get("total") or 0)),
            str(int(line.get("met") or 0)),
            str(int(line.get("breached") or 0)),
            str(int(line.get("in_progress") or 0)),
            "" if pct is None else f"{float(pct):.1f}",
        ]

    rows = [row("priority", line) for line in report.get("by_priority") or []]
    rows += [row("queue", line) for line in report.get("by_queue") or []]
    rows += [row("priority_queue", line) for line in report.get("rows") or []]
    return rows


def summary_rows(reports: Iterable[tuple[str, Mapping]]) -> list[list[str]]:
    """Daily / weekly summary: per period a ``total`` line (all priorities combined), then the
    report's own lines (``csv_rows``). The same rows are shown and exported."""
    out: list[list[str]] = []
    for period, report in reports:
        total = combine(report.get("by_priority") or [])
        out += csv_rows({"by_priority": [total]}, period)
        out[-1][0] = "total"
        out += csv_rows(report, period)
    return out
