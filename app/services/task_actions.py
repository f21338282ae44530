"""The workstation's side of the task intents (``POST /v1/tasks/{id}/actions/{action}``,
If-Match: task version): approve, deny, request_docs, escalate, comment.

Each is: the form tidied and checked (app.commands.forms) → the command's guard and pure effect
(app.commands, the same code the server runs) → the effect's entities written optimistically and
the outbox row, in ONE transaction. Any failure raises (ValidationFailed / Forbidden /
InvalidTransition / Conflict / NotFound) and writes nothing. No effect is computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.commands import COMMANDS, forms, parse, run
from app.commands.base import Actor, CaseState
from app.domain.cases import Case, Task
from app.domain.enums import Action, EntityKind
from app.domain.people import User
from app.services.common import ActionResult, apply_result, load, push, today_kst
from app.store.lookups import get_queue, tasks_for_case
from app.store.store import Store


def task_state(session: Session, task_id: str) -> tuple[CaseState, int]:
    """The task, its case, the case's tasks and queue policy; and the task's server version."""
    task, task_version = load(session, EntityKind.TASK, Task, task_id)
    case, _ = load(session, EntityKind.CASE, Case, task.case_id)
    queue = get_queue(session, case.queue_id)
    tasks = [t for t in tasks_for_case(session, case.id) if t.id != task.id]
    state = CaseState(
        case, task, [task, *tasks], queue_policy=queue.sla_policy if queue else "priority"
    )
    return state, task_version


def run_task_action(
    session: Session,
    actor: User,
    action: Action,
    task_id: str,
    form: Mapping[str, Any],
    now: datetime,
) -> ActionResult:
    """The whole action inside the caller's transaction (used by retry-as-new too)."""
    cmd = COMMANDS[Action(action).value]
    payload = forms.require_valid(action, form, today_kst(now))
    state, task_version = task_state(session, task_id)
    data = parse(cmd.input, payload)
    result = run(cmd, state, data, Actor.of(actor), now)
    apply_result(session, result)
    return push(
        session,
        actor,
        now,
        intent=f"task.{cmd.name}",
        path=f"/v1/tasks/{task_id}/actions/{cmd.name}",
        payload=data.wire(),
        form=form,
        kind=EntityKind.TASK,
        entity_id=task_id,
        # a task made here optimistically (an escalation's new task, version 0) has no server
        # version yet: no If-Match rather than a "0" the server would refuse with 412
        if_match=task_version or None,
        case_id=state.case.id,
    )


def _run(
    store: Store, actor: User, action: Action, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    with store.transaction() as session:
        return run_task_action(session, actor, action, task_id, form, now)


def approve(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.approve: ``{limit, rate, conditions, note, reason_codes}``."""
    return _run(store, actor, Action.APPROVE, task_id, form, now)


def deny(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.deny: ``{reason_codes, note, improvement_advice}``."""
    return _run(store, actor, Action.DENY, task_id, form, now)


def request_docs(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.request_docs: ``{docs, deadline, note}``."""
    return _run(store, actor, Action.REQUEST_DOCS, task_id, form, now)


def escalate(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.escalate: ``{to, reason, priority?, recommendation?, urgent?, …}``."""
    return _run(store, actor, Action.ESCALATE, task_id, form, now)


def comment(
    store: Store, actor: User, task_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.comment: ``{body}``."""
    return _run(store, actor, Action.COMMENT, task_id, form, now)
