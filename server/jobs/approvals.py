"""Seed 002: an approval request unanswered for 24 h becomes ``EXPIRED``; its decision's
workflow fails with E007 (decision log written) and the requester is told with an
``approval_expired`` alert (``code`` + ``params``)."""

from __future__ import annotations

from datetime import datetime

from app.domain.decisions import ApprovalRequest, DecisionExecution
from app.domain.enums import AlertKind, ApprovalStatus, EntityKind
from app.domain.wire import from_wire, to_wire
from app.rules import approvals as rules
from server import storage
from server.jobs import alert

ACTOR = "system:scheduler"
OPEN = [ApprovalStatus.PENDING.value, ApprovalStatus.ESCALATED.value]


def _save(s, kind: EntityKind, data: dict, now: datetime, audit: dict) -> dict:
    stored = storage.put(s, kind, data, actor=ACTOR, now=now)
    storage.append_audit(s, ACTOR, "approval_expired", kind.value, stored["id"], audit, now)
    return stored


def _fail_decision(s, request: ApprovalRequest, now: datetime) -> None:
    stored = storage.get(s, EntityKind.DECISION, request.execution_id)
    if stored is None:
        return
    decision = from_wire(DecisionExecution, stored)
    decision.approval_request = request
    decision.execution = rules.resume_execution(decision.execution, request, now)
    wire = {**stored, **to_wire(decision), "status": decision.execution.status.value}
    log_id = f"DL-{request.request_id}"
    wire["decision_log"] = to_wire(rules.build_decision_log(decision, log_id, now))
    audit = {"approval_id": request.request_id, "status": request.status.value}
    _save(s, EntityKind.DECISION, wire, now, audit)


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    stored = {d["id"]: d for d in storage.query(s, EntityKind.APPROVAL, status=OPEN)}
    requests = [from_wire(ApprovalRequest, d) for d in stored.values()]
    out = []
    for request in rules.due_expiries(requests, now):
        data = {**stored[request.id], **to_wire(request)}
        _save(s, EntityKind.APPROVAL, data, now, {"status": request.status.value})
        _fail_decision(s, request, now)
        code, params = rules.expiry_notice(request)
        out.append(
            alert(
                AlertKind.APPROVAL_EXPIRED,
                EntityKind.APPROVAL.value,
                request.id,
                code,
                params,
                to=request.requester_id,
                at_due=params["expired_at"],
            )
        )
    return out
