"""Actions on a review task (``POST /v1/tasks/{id}/actions/{action}``, If-Match: task version):
approve, deny, request_docs, escalate, comment.

Each public function validates the form (app.rules.action_input), checks access (with the amount
for approve / deny), the task is still open and the case transition (app.rules.lifecycle), then
writes in ONE transaction the optimistic change of case and task and the outbox row. Any failure
raises (ValidationFailed / Forbidden / InvalidTransition / Conflict / NotFound) and writes nothing.
The amount checked is the approved ``limit`` for approve and the applied-for amount for deny.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.cases import ApprovedTerms, Case, Document, Task
from app.domain.enums import Action, EntityKind, FinalDecision, Priority, TaskStatus
from app.domain.people import User
from app.rules import action_input, lifecycle, sla
from app.services.common import (
    ActionResult,
    load,
    note,
    open_task,
    push,
    require,
    save,
    today_kst,
)
from app.store.lookups import get_queue
from app.store.store import Store

Mutate = Callable[[Session, Case, Task, dict[str, Any], User, datetime], str]


def _complete(task: Task, actor: User, action: Action, now: datetime) -> None:
    task.status = TaskStatus.COMPLETED
    task.completed_at = now
    task.completed_by = actor.id
    task.outcome = action


def _decide(case: Case, actor: User, decision: FinalDecision, now: datetime) -> None:
    case.decided_at = now
    case.decided_by = actor.id
    case.final_decision = decision
    if case.sla is not None:
        case.sla = sla.mark_met(case.sla, now)


def _approve(s: Session, case: Case, task: Task, p: dict, actor: User, now: datetime) -> str:
    _decide(case, actor, FinalDecision.APPROVE, now)
    case.approved_terms = ApprovedTerms(p["limit"], p["rate"], list(p.get("conditions") or []))
    case.reason_codes = list(p.get("reason_codes") or [])
    case.note = p.get("note", "")
    _complete(task, actor, Action.APPROVE, now)
    return case.note


def _deny(s: Session, case: Case, task: Task, p: dict, actor: User, now: datetime) -> str:
    _decide(case, actor, FinalDecision.DENY, now)
    case.reason_codes = list(p["reason_codes"])
    case.note = p.get("note", "")
    case.improvement_advice = p.get("improvement_advice", "")
    _complete(task, actor, Action.DENY, now)
    return case.note


def _request_docs(s: Session, case: Case, task: Task, p: dict, actor: User, now: datetime) -> str:
    case.documents.extend(Document(name=d, requested_at=now) for d in p["docs"])
    case.docs_deadline = p["deadline"]
    if case.sla is not None:
        case.sla = sla.pause(case.sla, now)
    return p.get("note", "")


def _escalate(s: Session, case: Case, task: Task, p: dict, actor: User, now: datetime) -> str:
    queue = get_queue(s, case.queue_id)
    to_level = sla.level_for_target(p["to"])
    requested = Priority(p["priority"]) if p.get("priority") else None
    case.priority, case.sla = sla.escalate(
        case.priority,
        case.sla,
        case.escalation_level,
        to_level,
        now,
        queue.sla_policy if queue else "priority",
        requested_priority=requested,
    )
    case.escalation_level = to_level
    case.assignee_id = None
    task.assignee_id = None
    task.status = TaskStatus.OPEN
    task.priority = case.priority
    task.due_at = case.sla.due_at
    return p["reason"]


def _comment(s: Session, case: Case, task: Task, p: dict, actor: User, now: datetime) -> str:
    return p["body"]


def _payload(action: Action, p: dict[str, Any]) -> dict[str, Any]:
    if action is Action.APPROVE:
        p.setdefault("conditions", [])
        p.setdefault("reason_codes", [])
    return p


def run_task_action(
    session: Session,
    actor: User,
    action: Action,
    task_id: str,
    form: Mapping[str, Any],
    now: datetime,
) -> ActionResult:
    """The whole action inside the caller's transaction (used by retry-as-new too)."""
    payload = _payload(action, action_input.require_valid(action, form, today_kst(now)))
    task, task_version = load(session, EntityKind.TASK, Task, task_id)
    case, _ = load(session, EntityKind.CASE, Case, task.case_id)
    amount = None
    if action is Action.APPROVE:
        amount = payload["limit"]
    elif action is Action.DENY:
        amount = case.application.amount
    require(actor, action, amount)
    open_task(task)
    new_status = lifecycle.transition(case.status, action)
    body = MUTATIONS[action](session, case, task, payload, actor, now)
    case.status = new_status
    note(case, actor, action.value, body, now, payload)
    save(session, EntityKind.CASE, case)
    save(session, EntityKind.TASK, task)
    return push(
        session,
        actor,
        now,
        intent=f"task.{action.value}",
        path=f"/v1/tasks/{task_id}/actions/{action.value}",
        payload=payload,
        form=form,
        kind=EntityKind.TASK,
        entity_id=task_id,
        if_match=task_version,
        case_id=case.id,
    )


MUTATIONS: dict[Action, Mutate] = {
    Action.APPROVE: _approve,
    Action.DENY: _deny,
    Action.REQUEST_DOCS: _request_docs,
    Action.ESCALATE: _escalate,
    Action.COMMENT: _comment,
}


def _run(
    store: Store, actor: User, action: Action, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    with store.transaction() as session:
        return run_task_action(session, actor, action, task_id, form, now)


def approve(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{limit, rate, conditions, note, reason_codes}``; case → approved, SLA met."""
    return _run(store, actor, Action.APPROVE, task_id, form, now)


def deny(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{reason_codes, note, improvement_advice}``; case → rejected, SLA met."""
    return _run(store, actor, Action.DENY, task_id, form, now)


def request_docs(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{docs, deadline, note}``; case → awaiting_docs, SLA paused."""
    return _run(store, actor, Action.REQUEST_DOCS, task_id, form, now)


def escalate(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{to, reason, priority?, recommendation?, urgent?}``; L1→L2 restarts the SLA."""
    return _run(store, actor, Action.ESCALATE, task_id, form, now)


def comment(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{body}``; a timeline entry."""
    return _run(store, actor, Action.COMMENT, task_id, form, now)
