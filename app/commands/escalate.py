"""escalate — ``POST /v1/tasks/{id}/actions/escalate`` (runbook "에스컬레이션 프로세스").

Seed 000, the ladder: "Level 1 → Level 2 (reviewer → senior_reviewer)" and "Level 2 → Level 3
(senior_reviewer → ops_admin)". So a case at L1 goes to senior_reviewer only, and only a
senior_reviewer escalates an L2 case to ops_admin; L3 is the top (422 invalid_transition).

"사후 조치: senior_reviewer 큐로 이동 · SLA 리셋 (새로운 SLA 적용) · 에스컬레이션 사유 기록" and
"에스컬레이션 SLA: Level 1 → Level 2: 동일 우선순위 SLA 유지 · Level 2 → Level 3: P0로 격상":
the case moves to the senior (L2) or ops (L3) queue, the task acted on is completed, a new open
task is opened there (its id derived from the case and the level, so the workstation's optimistic
task and the server's are one row), the clock restarts — and a P0 alert is raised when the
priority becomes p0. The replaced clock's breach is kept in ``sla.breach_history`` so the SLA
report still counts it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, Alert, CaseState, Command, CommandInput, Result, derived_id
from app.commands.base import note as timeline_note
from app.commands.fields import Flag, OptText, ShortText, Text
from app.domain.cases import SlaInfo, Task
from app.domain.enums import (
    Action,
    EscalationLevel,
    EscalationTarget,
    Priority,
    Role,
    TaskStatus,
    TaskType,
)
from app.rules import sla
from app.rules.errors import RuleError

QUEUE_OF_LEVEL: dict[EscalationLevel, str] = {
    EscalationLevel.L2: "senior_review",
    EscalationLevel.L3: "ops_escalation",
}
P0_ALERT = "p0_arrival"


class EscalateInput(CommandInput):
    to: EscalationTarget = Field(
        description="senior_reviewer (L1→L2) or ops_admin (L2→L3)",
        json_schema_extra={"x-kind": "choice"},
    )
    reason: Text = Field(description="why (에스컬레이션 사유)")
    priority: Priority | None = Field(
        default=None, description="raise to (never lowers)", json_schema_extra={"x-kind": "choice"}
    )
    recommendation: ShortText | None = None
    urgent: Flag = False
    note: OptText | None = None
    context: OptText | None = None
    impact: OptText | None = None


class LadderError(RuleError):
    """A step the escalation ladder does not have (422 ``invalid_transition``)."""

    code = "invalid_transition"
    status = 422


def ladder(level: EscalationLevel, to: EscalationTarget, actor: Actor) -> EscalationLevel:
    """The level ``to`` puts the case at, by the runbook's ladder, else LadderError (422)."""
    target = sla.level_for_target(to)
    if level is EscalationLevel.L1 and target is not EscalationLevel.L2:
        raise LadderError(
            "Level 1 케이스는 선임 검토자에게만 에스컬레이션할 수 있습니다 (Level 1 → Level 2).",
            "a Level 1 case escalates to senior_reviewer only (Level 1 → Level 2)",
        )
    if level is EscalationLevel.L2:
        if target is not EscalationLevel.L3:
            raise LadderError(
                "이미 선임 검토자에게 에스컬레이션된 케이스입니다.",
                "the case is already escalated to senior_reviewer",
            )
        if not actor.has(Role.SENIOR_REVIEWER):
            raise LadderError(
                "운영 관리자에게는 선임 검토자만 에스컬레이션할 수 있습니다 (2단계 → 3단계).",
                "only a senior_reviewer escalates to ops_admin "
                "(Level 2 → Level 3 (senior_reviewer → ops_admin))",
            )
    if level is EscalationLevel.L3:
        raise LadderError(
            "3단계(운영 관리자)보다 높은 에스컬레이션 단계는 없습니다.",
            "Level 3 (ops_admin) is the top of the escalation ladder",
        )
    return target


def guard(state: CaseState, data: EscalateInput, actor: Actor, now: datetime) -> None:
    assert state.task is not None
    guards.role(actor, Action.ESCALATE)
    guards.task_open(state.task)
    guards.task_object(actor, state.task, state.case)
    ladder(EscalationLevel(state.case.escalation_level), data.to, actor)
    guards.transition(state.case, Action.ESCALATE)


def kept_breaches(old: SlaInfo | None, now: datetime) -> list[datetime]:
    """The breaches of the clock being replaced: its history plus its own ``breached_at``
    (filled in if the allowance ran out by ``now``)."""
    if old is None:
        return []
    seen = sla.with_breach(old, now)
    history = list(old.breach_history)
    if seen.breached_at is not None and seen.breached_at not in history:
        history.append(seen.breached_at)
    return history


def effect(state: CaseState, data: EscalateInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case, task = s.case, s.task
    assert task is not None
    level = ladder(EscalationLevel(case.escalation_level), data.to, actor)
    case.status = guards.transition(case, Action.ESCALATE)
    history = kept_breaches(case.sla, now)
    prio, clock = sla.escalate(
        case.priority,
        case.sla,
        case.escalation_level,
        level,
        now,
        s.queue_policy,
        requested_priority=data.priority,
    )
    clock.breach_history = history
    queue_id = QUEUE_OF_LEVEL[level]
    case.priority, case.sla, case.escalation_level = prio, clock, level
    case.queue_id, case.assignee_id = queue_id, None
    steps.complete(task, actor, Action.ESCALATE, now)
    new_task = Task(
        id=derived_id("T", case.id, "escalate", level.value),
        case_id=case.id,
        type=TaskType.REVIEW,
        status=TaskStatus.OPEN,
        queue_id=queue_id,
        priority=prio,
        due_at=clock.due_at,
        created_at=now,
        version=0,
    )
    case.task_ids.append(new_task.id)
    timeline_note(case, actor, Action.ESCALATE.value, data.reason, now, data.wire())
    alerts = []
    if prio is Priority.P0:
        alerts.append(Alert(P0_ALERT, "case", case.id, {"priority": prio.value}))
    return Result(
        primary=task,
        cases=[case],
        tasks=[task, new_task],
        audit=[
            steps.audit("case", case.id, "escalate", task_id=task.id, **data.wire()),
            steps.audit("task", task.id, "escalate", case_id=case.id),
            steps.audit(
                "task", new_task.id, "create_task", case_id=case.id, escalation_level=level.value
            ),
        ],
        alerts=alerts,
    )


COMMAND = Command(
    name="escalate",
    action=Action.ESCALATE,
    path="/tasks/{id}/actions/escalate",
    input=EscalateInput,
    guard=guard,
    effect=effect,
    who_may="the task's assignee (unassigned: queue "
    "skill; escalated: the escalation role); to ops_admin only a senior_reviewer at L2",
    summary="case → escalated, moved to the senior (L2) / ops (L3) queue, the task completed, a "
    "new open task there, SLA restarted (L3: p0), earlier breach kept, P0 alert when p0",
    needs=("queue_policy",),
    seed_rule="Level 1 → Level 2 (reviewer → senior_reviewer) · Level 2 → Level 3 "
    "(senior_reviewer → ops_admin) · L2→L3: P0로 격상",
)
