"""Operations: GET /queues, GET /queues/{id}/stats (Amazon Connect GetCurrentMetricData names),
GET /ops/sla-report?from=&to= (compliance per priority and queue; app.rules.sla evaluates)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.domain.enums import Action, CallState, EntityKind, Priority, SlaState, TaskStatus
from app.domain.wire import format_time, parse_time
from app.rules import ops_metrics, sla
from server import storage
from server.auth import require
from server.idempotency import User
from server.problems import ProblemError
from server.routes.common import SEOUL, load, sla_of

router = APIRouter(tags=["operations"])
STANDARD_POLICY = "p2"  # service-level threshold of review queues: the runbook's 표준 검토


@router.get("/queues", summary="Work queues")
def queues(request: Request, user: User) -> list[dict]:
    require(user, Action.VIEW)
    with request.app.state.db.read() as s:
        return sorted(storage.query(s, EntityKind.QUEUE), key=lambda q: q["id"])


def _threshold_s(policy: str, now: datetime) -> float:
    name = STANDARD_POLICY if policy == sla.PRIORITY_POLICY else policy
    return (sla.due_for(name, now) - now).total_seconds()


@router.get("/queues/{queue_id}/stats", summary="Real-time queue metrics")
def queue_stats(
    request: Request, user: User, queue_id: str = Path(min_length=1, max_length=128)
) -> dict:
    require(user, Action.VIEW_OPS)
    now = request.app.state.config.clock()
    today = now.astimezone(SEOUL).date()
    with request.app.state.db.read() as s:
        queue = load(s, EntityKind.QUEUE, queue_id)
        tasks = storage.query(s, EntityKind.TASK, queue_id=queue_id)
        calls = storage.query(s, EntityKind.CALL, queue_id=queue_id)
        online = storage.online_user_ids(s, now)
        staff = {u["id"] for u in storage.all_users(s) if queue_id in (u.get("skills") or [])}
        waiting: Counter[str] = Counter()
        at_risk = breached = handled = on_time = 0
        for task in tasks:
            if task["status"] == TaskStatus.OPEN.value:
                waiting[task["priority"]] += 1
            if task["status"] in (TaskStatus.OPEN.value, TaskStatus.ASSIGNED.value):
                case = storage.get(s, EntityKind.CASE, task["case_id"])
                clock = sla_of(case) if case else None
                risky, late = ops_metrics.sla_counts([clock] if clock else [], now)
                at_risk += risky
                breached += late
            done = task.get("completed_at")
            if (
                task["status"] == TaskStatus.COMPLETED.value
                and done
                and parse_time(done).astimezone(SEOUL).date() == today
            ):
                handled += 1
                on_time += bool(task.get("due_at")) and done <= task["due_at"]
    live = [c for c in calls if c["state"] != CallState.ENDED.value]
    ringing = [c for c in live if c["state"] == CallState.RINGING.value]
    on_contact = {c.get("agent_id") for c in live if c["state"] == CallState.CONNECTED.value}
    acw = {c.get("agent_id") for c in live if c["state"] == CallState.ACW.value}
    on_contact |= {t.get("assignee_id") for t in tasks if t["status"] == TaskStatus.ASSIGNED.value}
    on_contact.discard(None)
    acw.discard(None)
    agents_online = staff & online
    waiting_items = [c.get("started_at") for c in ringing] + [
        t.get("created_at") or t.get("updated_at")
        for t in tasks
        if t["status"] == TaskStatus.OPEN.value
    ]
    ages = [(now - parse_time(w)).total_seconds() for w in waiting_items if w]
    threshold = _threshold_s(queue.get("sla_policy", sla.PRIORITY_POLICY), now)
    ended_today = [c for c in calls if c.get("connected_at") and c.get("started_at")]
    answered_in = sum(
        1
        for c in ended_today
        if (parse_time(c["connected_at"]) - parse_time(c["started_at"])).total_seconds()
        <= threshold
    )
    total_sl = handled + len(ended_today)
    return {
        "queue_id": queue_id,
        "snapshot_time": format_time(now),
        "waiting_by_priority": {p.value: waiting.get(p.value, 0) for p in Priority},
        "at_risk": at_risk,
        "breached": breached,
        "handled_today": handled,
        "service_level": {
            "threshold_s": threshold,
            "percent": round(100.0 * (on_time + answered_in) / total_sl, 1) if total_sl else 100.0,
        },
        "metrics": {
            "AGENTS_ONLINE": len(agents_online),
            "AGENTS_AVAILABLE": len(agents_online - on_contact - acw),
            "AGENTS_ON_CONTACT": len(on_contact & agents_online) if agents_online else 0,
            "AGENTS_AFTER_CONTACT_WORK": len(acw),
            "CONTACTS_IN_QUEUE": len(ringing) + sum(waiting.values()),
            "OLDEST_CONTACT_AGE": int(max(ages)) if ages else 0,
        },
    }


def _time(value: str, name: str) -> datetime:
    try:
        return parse_time(value)
    except ValueError as exc:
        raise ProblemError(
            422,
            "validation",
            f"{name} is not an RFC 3339 time",
            errors={name: "expected an RFC 3339 time"},
        ) from exc


@router.get("/ops/sla-report", summary="SLA compliance per priority and queue")
def sla_report(
    request: Request,
    user: User,
    from_: Annotated[str, Query(alias="from", max_length=40)],
    to: Annotated[str, Query(max_length=40)],
) -> dict:
    require(user, Action.VIEW_OPS)
    start, end = _time(from_, "from"), _time(to, "to")
    if end <= start or end - start > timedelta(days=366):
        raise ProblemError(
            422,
            "validation",
            "need from < to, at most a year apart",
            errors={"to": "must be after from, within a year"},
        )
    now = request.app.state.config.clock()
    rows: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with request.app.state.db.read() as s:
        for case in storage.query(s, EntityKind.CASE):
            clock = sla_of(case)
            if (
                clock is None
                or not case.get("created_at")
                or not (start <= parse_time(case["created_at"]) < end)
            ):
                continue
            row = rows[(case["priority"], case["queue_id"])]
            row["total"] += 1
            state = sla.evaluate(clock, now).state
            late = clock.met_at is not None and clock.met_at > clock.due_at
            if state is SlaState.BREACHED or late or clock.breached_at is not None:
                row["breached"] += 1
            elif state is SlaState.MET:
                row["met"] += 1
            else:
                row["in_progress"] += 1

    def line(counter: Counter[str], **key: str) -> dict:
        closed = counter["met"] + counter["breached"]
        pct = round(100.0 * counter["met"] / closed, 1) if closed else None
        return {
            **key,
            "total": counter["total"],
            "met": counter["met"],
            "breached": counter["breached"],
            "in_progress": counter["in_progress"],
            "compliance_percent": pct,
        }

    by_priority: dict[str, Counter[str]] = defaultdict(Counter)
    by_queue: dict[str, Counter[str]] = defaultdict(Counter)
    for (prio, queue_id), counter in rows.items():
        by_priority[prio].update(counter)
        by_queue[queue_id].update(counter)
    return {
        "from": format_time(start),
        "to": format_time(end),
        "generated_at": format_time(now),
        "rows": [line(c, priority=p, queue_id=q) for (p, q), c in sorted(rows.items())],
        "by_priority": [line(c, priority=p) for p, c in sorted(by_priority.items())],
        "by_queue": [line(c, queue_id=q) for q, c in sorted(by_queue.items())],
    }
