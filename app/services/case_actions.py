"""Actions on a case (``POST /v1/cases/{id}/…``, If-Match: case version): close,
docs_received, assign, notify_customer. Same shape and guarantees as app.services.task_actions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.cases import Case, Task
from app.domain.enums import Action, EntityKind, FinalDecision, TaskStatus
from app.domain.people import User
from app.rules import action_input, lifecycle, sla
from app.services.common import ActionResult, load, note, push, require, save, today_kst
from app.store.lookups import tasks_for_case
from app.store.store import Store

PATHS = {
    Action.CLOSE: "close",
    Action.DOCS_RECEIVED: "docs-received",
    Action.ASSIGN: "assign",
    Action.NOTIFY_CUSTOMER: "notify-customer",
}
_OPEN = (TaskStatus.OPEN, TaskStatus.ASSIGNED)


def _open_tasks(session: Session, case: Case) -> list[Task]:
    return [t for t in tasks_for_case(session, case.id) if t.status in _OPEN]


def _close(s: Session, case: Case, p: dict, actor: User, now: datetime) -> str:
    case.resolution = p["resolution"]
    decision = FinalDecision(p["final_decision"])
    if case.final_decision is None:
        case.final_decision = decision
        case.decided_at = now
        case.decided_by = actor.id
    if case.sla is not None:
        case.sla = sla.mark_met(case.sla, now)
    for task in _open_tasks(s, case):
        task.status = TaskStatus.COMPLETED
        task.completed_at = now
        task.completed_by = actor.id
        task.outcome = Action.CLOSE
        save(s, EntityKind.TASK, task)
    return case.resolution


def _docs_received(s: Session, case: Case, p: dict, actor: User, now: datetime) -> str:
    names = set(p.get("docs") or [])
    for doc in case.documents:
        if doc.received_at is None and (not names or doc.name in names):
            doc.received_at = now
    if case.sla is not None:
        case.sla = sla.resume(case.sla, now)
    return p.get("note", "")


def _assign(s: Session, case: Case, p: dict, actor: User, now: datetime) -> str:
    case.assignee_id = p["to"]
    for task in _open_tasks(s, case):
        task.assignee_id = p["to"]
        task.status = TaskStatus.ASSIGNED
        save(s, EntityKind.TASK, task)
    return p.get("note", "") or p["to"]


def _notify(s: Session, case: Case, p: dict, actor: User, now: datetime) -> str:
    return p["template"]


MUTATIONS: dict[Action, Callable[[Session, Case, dict, User, datetime], str]] = {
    Action.CLOSE: _close,
    Action.DOCS_RECEIVED: _docs_received,
    Action.ASSIGN: _assign,
    Action.NOTIFY_CUSTOMER: _notify,
}


def run_case_action(
    session: Session,
    actor: User,
    action: Action,
    case_id: str,
    form: Mapping[str, Any],
    now: datetime,
) -> ActionResult:
    """The whole action inside the caller's transaction."""
    payload = action_input.require_valid(action, form, today_kst(now))
    case, version = load(session, EntityKind.CASE, Case, case_id)
    require(actor, action)
    new_status = lifecycle.transition(case.status, action)
    body = MUTATIONS[action](session, case, payload, actor, now)
    case.status = new_status
    note(case, actor, action.value, body, now, payload)
    save(session, EntityKind.CASE, case)
    return push(
        session,
        actor,
        now,
        intent=f"case.{action.value}",
        path=f"/v1/cases/{case_id}/{PATHS[action]}",
        payload=payload,
        form=form,
        kind=EntityKind.CASE,
        entity_id=case_id,
        if_match=version,
        case_id=case_id,
    )


def _run(
    store: Store, actor: User, action: Action, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    with store.transaction() as session:
        return run_case_action(session, actor, action, case_id, form, now)


def close(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{resolution, final_decision}``; case → closed, SLA met, open tasks completed."""
    return _run(store, actor, Action.CLOSE, case_id, form, now)


def docs_received(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{docs?, note?}``; case → pending, SLA resumed (due time moved by the pause)."""
    return _run(store, actor, Action.DOCS_RECEIVED, case_id, form, now)


def assign(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{to}`` (ops_admin); the case and its open tasks go to ``to``."""
    return _run(store, actor, Action.ASSIGN, case_id, form, now)


def notify_customer(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{template, eta?}``; a timeline entry."""
    return _run(store, actor, Action.NOTIFY_CUSTOMER, case_id, form, now)
