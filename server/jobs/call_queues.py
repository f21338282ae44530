"""Seed 004 contact-center time rules (``app.rules.call_queues``) applied each tick:
``call_queue_breach`` when a contact waits past its queue's SLA, ``callback_due`` when the
"15분 내에 연락드리겠습니다" promise (or an after-hours ``callback_at``) is not kept, and the
emergency ladder — each rung logged on the call (``escalation_log``) and in the audit log; the
last rung tells the General desk and the managers (``call_queue_breach``, code
``emergency_unanswered``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.enums import AlertKind, EntityKind, Role
from app.domain.wire import format_time, parse_time
from app.rules import call_queues as rules
from server import storage
from server.jobs import alert

ACTOR = "system:scheduler"
HORIZON = timedelta(days=8)  # calls older than this are past every rule (after hours: 1-4 days)


def _t(value: str | None) -> datetime | None:
    return parse_time(value) if value else None


def contact(call: dict) -> rules.Contact:
    answered = _t(call.get("connected_at")) if call.get("agent_id") else None
    answered = answered or _t(call.get("called_back_at"))
    return rules.Contact(
        id=call["id"],
        queue=call.get("queue") or "",
        started_at=parse_time(call["started_at"]),
        answered_at=answered,
        callback_at=_t(call.get("callback_at")),
        called_back_at=_t(call.get("called_back_at")),
        emergency=call.get("flow") == "emergency" or call.get("queue") == "msp_emergency",
        ladder_logged=len(call.get("escalation_log") or []),
    )


def _roster(s, call: dict) -> rules.Roster:
    users = storage.all_users(s)

    def having(skill: str) -> list[str]:
        return [u["id"] for u in users if skill in (u.get("skills") or [])]

    managers = [
        u["id"] for u in users if {Role.SUPERVISOR.value, Role.OPS_ADMIN.value} & set(u["roles"])
    ]
    customer = call.get("customer") or {}
    return rules.roster(
        having("msp_emergency"),
        [u for u in having("general") if u not in managers],
        managers,
        customer.get("ts_primary"),
        customer.get("ts_secondary"),
    )


def _breach(c: rules.Contact) -> dict:
    limit = rules.QUEUE_LIMITS.get(c.queue, "—")
    due = format_time(rules.queue_due(c))
    # the queue id: each client renders it as the queue's name in its language (alert_text)
    params = {"contact_id": c.id, "queue": c.queue, "limit": limit, "due_at": due}
    kind = AlertKind.CALL_QUEUE_BREACH
    return alert(kind, "call", c.id, "call_queue_breach", params, queue_id=c.queue, due_at=due)


def _callback(c: rules.Contact) -> dict:
    due = rules.promised_by(c)
    promise = "callback_at" if c.callback_at is not None else "within_15_min"
    params = {"contact_id": c.id, "promise": promise, "due_at": format_time(due)}
    return alert(AlertKind.CALLBACK_DUE, "call", c.id, "callback_due", params, queue_id=c.queue)


def _ladder(s, call: dict, c: rules.Contact, now: datetime) -> list[dict]:
    steps = rules.ladder_due(c, now)
    if not steps:
        return []
    people = _roster(s, call)
    log = list(call.get("escalation_log") or [])
    out = []
    for index, rung, at in steps:
        who = rules.targets(rung, people)
        entry = {
            "step": index + 1,
            "rung": rung,
            "label": rules.LADDER_KO[rung],
            "due_at": format_time(at),
            "logged_at": format_time(now),
            "targets": who,
        }
        log.append(entry)
        storage.append_audit(s, ACTOR, "emergency_ladder_step", "call", c.id, entry, now)
        if rung == rules.LADDER[-1]:
            params = {"contact_id": c.id, "targets": who}
            kind, code = AlertKind.CALL_QUEUE_BREACH, "emergency_unanswered"
            out.append(alert(kind, "call", c.id, code, params, queue_id=c.queue, to=who))
    storage.put(s, EntityKind.CALL, {**call, "escalation_log": log}, actor=ACTOR, now=now)
    return out


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    calls = [
        c
        for c in storage.query(s, EntityKind.CALL)
        if c.get("started_at") and parse_time(c["started_at"]) >= now - HORIZON
    ]
    contacts = {c["id"]: contact(c) for c in calls}
    out: list[dict] = []
    if before is not None:
        out += [_breach(c) for c in rules.queue_breaches(list(contacts.values()), before, now)]
        out += [_callback(c) for c in rules.callbacks_due(list(contacts.values()), before, now)]
    for call in calls:
        out += _ladder(s, call, contacts[call["id"]], now)
    return out
