"""close — ``POST /v1/cases/{id}/close`` (runbook "close (종료)").

Seed 000: "종료 조건: 최종 결정 완료 (approve/deny) · 고객 통지 완료 · 모든 Task 완료". So a case
closes only when
- its final decision was made by ``approve`` / ``deny`` and ``final_decision`` names that same
  decision — or, for the runbook's inquiry path ("단순 문의" → ``--final-decision
  info_provided``), when no approve / deny decision was made;
- the customer was notified (``notify-customer``) after the decision;
- every task of the case is completed. The inquiry path completes the case's open review task
  itself (answering the inquiry is that task's outcome); any other open task refuses the close.
Otherwise 422 ``invalid_transition`` saying which condition is missing. Closing above the
caller's authority (amount at stake) is 403.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import Text
from app.domain.cases import Case, Task
from app.domain.enums import Action, FinalDecision, TaskType
from app.rules.errors import RuleError
from app.text.labels import label_of


class CloseInput(CommandInput):
    resolution: Text = Field(description="처리 결과")
    final_decision: FinalDecision = Field(
        description="approve | deny | info_provided", json_schema_extra={"x-kind": "choice"}
    )


class CloseRefused(RuleError):
    """A 종료 조건 is not met (422 ``invalid_transition``)."""

    code = "invalid_transition"
    status = 422


DECISION_KO = {d: label_of("FinalDecision", d) for d in FinalDecision}


def _open(tasks: list[Task]) -> list[Task]:
    return [t for t in tasks if t.status in guards.OPEN_TASK]


def conditions(case: Case, tasks: list[Task], decision: FinalDecision) -> None:
    """ "종료 조건: 최종 결정 완료, 고객 통지 완료, 모든 Task 완료" — raises CloseRefused."""
    made = case.final_decision
    if decision is FinalDecision.INFO_PROVIDED:
        if made not in (None, FinalDecision.INFO_PROVIDED):
            raise CloseRefused(
                f"이미 '{DECISION_KO[made]}' 결정이 내려진 케이스입니다. 최종 결정을 그대로 "
                "선택하세요.",
                f"the case was decided '{made.value}'; close it with that final decision",
            )
    elif made is None:
        raise CloseRefused(
            "종료 조건 미충족: 최종 결정(승인/거부)이 완료되지 않았습니다.",
            "cannot close: no final decision (approve / deny) has been made "
            "(종료 조건: 최종 결정 완료)",
        )
    elif made is not decision:
        raise CloseRefused(
            f"종료 조건 미충족: 최종 결정은 '{DECISION_KO[made]}'입니다 "
            f"(입력: '{DECISION_KO[decision]}').",
            f"cannot close: the decision made was '{made.value}', not '{decision.value}'",
        )
    since = case.decided_at
    if not any(since is None or n.at >= since for n in case.notifications):
        raise CloseRefused(
            "종료 조건 미충족: 고객 통지가 완료되지 않았습니다 (고객 통지 후 종료하세요).",
            "cannot close: the customer has not been notified (종료 조건: 고객 통지 완료)",
        )
    still_open = _open(tasks)
    if decision is FinalDecision.INFO_PROVIDED:
        still_open = [t for t in still_open if t.type is not TaskType.REVIEW]
    if still_open:
        ids = ", ".join(t.id for t in still_open)
        raise CloseRefused(
            f"종료 조건 미충족: 완료되지 않은 태스크가 있습니다 ({ids}).",
            f"cannot close: tasks still open ({ids}) (종료 조건: 모든 Task 완료)",
        )


def guard(state: CaseState, data: CloseInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.CLOSE)
    guards.case_object(actor, state.case)
    guards.authority(actor, Action.CLOSE, guards.amount_at_stake(state.case))
    guards.transition(state.case, Action.CLOSE)
    conditions(state.case, state.tasks, data.final_decision)


def effect(state: CaseState, data: CloseInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case = s.case
    case.status = guards.transition(case, Action.CLOSE)
    case.resolution = data.resolution
    if case.final_decision is None:
        steps.decide(case, actor, data.final_decision, now)
    steps.stop_clock(case, now)
    done = []
    for task in _open(s.tasks):  # only the inquiry path gets here with open (review) tasks
        steps.complete(task, actor, Action.CLOSE, now)
        done.append(task)
    note(case, actor, Action.CLOSE.value, data.resolution, now, data.wire())
    return Result(
        primary=case,
        cases=[case],
        tasks=done,
        audit=[steps.audit("case", case.id, "close", **data.wire())]
        + [steps.audit("task", t.id, "complete_task", reason="case closed") for t in done],
    )


COMMAND = Command(
    name="close",
    action=Action.CLOSE,
    path="/cases/{id}/close",
    input=CloseInput,
    guard=guard,
    effect=effect,
    on="case",
    who_may="the case's assignee (unassigned: queue "
    "skill; escalated: the escalation role; ops_admin always), within authority",
    summary="case → closed with the resolution, SLA stopped; only when decided, notified and "
    "every task complete (inquiry: its review task completed by the close)",
    needs=("tasks",),
    seed_rule="종료 조건: 최종 결정 완료, 고객 통지 완료, 모든 Task 완료",
)
