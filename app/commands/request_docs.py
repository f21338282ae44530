"""request_docs — ``POST /v1/tasks/{id}/actions/request_docs`` (runbook "request_docs (서류
요청)").

Seed 000: "필수 입력: 필요한 서류 목록 · 제출 기한 (일반적으로 3-7일) · 요청 사유"; "사후 조치:
… 케이스 상태 → awaiting_docs". shared/API.md: deadline 1-30 days ahead, SLA paused.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import LABELS, Codes, Day, Text
from app.domain.cases import Document
from app.domain.enums import Action
from app.rules import sla
from app.rules.errors import FieldError

DEADLINE_DAYS = (1, 30)


class RequestDocsInput(CommandInput):
    docs: Codes = Field(description="the documents asked for (필요한 서류 목록)")
    deadline: Day = Field(description="due date, 1-30 days after today (Asia/Seoul)")
    note: Text = Field(description="why (요청 사유)")

    def check_at(self, today: date) -> dict[str, FieldError]:
        lo, hi = DEADLINE_DAYS
        if lo <= (self.deadline - today).days <= hi:
            return {}
        ko, en = LABELS["deadline"]
        value = self.deadline.isoformat()
        return {
            "deadline": FieldError(
                "out_of_range",
                f"{ko}: 오늘부터 {lo}~{hi}일 이내의 날짜여야 합니다 (입력: {value}).",
                f"{en}: must be {lo}-{hi} days after today (got {value})",
            )
        }


def guard(state: CaseState, data: RequestDocsInput, actor: Actor, now: datetime) -> None:
    assert state.task is not None
    guards.role(actor, Action.REQUEST_DOCS)
    guards.fields_at(data, now)
    guards.task_open(state.task)
    guards.task_object(actor, state.task, state.case)
    guards.transition(state.case, Action.REQUEST_DOCS)


def effect(state: CaseState, data: RequestDocsInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case, task = s.case, s.task
    assert task is not None
    case.status = guards.transition(case, Action.REQUEST_DOCS)
    case.documents.extend(Document(name=d, requested_at=now) for d in data.docs)
    case.docs_deadline = data.deadline
    if case.sla is not None:
        case.sla = sla.pause(case.sla, now)
    note(case, actor, Action.REQUEST_DOCS.value, data.note, now, data.wire())
    return Result(
        primary=task,
        cases=[case],
        tasks=[task],
        audit=[steps.audit("case", case.id, "request_docs", task_id=task.id, **data.wire())],
    )


COMMAND = Command(
    name="request_docs",
    action=Action.REQUEST_DOCS,
    path="/tasks/{id}/actions/request_docs",
    input=RequestDocsInput,
    guard=guard,
    effect=effect,
    who_may="the task's assignee (unassigned: queue skill; escalated: the escalation role)",
    summary="case → awaiting_docs, documents listed as requested, SLA paused",
    seed_rule="필수 입력: 필요한 서류 목록, 제출 기한, 요청 사유 · 케이스 상태 → awaiting_docs",
)
