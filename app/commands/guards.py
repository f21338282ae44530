"""Guard pieces shared by the commands: role, object (shared/API.md "Access to objects"),
authority, task still open, lifecycle state. Each raises a RuleError (Forbidden 403,
Conflict 409, InvalidTransition / ValidationFailed 422) and never changes anything."""

from __future__ import annotations

from datetime import date, datetime

from app.commands.base import Actor, CommandInput
from app.domain.cases import Case, Task
from app.domain.enums import Action, CaseStatus, EscalationLevel, Role, TaskStatus
from app.rules import access, lifecycle
from app.rules.errors import Forbidden, RuleError, ValidationFailed
from app.rules.messages import role_label
from app.rules.zone import KST
from app.text.labels import label, queue_label

OPEN_TASK = (TaskStatus.OPEN, TaskStatus.ASSIGNED)
ROLE_OF_LEVEL: dict[EscalationLevel, Role] = {
    EscalationLevel.L2: Role.SENIOR_REVIEWER,
    EscalationLevel.L3: Role.OPS_ADMIN,
}


class Conflict(RuleError):
    code = "conflict"
    status = 409


def today_kst(now: datetime) -> date:
    """The business date of ``now`` (deadlines are dates in Korea)."""
    return now.astimezone(KST).date()


def fields_at(data: CommandInput, now: datetime) -> None:
    """The input's rules that need today's date (422 ``validation`` with the field)."""
    errors = data.check_at(today_kst(now))
    if errors:
        raise ValidationFailed(errors)


def role(actor: Actor, action: Action) -> None:
    verdict = access.can(actor.roles, action)
    if not verdict:
        raise Forbidden.from_verdict(verdict)


def amount_at_stake(case: Case, limit: int | None = None) -> int:
    """shared/API.md: "the amount at stake is the larger of the applied-for amount and the
    approved limit" (the limit of this approval, else the case's approved terms)."""
    if limit is None and case.approved_terms is not None:
        limit = case.approved_terms.limit
    return max(int(case.application.amount or 0), int(limit or 0))


def authority(actor: Actor, action: Action, amount: int) -> None:
    """Approve / deny / close above the caller's authority (app.rules.access) is 403."""
    verdict = access.can_decide(actor.roles, amount)
    if not verdict:
        raise Forbidden.from_verdict(verdict)


def task_open(task: Task) -> None:
    if task.status not in OPEN_TASK:
        by = f" by {task.completed_by}" if task.completed_by else ""
        outcome = task.outcome.value if task.outcome else task.status.value
        raise Conflict(
            f"이미 처리된 태스크입니다 ({label(task.status)}).",
            f"the task is already {task.status.value} ({outcome}{by})",
        )


def task_object(actor: Actor, task: Task, case: Case) -> None:
    """shared/API.md "Access to objects": a task action is allowed to the task's assignee; an
    unassigned task to a caller with the skill for its queue; an escalated task to the role it
    was escalated to. Anyone else: 403."""
    if task.assignee_id is not None:
        if task.assignee_id == actor.id:
            return
        raise Forbidden(
            f"다른 사용자({task.assignee_id})에게 할당된 태스크입니다.",
            f"the task is assigned to {task.assignee_id}, not to you",
        )
    level = EscalationLevel(case.escalation_level)
    if level in ROLE_OF_LEVEL:
        needed = ROLE_OF_LEVEL[level]
        if actor.has(needed):
            return
        raise Forbidden(
            f"에스컬레이션된 태스크입니다: {role_label(needed)}만 처리할 수 있습니다.",
            f"the task was escalated to {needed.value}; only that role may act on it",
        )
    if task.queue_id in actor.skills:
        return
    raise Forbidden(
        f"'{queue_label(task.queue_id)}' 큐를 처리할 스킬이 없습니다.",
        f"you lack the skill for queue {task.queue_id!r}",
    )


def case_object(actor: Actor, case: Case) -> None:
    """A case action (close, docs received, notify customer): the case's assignee; an
    unassigned case as an unassigned task (queue skill, or the escalation role); ops_admin
    always (the operations desk). Anyone else: 403."""
    if actor.has(Role.OPS_ADMIN):
        return
    if case.assignee_id is not None:
        if case.assignee_id == actor.id:
            return
        raise Forbidden(
            f"다른 사용자({case.assignee_id})에게 할당된 케이스입니다.",
            f"the case is assigned to {case.assignee_id}, not to you",
        )
    level = EscalationLevel(case.escalation_level)
    if level in ROLE_OF_LEVEL:
        if actor.has(ROLE_OF_LEVEL[level]):
            return
        needed = ROLE_OF_LEVEL[level]
        raise Forbidden(
            f"에스컬레이션된 케이스입니다: {role_label(needed)}만 처리할 수 있습니다.",
            f"the case was escalated to {needed.value}; only that role may act on it",
        )
    if case.queue_id in actor.skills:
        return
    raise Forbidden(
        f"'{queue_label(case.queue_id)}' 큐를 처리할 스킬이 없습니다.",
        f"you lack the skill for queue {case.queue_id!r}",
    )


def transition(case: Case, action: Action) -> CaseStatus:
    """The case's status after ``action`` (app.rules.lifecycle); InvalidTransition if refused."""
    return lifecycle.transition(case.status, action)
