"""Effect steps shared by several commands (pure: they change the copies they are given)."""

from __future__ import annotations

import copy
from datetime import datetime

from app.commands.base import Actor, AuditEvent, CaseState
from app.domain.cases import Case, Task
from app.domain.enums import Action, FinalDecision, TaskStatus
from app.rules import sla


def copied(state: CaseState) -> CaseState:
    """A deep copy: an effect never changes the state it was given."""
    return copy.deepcopy(state)


def complete(
    task: Task,
    actor: Actor,
    outcome: Action,
    now: datetime,
    status: TaskStatus = TaskStatus.COMPLETED,
) -> None:
    task.status = status
    task.completed_at = now
    task.completed_by = actor.id
    task.outcome = outcome


def decide(case: Case, actor: Actor, decision: FinalDecision, now: datetime) -> None:
    """Record the final decision and stop the SLA clock (a late finish keeps ``breached_at``)."""
    case.decided_at = now
    case.decided_by = actor.id
    case.final_decision = decision
    stop_clock(case, now)


def stop_clock(case: Case, now: datetime) -> None:
    if case.sla is not None and case.sla.met_at is None:
        case.sla = sla.mark_met(case.sla, now)


def audit(kind: str, entity_id: str, action: str, **data: object) -> AuditEvent:
    return AuditEvent(action=action, entity=kind, entity_id=entity_id, data=dict(data))
