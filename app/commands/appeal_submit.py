"""appeal submit — ``POST /v1/appeals`` (runbook "Appeals (이의 제기) 처리 › 1. 이의 제기 접수").

Seed 000:
- "**Action**: Appeal 가능" is said of ``rejected`` only: a case that was not rejected (status
  ``rejected``, or ``closed`` with the final decision ``deny``) is 422 ``invalid_transition``.
- "제출 기한 (일반적으로 결정 후 30일 이내)": after 30 × 24 h from ``decided_at`` it is 422
  ``appeal_window_closed`` (app.rules.appeals).
- "시스템이 자동으로 Appeal 생성 · senior_reviewer 큐로 자동 라우팅": the effect creates the appeal
  and its ``appeal_review`` task in the ``appeals`` queue, due in 72 h ("Appeals resolution time
  p95 ≤ 72시간").
- One appeal per decision (issue 14): a second appeal of the same decision — any appeal of the
  case submitted since ``decided_at`` — is 409 ``conflict`` naming the first appeal. The
  appeal's id is derived from the case and the decision, so two servers (or a retry under a new
  key) can never create two.

Bounds (shared/API.md): ``reason`` ≤ 4,000 characters, ``evidence`` ≤ 20 items of ≤ 200
characters each (document names; 20 MB of evidence is refused, the body limit is 1 MiB).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import (
    Actor,
    AppealState,
    Command,
    CommandInput,
    Result,
    derived_id,
    note,
)
from app.commands.fields import EntityId, Evidence, Text
from app.domain.cases import Task
from app.domain.enums import Action, AppealStatus, TaskStatus, TaskType
from app.domain.people import Appeal
from app.rules import appeals
from app.rules.errors import RuleError

APPEALS_QUEUE = "appeals"  # the senior reviewers' queue
RESOLUTION_TARGET = timedelta(hours=appeals.RESOLUTION_P95_TARGET_HOURS)


class AppealSubmitInput(CommandInput):
    LABELS: ClassVar[dict[str, tuple[str, str]]] = {"reason": ("이의 제기 사유", "Reason")}

    case_id: EntityId = Field(description="the rejected case")
    reason: Text = Field(description="the customer's reason (고객 제출 사유)")
    evidence: Evidence = Field(default_factory=list, description="추가 증빙 (document names)")


class AppealWindowClosed(RuleError):
    """ "제출 기한 (일반적으로 결정 후 30일 이내)" has passed (422)."""

    code = "appeal_window_closed"
    status = 422


class NotAppealable(RuleError):
    """Only a rejected case can be appealed (422)."""

    code = "invalid_transition"
    status = 422


def appeal_id(state: AppealState) -> str:
    """One id per decision: the case and the moment it was decided."""
    case = state.case
    return state.id_prefix + derived_id("A", case.id, case.decided_at, case.decided_by)


def earlier_appeal(state: AppealState) -> Appeal | None:
    """An appeal of the decision the case now carries (submitted since ``decided_at``)."""
    since = state.case.decided_at
    for appeal in state.appeals:
        if since is None or appeal.submitted_at is None or appeal.submitted_at >= since:
            return appeal
    return None


def guard(state: AppealState, data: AppealSubmitInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.SUBMIT_APPEAL)
    verdict = appeals.check_submission(state.case, now)
    if not verdict:
        error = AppealWindowClosed if verdict.code == "appeal_window_closed" else NotAppealable
        raise error(verdict.ko, verdict.en)
    guards.transition(state.case, Action.SUBMIT_APPEAL)
    first = earlier_appeal(state)
    if first is not None:
        raise guards.Conflict(
            f"이 결정에는 이미 이의 제기({first.id})가 접수되었습니다. 결정당 한 번만 가능합니다.",
            f"this decision was already appealed ({first.id}); one appeal per decision",
        )


def effect(state: AppealState, data: AppealSubmitInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case = s.case
    appeal = Appeal(
        id=appeal_id(s),
        case_id=case.id,
        reason=data.reason,
        evidence=list(data.evidence),
        status=AppealStatus.SUBMITTED,
        submitted_by=actor.id,
        submitted_at=now,
        original_decider_id=case.decided_by,
        version=0,
        updated_at=now,
    )
    task = Task(
        id=s.id_prefix + derived_id("T", appeal.id.removeprefix(s.id_prefix), "appeal_review"),
        case_id=case.id,
        type=TaskType.APPEAL_REVIEW,
        status=TaskStatus.OPEN,
        queue_id=APPEALS_QUEUE,
        priority=case.priority,
        due_at=now + RESOLUTION_TARGET,
        created_at=now,
        appeal_id=appeal.id,
        version=0,
    )
    case.task_ids.append(task.id)
    case.appeal_ids.append(appeal.id)
    note(case, actor, Action.SUBMIT_APPEAL.value, data.reason, now, data.wire())
    return Result(
        primary=appeal,
        cases=[case],
        tasks=[task],
        others=[appeal],
        audit=[
            steps.audit("appeal", appeal.id, "submit_appeal", case_id=case.id),
            steps.audit("task", task.id, "create_task", appeal_id=appeal.id),
            steps.audit("case", case.id, "submit_appeal", appeal_id=appeal.id),
        ],
    )


COMMAND = Command(
    name="appeal_submit",
    action=Action.SUBMIT_APPEAL,
    path="/appeals",
    input=AppealSubmitInput,
    guard=guard,
    effect=effect,
    on="none",
    who_may="for a rejected case, within 30 days of the decision, once per decision",
    summary="appeal created (submitted) with an appeal_review task in the appeals "
    "(senior_reviewer) queue due in 72 h; the case keeps its status",
    seed_rule="제출 기한 (일반적으로 결정 후 30일 이내); senior_reviewer 큐로 자동 라우팅; "
    "one appeal per decision",
)
