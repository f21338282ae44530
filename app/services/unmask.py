"""Unmasking a customer's identifiers on the case page is audited.

Only roles with ``Action.UNMASK`` (senior_reviewer, ops_admin). The record is a comment on the
case's open task — ``POST /v1/tasks/{id}/actions/comment``, which the server keeps in its
hash-chained audit log — written with its outbox row in one transaction. A case without an open
task the actor may act on (shared/API.md "Access to objects": not the assignee, no skill, …)
gets a local timeline entry only (moving this to ``POST /cases/{id}/unmask`` is a later stage).
"""

from __future__ import annotations

from datetime import datetime

from app.commands import guards
from app.commands.base import Actor
from app.domain.cases import Case, Task
from app.domain.enums import Action, EntityKind, TaskStatus
from app.domain.people import User
from app.rules import access
from app.rules.errors import Forbidden
from app.services.common import ActionResult, load, note, require, save
from app.services.task_actions import run_task_action
from app.store.lookups import tasks_for_case
from app.store.store import Store

BODY = "개인정보 마스킹 해제 / customer identifiers unmasked"
_OPEN = (TaskStatus.OPEN, TaskStatus.ASSIGNED)


def _may_comment(actor: User, task: Task, case: Case) -> bool:
    """The comment is a task action: only on a task the actor may act on (Access to objects)."""
    try:
        guards.task_object(Actor.of(actor), task, case)
    except Forbidden:
        return False
    return True


def unmask(store: Store, actor: User, case_id: str, now: datetime) -> ActionResult | None:
    """Record that ``actor`` looked at the full identifiers of ``case_id``; Forbidden if the
    actor may not. Returns the outbox row written (None when only a local entry was possible)."""
    require(actor, Action.UNMASK)
    with store.transaction() as session:
        case, _ = load(session, EntityKind.CASE, Case, case_id)
        tasks = [t for t in tasks_for_case(session, case_id) if t.status in _OPEN]
        tasks = [t for t in tasks if _may_comment(actor, t, case)]
        if tasks and access.can(actor.roles, Action.COMMENT):
            return run_task_action(session, actor, Action.COMMENT, tasks[0].id, {"body": BODY}, now)
        note(case, actor, Action.UNMASK.value, BODY, now, {"case_id": case_id})
        save(session, EntityKind.CASE, case)
        return None
