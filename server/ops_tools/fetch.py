"""The server's half of each diagnostic tool: read what the tool needs in one read transaction
and hand it to the pure computation in app.ops_tools.compute. Nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.domain.enums import CallState, CaseStatus, EntityKind, TaskStatus
from app.domain.wire import parse_time
from app.ops_tools import compute
from app.ops_tools import schemas as s
from server import storage
from server import tables as t
from server.audit_chain import verify_chain
from server.feed import decode_cursor
from server.routes.common import sla_of
from server.routes.ops import sla_items

FAILURES_KEY = "scheduler_failures"  # JSON list of [at, error] the scheduler keeps (last 20)
LAST_RUN_KEY = "scheduler_last_run"
OPEN = (TaskStatus.OPEN.value, TaskStatus.ASSIGNED.value)
ACTIVE = tuple(c.value for c in (CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.AWAITING_DOCS,
                                 CaseStatus.ESCALATED))  # fmt: skip


class Ctx:
    """What a tool may read: the app state, the caller, the time."""

    def __init__(self, state: Any, user: dict, now: datetime) -> None:
        self.state, self.user, self.now = state, user, now


def _time(value: str | None) -> datetime | None:
    return parse_time(value) if value else None


def _instances(s_: Session, ctx: Ctx) -> list[str]:
    mine = ctx.state.config.instance
    if ctx.state.db.is_sqlite:
        return [mine]
    rows = s_.execute(
        text(
            "SELECT DISTINCT application_name FROM pg_stat_activity "
            "WHERE application_name LIKE 'rws-%'"
        )
    )
    names = {r[0].split(":", 1)[-1] for r in rows if r[0]}
    return sorted(names | {mine})


def service_health(s_: Session, ctx: Ctx, args: s.NoArgs) -> s.Answer:
    try:
        ok = s_.execute(text("SELECT 1")).scalar() == 1
    except Exception:  # the answer says so; the caller gets a table, not a 500
        ok = False
    leadership = getattr(ctx.state, "leadership", None)
    bus = ctx.state.bus
    return compute.service_health(
        database_ok=ok,
        dialect=ctx.state.db.engine.dialect.name,
        leader=bool(leadership and leadership.leading),
        instance=ctx.state.config.instance,
        last_run=_time(storage.get_meta(s_, LAST_RUN_KEY)),
        subscribers=int(getattr(bus, "subscriber_count", 0)),
        instances=_instances(s_, ctx) if ok else [ctx.state.config.instance],
        now=ctx.now,
    )


def sync_state(s_: Session, ctx: Ctx, args: s.SyncArgs) -> s.Answer:
    head = s_.execute(select(func.coalesce(func.max(t.changes.c.seq), 0))).scalar() or 0
    i = t.idempotency.c
    rows = s_.execute(
        select(i.created_at, i.method, i.path, i.status, i.response)
        .where(i.user == ctx.user["id"], i.status >= 400)
        .order_by(i.created_at.desc())
        .limit(20)
    )
    failures = [
        compute.FailedRequest(
            storage._aware(r.created_at), r.method, r.path, int(r.status),
            str(r.response.get("code", "")) if isinstance(r.response, dict) else "",
        )
        for r in rows
    ]  # fmt: skip
    seq = decode_cursor(args.client_cursor, ctx.state.db.db_id) if args.client_cursor else None
    behind = None
    if seq is not None:  # a count: seqs are sparse on PostgreSQL (server/feed_seq.py)
        behind = s_.execute(select(func.count()).where(t.changes.c.seq > seq)).scalar() or 0
    return compute.sync_state(int(head), seq, failures, int(behind) if seq is not None else None)


def cache_state(s_: Session, ctx: Ctx, args: s.NoArgs) -> s.Answer:
    e = t.entities.c
    counts = {k: int(n) for k, n in s_.execute(select(e.kind, func.count()).group_by(e.kind))}
    return compute.cache_state(counts)


def _open_work(s_: Session) -> list[compute.OpenWork]:
    tasks = storage.query(s_, EntityKind.TASK, status=list(OPEN))
    wanted = {t_.get("case_id") for t_ in tasks}
    cases = {c["id"]: c for c in storage.query(s_, EntityKind.CASE, status=list(ACTIVE))
             if c["id"] in wanted}  # fmt: skip
    out = []
    for task in tasks:
        case = cases.get(task.get("case_id") or "")
        out.append(
            compute.OpenWork(
                id=task.get("case_id") or task["id"],
                queue_id=task.get("queue_id") or "",
                priority=task.get("priority") or "",
                status=task["status"],
                assignee=task.get("assignee_id"),
                waiting_since=_time(task.get("created_at") or task.get("updated_at")),
                sla=sla_of(case) if case else None,
            )
        )
    return out


def queue_health(s_: Session, ctx: Ctx, args: s.WindowArgs) -> s.Answer:
    queues = [q["id"] for q in storage.query(s_, EntityKind.QUEUE)]
    return compute.queue_health(queues, _open_work(s_), ctx.now, args.hours, args.queue)


def breaching_cases(s_: Session, ctx: Ctx, args: s.WindowArgs) -> s.Answer:
    return compute.breaching_cases(_open_work(s_), ctx.now, args.hours, args.queue)


def availability(s_: Session, ctx: Ctx, args: s.SkillArgs) -> s.Answer:
    people = [
        compute.Person(u["id"], u.get("display_name") or u["id"], tuple(u.get("skills") or ()))
        for u in storage.all_users(s_)
        if not u.get("disabled")
    ]
    busy = {
        task.get("assignee_id")
        for task in storage.query(s_, EntityKind.TASK, status=TaskStatus.ASSIGNED.value)
    }
    busy |= {
        c.get("agent_id")
        for c in storage.query(s_, EntityKind.CALL)
        if c.get("state") in (CallState.CONNECTED.value, CallState.ACW.value)
    }
    busy.discard(None)
    online = storage.online_user_ids(s_, ctx.now)
    return compute.availability(people, online, busy, args.skill)


def sla_today(s_: Session, ctx: Ctx, args: s.SlaArgs) -> s.Answer:
    return compute.sla_today(
        sla_items(storage.query(s_, EntityKind.CASE)), ctx.now, args.target_percent
    )


def scheduled_jobs(s_: Session, ctx: Ctx, args: s.NoArgs) -> s.Answer:
    from server.jobs import all_jobs

    names = ["sla_alerts"] + [name for name, _job in all_jobs()]
    raw = storage.get_meta(s_, FAILURES_KEY)
    failures = [(parse_time(at), err) for at, err in (json.loads(raw) if raw else [])]
    return compute.scheduled_jobs(
        names,
        _time(storage.get_meta(s_, LAST_RUN_KEY)),
        ctx.state.config.scheduler_interval_s,
        failures,
        ctx.now,
    )


def recent_alerts(s_: Session, ctx: Ctx, args: s.AlertArgs) -> s.Answer:
    a = t.alerts.c
    since = ctx.now - timedelta(hours=args.hours)
    rows = s_.execute(select(a.at, a.kind).where(a.at >= storage._naive(since)))
    return compute.recent_alerts(
        [(storage._aware(at), kind) for at, kind in rows], ctx.now, args.hours, args.kind
    )


def audit_status(s_: Session, ctx: Ctx, args: s.NoArgs) -> s.Answer:
    return compute.audit_status(verify_chain(s_))


FETCH: dict[str, Callable[[Session, Ctx, Any], s.Answer]] = {
    "service_health": service_health,
    "sync_state": sync_state,
    "cache_state": cache_state,
    "queue_health": queue_health,
    "breaching_cases": breaching_cases,
    "availability": availability,
    "sla_today": sla_today,
    "scheduled_jobs": scheduled_jobs,
    "recent_alerts": recent_alerts,
    "audit_status": audit_status,
}


def run(ctx: Ctx, name: str, args: s.Args) -> s.Answer:
    with ctx.state.db.read() as s_:
        return FETCH[name](s_, ctx, args)
