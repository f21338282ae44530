"""Operations: GET /queues, GET /queues/{id}/stats (Amazon Connect GetCurrentMetricData names;
beyond API.md, ``abandon_rate: {percent, abandoned, offered, short_abandon_s}`` of today's
contacts, app.rules.wallboard), GET /ops/sla-report?from=&to= (compliance per priority and
queue: app.rules.reports)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.domain.enums import Action, CallState, EntityKind, Priority, TaskStatus
from app.domain.wire import format_time, parse_time
from app.rules import ops_metrics, reports, sla, wallboard
from app.rules.agent_state import AgentState, chosen_state
from server import storage
from server.auth import require
from server.idempotency import User
from server.problems import ProblemError
from server.routes.common import SEOUL, load, sla_of, user_entity

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
        members = [u for u in storage.all_users(s) if queue_id in (u.get("skills") or [])]
        staff = {u["id"] for u in members}
        chosen = {u["id"]: chosen_state(user_entity(s, u).get("agent_state")) for u in members}
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
    on_break = {uid for uid, st in chosen.items() if st is AgentState.BREAK}
    offline = {uid for uid, st in chosen.items() if st is AgentState.OFFLINE}
    agents = ops_metrics.agent_states(staff & online, on_contact, acw, on_break, offline)
    waiting_items = [c.get("started_at") for c in ringing] + [
        t.get("created_at") or t.get("updated_at")
        for t in tasks
        if t["status"] == TaskStatus.OPEN.value
    ]
    ages = [(now - parse_time(w)).total_seconds() for w in waiting_items if w]
    threshold = _threshold_s(queue.get("sla_policy", sla.PRIORITY_POLICY), now)
    answered_today = [
        c
        for c in calls
        if c.get("connected_at")
        and c.get("started_at")
        and parse_time(c["started_at"]).astimezone(SEOUL).date() == today
    ]
    answered_in = sum(
        1
        for c in answered_today
        if (parse_time(c["connected_at"]) - parse_time(c["started_at"])).total_seconds()
        <= threshold
    )
    level = ops_metrics.service_level(
        on_time + answered_in, handled + len(answered_today), breached
    )
    day_start = datetime.combine(today, datetime.min.time(), SEOUL)
    abandon = wallboard.abandon_rate(
        [_contact(c) for c in calls if c.get("started_at")], day_start, now
    )
    return {
        "queue_id": queue_id,
        "snapshot_time": format_time(now),
        "waiting_by_priority": {p.value: waiting.get(p.value, 0) for p in Priority},
        "at_risk": at_risk,
        "breached": breached,
        "handled_today": handled,
        "service_level": {"threshold_s": threshold, "percent": level},
        "abandon_rate": {
            "percent": abandon.percent,
            "abandoned": abandon.abandoned,
            "offered": abandon.offered,
            "short_abandon_s": int(wallboard.SHORT_ABANDON.total_seconds()),
        },
        "metrics": {
            "AGENTS_ONLINE": agents.logged_in,
            "AGENTS_AVAILABLE": agents.available,
            "AGENTS_ON_CONTACT": agents.on_contact,
            "AGENTS_AFTER_CONTACT_WORK": agents.after_contact_work,
            "AGENTS_NON_PRODUCTIVE": agents.non_productive,
            "CONTACTS_IN_QUEUE": len(ringing) + sum(waiting.values()),
            "OLDEST_CONTACT_AGE": int(max(ages)) if ages else 0,
        },
    }


def _contact(call: dict) -> wallboard.Contact:
    """A call (with ``started_at``) as the abandon rule reads it."""
    at = lambda key: parse_time(call[key]) if call.get(key) else None  # noqa: E731
    return wallboard.Contact(parse_time(call["started_at"]), at("connected_at"), at("ended_at"))


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
    """``from`` / ``to`` as dates are KST days, both inclusive; as RFC 3339 times, ``to`` is
    exclusive. The answer states its boundaries (``app.rules.reports``)."""
    require(user, Action.VIEW_OPS)
    try:
        start, end = reports.bounds(from_, to)
    except ValueError:
        start, end = _time(from_, "from"), _time(to, "to")
    if end <= start or end - start > timedelta(days=367):
        raise ProblemError(
            422,
            "validation",
            "need from < to, at most a year apart",
            errors={"to": "must be after from, within a year"},
        )
    now = request.app.state.config.clock()
    with request.app.state.db.read() as s:
        items = sla_items(storage.query(s, EntityKind.CASE))
    return reports.sla_report(items, start, end, now)


def sla_items(cases: list[dict]) -> list[reports.SlaItem]:
    """The cases with an SLA clock, as the report rule reads them."""
    out = []
    for case in cases:
        clock = sla_of(case)
        if clock is None or not case.get("created_at"):
            continue
        created = parse_time(case["created_at"])
        out.append(reports.SlaItem(case["priority"], case["queue_id"], created, clock))
    return out
