"""The ten diagnostic tools' computations: pure functions over data the caller fetched, with the
time passed in. The server fetches (server/ops_tools/fetch.py); nothing here reads a clock, a
database or a network, and nothing here changes anything: a fix is returned as a Proposal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.cases import SlaInfo
from app.domain.enums import SlaState
from app.domain.wire import format_time
from app.ops_tools import schemas as s
from app.rules import ops_metrics, reports
from app.rules import sla as sla_rules
from app.rules.zone import KST

STALE_SCHEDULER = timedelta(minutes=5)


def _t(value: datetime | None) -> str | None:
    return format_time(value) if value else None


# 1 -- service health --------------------------------------------------------------------------
def service_health(
    *,
    database_ok: bool,
    dialect: str,
    leader: bool,
    instance: str,
    last_run: datetime | None,
    subscribers: int,
    instances: Sequence[str],
    now: datetime,
) -> s.ServiceHealth:
    stale = last_run is None or now - last_run > STALE_SCHEDULER
    proposals = []
    if stale:
        proposals.append(
            s.Proposal(
                action="restart_scheduler",
                target=instance,
                reason_en="the scheduler has not run for over 5 minutes",
                reason_ko="스케줄러가 5분 넘게 실행되지 않았습니다",
            )
        )
    ok = database_ok and not stale
    return s.ServiceHealth(
        summary_en=("healthy" if ok else "needs attention")
        + f": database {'ok' if database_ok else 'down'}, {subscribers} event subscriber(s)",
        summary_ko=("정상" if ok else "점검 필요")
        + f": 데이터베이스 {'정상' if database_ok else '장애'}, 이벤트 구독자 {subscribers}명",
        table=s.Table(
            columns=["item", "value"],
            rows=[
                ["database", "ok" if database_ok else "down"],
                ["dialect", dialect],
                ["instance", instance],
                ["leader", leader],
                ["scheduler_last_run", _t(last_run)],
                ["subscribers", subscribers],
                ["instances", ", ".join(instances)],
            ],
        ),
        proposals=proposals,
        database_ok=database_ok,
        dialect=dialect,
        leader=leader,
        instance=instance,
        scheduler_last_run=_t(last_run),
        subscribers=subscribers,
        instances=list(instances),
    )


# 2 -- sync state (the server's half; the workstation adds its outbox and store) ---------------
@dataclass(frozen=True, slots=True)
class FailedRequest:
    at: datetime
    method: str
    path: str
    status: int
    code: str


def sync_state(
    head_seq: int,
    client_seq: int | None,
    failures: Sequence[FailedRequest],
    behind: int | None = None,
) -> s.SyncState:
    """``behind``: changes after the client's seq, counted by the server (seqs are sparse on
    PostgreSQL, so ``head - client`` is only a count where seqs are dense)."""
    if client_seq is None:
        lag = None
    else:
        lag = behind if behind is not None else max(0, head_seq - client_seq)
    rows = [[_t(f.at), f.method, f.path, f.status, f.code] for f in failures]
    return s.SyncState(
        summary_en=f"change feed at {head_seq}"
        + ("" if lag is None else f", {lag} change(s) behind")
        + f", {len(failures)} rejected request(s) recently",
        summary_ko=f"변경 피드 {head_seq}"
        + ("" if lag is None else f", {lag}건 뒤처짐")
        + f", 최근 반영 실패 {len(failures)}건",
        table=s.Table(columns=["at", "method", "path", "status", "code"], rows=rows),
        head_seq=head_seq,
        client_seq=client_seq,
        lag=lag,
        failed_recent=len(failures),
    )


# 3 -- cache state (server rows; the workstation adds its store size and search index) ---------
def cache_state(server_rows: Mapping[str, int]) -> s.CacheState:
    total = sum(server_rows.values())
    return s.CacheState(
        summary_en=f"{total} row(s) the change feed holds for a full cache",
        summary_ko=f"전체 캐시가 담을 변경 피드 행 {total}건",
        table=s.Table(
            columns=["entity", "server_rows"],
            rows=[[k, v] for k, v in sorted(server_rows.items())],
        ),
        server_rows=dict(server_rows),
        total_rows=total,
    )


# 4 / 5 -- queues and breaching cases ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OpenWork:
    id: str
    queue_id: str
    priority: str
    status: str
    assignee: str | None
    waiting_since: datetime | None
    sla: SlaInfo | None


def _remaining(work: OpenWork, now: datetime) -> timedelta | None:
    if work.sla is None:
        return None
    view = sla_rules.evaluate(work.sla, now)
    if view.state in (SlaState.MET, SlaState.PAUSED):
        return None
    return view.remaining


def breaches_within(work: OpenWork, now: datetime, hours: int) -> bool:
    """Breached already, or due to breach within ``hours``."""
    left = _remaining(work, now)
    return left is not None and left <= timedelta(hours=hours)


def queue_health(
    queues: Iterable[str], work: Sequence[OpenWork], now: datetime, hours: int,
    queue: str | None = None,
) -> s.QueueHealth:  # fmt: skip
    names = sorted({queue} if queue else set(queues) | {w.queue_id for w in work})
    rows, waiting_total, breaching_total, proposals = [], 0, 0, []
    for q in names:
        mine = [w for w in work if w.queue_id == q]
        waiting = [w for w in mine if w.assignee is None]
        ages = [(now - w.waiting_since).total_seconds() for w in waiting if w.waiting_since]
        at_risk = sum(1 for w in mine if w.sla and ops_metrics.is_at_risk(w.sla, now))
        breaching = sum(1 for w in mine if breaches_within(w, now, hours))
        waiting_total += len(waiting)
        breaching_total += breaching
        rows.append([q, len(waiting), int(max(ages)) if ages else None, at_risk, breaching])
        if breaching and len(waiting):
            proposals.append(
                s.Proposal(
                    action="add_staff",
                    target=q,
                    reason_en=f"{breaching} item(s) of {q} breach within {hours} h",
                    reason_ko=f"{q} 큐에서 {hours}시간 안에 위반될 항목 {breaching}건",
                )
            )
    return s.QueueHealth(
        summary_en=f"{waiting_total} waiting, {breaching_total} breaching within {hours} h",
        summary_ko=f"대기 {waiting_total}건, {hours}시간 안에 위반 {breaching_total}건",
        table=s.Table(columns=["queue", "waiting", "oldest_s", "at_risk", "breaching"], rows=rows),
        series=s.Series(label="waiting", x=[r[0] for r in rows], y=[float(r[1]) for r in rows])
        if rows
        else None,
        proposals=proposals,
        hours=hours,
        waiting=waiting_total,
        breaching=breaching_total,
    )


def breaching_cases(
    work: Sequence[OpenWork], now: datetime, hours: int, queue: str | None = None,
    limit: int = 200,
) -> s.BreachingCases:  # fmt: skip
    hits = [
        w for w in work if (queue is None or w.queue_id == queue) and breaches_within(w, now, hours)
    ]
    hits.sort(key=lambda w: _remaining(w, now) or timedelta(0))
    rows = [
        [w.id, w.queue_id, w.priority, _t(w.sla.due_at if w.sla else None),
         int((_remaining(w, now) or timedelta(0)).total_seconds()), w.assignee]
        for w in hits[:limit]
    ]  # fmt: skip
    return s.BreachingCases(
        summary_en=f"{len(hits)} case(s) breach within {hours} h",
        summary_ko=f"{hours}시간 안에 위반될 케이스 {len(hits)}건",
        table=s.Table(
            columns=["case", "queue", "priority", "due_at", "remaining_s", "assignee"], rows=rows
        ),
        hours=hours,
        count=len(hits),
    )


# 6 -- availability per skill -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Person:
    id: str
    display_name: str
    skills: tuple[str, ...]


def availability(
    people: Sequence[Person], online: set[str], busy: set[str], skill: str | None = None
) -> s.Availability:
    by_skill: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        for sk in p.skills:
            if skill is None or sk == skill:
                by_skill[sk].append(p)
    rows, free_total = [], set()
    for sk in sorted(by_skill):
        staff = by_skill[sk]
        on = [p for p in staff if p.id in online]
        free = [p for p in on if p.id not in busy]
        free_total |= {p.id for p in free}
        rows.append([sk, len(staff), len(on), len(free), ", ".join(p.display_name for p in free)])
    return s.Availability(
        summary_en=f"{len(free_total)} person(s) available across {len(rows)} skill(s)",
        summary_ko=f"스킬 {len(rows)}개에 걸쳐 가용 인원 {len(free_total)}명",
        table=s.Table(columns=["skill", "staff", "online", "available", "who"], rows=rows),
        series=s.Series(label="available", x=[r[0] for r in rows], y=[float(r[3]) for r in rows])
        if rows
        else None,
        skills=len(rows),
        available=len(free_total),
    )


# 7 -- SLA compliance today ---------------------------------------------------------------------
def sla_today(items: Sequence[reports.SlaItem], now: datetime, target: float) -> s.SlaToday:
    day = now.astimezone(KST).date()
    start, end = reports.day_bounds(day, day)
    rep = reports.sla_report(items, start, end, now)
    met = sum(line["met"] for line in rep["by_priority"])
    late = sum(line["breached"] for line in rep["by_priority"])
    overall = ops_metrics.compliance(met, late)
    meets = None if overall is None else overall >= target
    rows = [
        [line["priority"], line["total"], line["met"], line["breached"], line["in_progress"],
         line["compliance_percent"]]
        for line in rep["by_priority"]
    ]  # fmt: skip
    shown = "—" if overall is None else f"{overall}%"
    return s.SlaToday(
        summary_en=f"SLA compliance today {shown} against a {target:g}% target",
        summary_ko=f"오늘 SLA 준수율 {shown} (목표 {target:g}%)",
        table=s.Table(
            columns=["priority", "total", "met", "breached", "in_progress", "compliance_percent"],
            rows=rows,
        ),
        series=s.Series(
            label="compliance_percent",
            x=[r[0] for r in rows],
            y=[float(r[5] or 0.0) for r in rows],
        )
        if rows
        else None,
        target_percent=target,
        compliance_percent=overall,
        meets_target=meets,
    )


# 8 -- scheduled jobs ---------------------------------------------------------------------------
def scheduled_jobs(
    jobs: Sequence[str],
    last_run: datetime | None,
    interval_s: float,
    failures: Sequence[tuple[datetime, str]],
    now: datetime,
) -> s.ScheduledJobs:
    nxt = last_run + timedelta(seconds=interval_s) if last_run else None
    rows = [[name, _t(last_run), _t(nxt), sum(1 for _at, e in failures if name in e)]
            for name in jobs]  # fmt: skip
    rows += [["failure", _t(at), None, error[:200]] for at, error in failures[-5:]]
    proposals = []
    if last_run is None or now - last_run > STALE_SCHEDULER:
        proposals.append(
            s.Proposal(
                action="restart_scheduler",
                target="scheduler",
                reason_en="no scheduler run in the last 5 minutes",
                reason_ko="최근 5분 동안 스케줄러 실행 기록이 없습니다",
            )
        )
    return s.ScheduledJobs(
        summary_en=f"{len(jobs)} job(s), last run {_t(last_run) or '—'}, "
        f"{len(failures)} failure(s)",
        summary_ko=f"작업 {len(jobs)}개, 마지막 실행 {_t(last_run) or '—'}, 실패 {len(failures)}건",
        table=s.Table(columns=["job", "last_run", "next_run", "failures"], rows=rows),
        proposals=proposals,
        last_run=_t(last_run),
        next_run=_t(nxt),
        failures=len(failures),
    )


# 9 -- alerts in the last N hours ---------------------------------------------------------------
def recent_alerts(
    alerts: Iterable[tuple[datetime, str]], now: datetime, hours: int, kind: str | None = None
) -> s.RecentAlerts:
    since = now - timedelta(hours=hours)
    hits = [(at, k) for at, k in alerts if since <= at <= now and (kind is None or k == kind)]
    counts = Counter(k for _at, k in hits)
    buckets = [0.0] * hours
    for at, _k in hits:
        idx = min(hours - 1, int((at - since).total_seconds() // 3600))
        buckets[idx] += 1
    labels = [(since + timedelta(hours=i)).astimezone(KST).strftime("%H시") for i in range(hours)]
    return s.RecentAlerts(
        summary_en=f"{len(hits)} alert(s) in the last {hours} h",
        summary_ko=f"최근 {hours}시간 알림 {len(hits)}건",
        table=s.Table(columns=["kind", "count"], rows=[[k, n] for k, n in counts.most_common()]),
        series=s.Series(label="alerts", x=labels, y=buckets),
        hours=hours,
        total=len(hits),
        by_kind=dict(counts),
    )


# 10 -- audit chain -----------------------------------------------------------------------------
def audit_status(result: Mapping) -> s.AuditStatus:
    verified = bool(result.get("verified"))
    head = result.get("head_hash")
    problem = result.get("problem")
    pending = int(result.get("pending") or 0)  # committed, not chained yet (PostgreSQL)
    return s.AuditStatus(
        summary_en=f"audit chain {'verified' if verified else 'NOT verified'}: "
        f"{result.get('rows', 0)} row(s)"
        + (f", {pending} not chained yet" if pending else "")
        + (f" — {problem}" if problem else ""),
        summary_ko=f"감사 체인 {'검증됨' if verified else '검증 실패'}: {result.get('rows', 0)}행"
        + (f", 체인 대기 {pending}건" if pending else "")
        + (f" — {problem}" if problem else ""),
        table=s.Table(
            columns=["item", "value"],
            rows=[
                ["verified", verified],
                ["rows", int(result.get("rows", 0))],
                ["head_hash", (head or "")[:16]],
                ["checked_from", result.get("checked_from")],
                ["pending", pending],
                ["problem", problem],
            ],
        ),
        verified=verified,
        rows=int(result.get("rows", 0)),
        head_hash=head,
        problem=problem,
    )
