"""Audit events of the seeded (or imported) demo data: every decided case (approve, deny, close)
by whoever decided it at its decision time, every resolved appeal, and every decision execution
and approval request, so the audit log tells the same story as the entities.
Appended with ``audit_chain.append_many`` in time order (one executemany, head signed once)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from app.domain.wire import parse_time
from server.audit_chain import append_many

_CASE_ACTIONS = {"approved": "approve", "rejected": "deny", "closed": "close", "archived": "close"}


def _at(value: object, default: datetime) -> datetime:
    return parse_time(value) if isinstance(value, str) and value else default


def case_events(cases: Iterable[dict], now: datetime) -> list[tuple]:
    out = []
    for case in cases:
        action = _CASE_ACTIONS.get(str(case.get("status")))
        if action is None or not case.get("decided_at"):
            continue
        data = {
            "version": 1,
            "source": "seed",
            "final_decision": case.get("final_decision"),
            "reason_codes": case.get("reason_codes") or [],
        }
        actor = case.get("decided_by") or "system"
        out.append((actor, action, "case", case["id"], data, _at(case["decided_at"], now)))
    return out


def other_events(
    appeals: Iterable[dict], decisions: Iterable[dict], approvals: Iterable[dict], now: datetime
) -> list[tuple]:
    out = []
    for appeal in appeals:
        if appeal.get("resolution"):
            data = {"version": 1, "source": "seed", "resolution": appeal["resolution"]}
            at = _at(appeal.get("resolved_at") or appeal.get("updated_at"), now)
            actor = appeal.get("resolved_by") or "system"
            out.append((actor, "resolve", "appeal", appeal["id"], data, at))
    for decision in decisions:
        at = _at((decision.get("execution") or {}).get("created_at"), now)
        data = {"version": 1, "source": "seed"}
        out.append(("system", "create", "decision", decision["id"], data, at))
    for approval in approvals:
        data = {"version": 1, "source": "seed", "status": approval.get("status")}
        at = _at(approval.get("requested_at") or approval.get("created_at"), now)
        out.append(("system", "request_approval", "approval", approval["id"], data, at))
    return out


def append_demo_audit(db, events: list[tuple], now: datetime) -> int:
    """Append ``events`` (``(actor, action, entity, entity_id, data, at)``) in time order."""
    if not events:
        return 0
    events.sort(key=lambda e: (e[5], e[2], e[3]))
    with db.session() as s:
        count = append_many(s, events, now)
        s.commit()
    return count
