"""Tasks: GET /tasks/{id}, POST /tasks/next and POST /tasks/{id}/actions/{action}.

Each action: 404 → 409 if the task is already done (first writer wins) → 412 on a stale If-Match
→ access (roles and, for approve/deny, the authority limit) → field rules → lifecycle → effect.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.enums import (
    Action,
    CaseStatus,
    EntityKind,
    EscalationLevel,
    FinalDecision,
    Priority,
    TaskStatus,
    TaskType,
)
from app.domain.wire import format_time
from app.rules import action_input, lifecycle, sla
from server import storage
from server.auth import require
from server.idempotency import Idem, IdemContext, User, commit_mutation
from server.problems import ProblemError
from server.routes import models as m
from server.routes.common import (
    OPS_QUEUE,
    SENIOR_QUEUE,
    check_if_match,
    conflict,
    dump,
    load,
    now_of,
    queue_alert,
    read_one,
    save,
    sla_of,
    sla_wire,
    timeline,
    today_of,
)
from server.routes.workflow import OPEN_TASK, complete_task, make_task, queue_policy, stop_clock

router = APIRouter(tags=["tasks"])
Id = Path(min_length=1, max_length=128)


@router.get("/tasks/{task_id}", summary="A task")
def get_task(request: Request, user: User, task_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.TASK, task_id)


@router.post(
    "/tasks/next",
    summary="Take the most urgent open task of a queue",
    responses={204: {"description": "No open task in that queue"}},
)
def next_task(request: Request, body: m.NextTaskBody, user: User, idem: Idem) -> Response:
    require(user, Action.NEXT_TASK)
    if body.queue_id not in (user.get("skills") or []):
        raise ProblemError(403, "forbidden", f"you lack the skill for queue {body.queue_id!r}")
    now = now_of(request)

    def effect(s: Session) -> tuple[dict | None, list[dict]]:
        candidates = storage.query(
            s,
            EntityKind.TASK,
            status=TaskStatus.OPEN.value,
            queue_id=body.queue_id,
            order_by_due=True,
            limit=50,
        )
        for task in candidates:
            case = storage.get(s, EntityKind.CASE, task["case_id"])
            if case is None:
                continue
            related = []
            if task["type"] == TaskType.REVIEW.value:
                try:
                    case["status"] = lifecycle.transition(
                        CaseStatus(case["status"]), Action.NEXT_TASK
                    ).value
                except Exception:  # a case that cannot be picked (closed…) is skipped
                    continue
                case["assignee_id"] = user["id"]
                related.append(
                    save(
                        s,
                        EntityKind.CASE,
                        case,
                        actor=user["id"],
                        now=now,
                        action="next_task",
                        audit={"task_id": task["id"]},
                    )
                )
            task.update(status=TaskStatus.ASSIGNED.value, assignee_id=user["id"])
            stored = save(
                s,
                EntityKind.TASK,
                task,
                actor=user["id"],
                now=now,
                action="next_task",
                audit={"queue_id": body.queue_id},
            )
            return stored, related
        return None, []

    return commit_mutation(request, idem, effect)


def _act(
    request: Request,
    user: dict,
    idem: IdemContext,
    task_id: str,
    action: Action,
    payload: dict[str, Any],
) -> Response:
    require(user, action)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        task = load(s, EntityKind.TASK, task_id)
        if task["status"] not in OPEN_TASK:
            outcome = task.get("outcome") or task["status"]
            raise conflict(
                task,
                f"task {task_id} was already decided: {outcome} by {task.get('completed_by')}",
            )
        check_if_match(request, task)
        case = load(s, EntityKind.CASE, task["case_id"])
        amount = (case.get("application") or {}).get("amount")
        if action in (Action.APPROVE, Action.DENY) and amount is not None:
            require(user, action, amount=int(amount))
        valid = action_input.require_valid(action, payload, today_of(now))
        target = lifecycle.transition(CaseStatus(case["status"]), action)
        if task.get("assignee_id") is None:
            task.update(assignee_id=user["id"], status=TaskStatus.ASSIGNED.value)
        related = _APPLY[action](s, case, task, valid, user["id"], now)
        case["status"] = target.value
        timeline(
            case,
            now,
            user["id"],
            action.value,
            valid.get("note") or valid.get("body") or valid.get("reason") or "",
            valid,
        )
        stored_case = save(
            s,
            EntityKind.CASE,
            case,
            actor=user["id"],
            now=now,
            action=action.value,
            audit={"task_id": task_id, **valid},
        )
        stored_task = save(
            s,
            EntityKind.TASK,
            task,
            actor=user["id"],
            now=now,
            action=action.value,
            audit={"case_id": case["id"]},
        )
        return stored_task, [stored_case, *related]

    return commit_mutation(request, idem, effect)


def _decide(case: dict, task: dict, valid: dict, actor: str, now: datetime, action: Action) -> None:
    case.update(
        decided_at=format_time(now),
        decided_by=actor,
        reason_codes=list(valid.get("reason_codes") or []),
        note=valid.get("note", ""),
    )
    if action is Action.APPROVE:
        case["final_decision"] = FinalDecision.APPROVE.value
        case["approved_terms"] = {
            "limit": valid.get("limit"),
            "rate": valid.get("rate"),
            "conditions": list(valid.get("conditions") or []),
        }
    else:
        case["final_decision"] = FinalDecision.DENY.value
        case["improvement_advice"] = valid.get("improvement_advice", "")
    stop_clock(case, now)
    complete_task(task, actor, action, now)


def _approve(
    s: Session, case: dict, task: dict, valid: dict, actor: str, now: datetime
) -> list[dict]:
    _decide(case, task, valid, actor, now, Action.APPROVE)
    return []


def _deny(s: Session, case: dict, task: dict, valid: dict, actor: str, now: datetime) -> list[dict]:
    _decide(case, task, valid, actor, now, Action.DENY)
    return []


def _request_docs(
    s: Session, case: dict, task: dict, valid: dict, actor: str, now: datetime
) -> list[dict]:
    docs = case.setdefault("documents", [])
    for name in valid.get("docs", []):
        docs.append({"name": name, "requested_at": format_time(now), "received_at": None})
    deadline = valid.get("deadline")
    case["docs_deadline"] = deadline.isoformat() if hasattr(deadline, "isoformat") else deadline
    clock = sla_of(case)
    if clock is not None:
        case["sla"] = sla_wire(sla.pause(clock, now))
    return []


def _escalate(
    s: Session, case: dict, task: dict, valid: dict, actor: str, now: datetime
) -> list[dict]:
    level = sla.level_for_target(valid["to"])
    requested = valid.get("priority")
    prio, clock = sla.escalate(
        Priority(case["priority"]),
        sla_of(case),
        EscalationLevel(case["escalation_level"]),
        level,
        now,
        queue_policy(s, case["queue_id"]),
        requested_priority=Priority(requested) if requested else None,
    )
    queue_id = SENIOR_QUEUE if level is EscalationLevel.L2 else OPS_QUEUE
    case.update(
        priority=prio.value,
        sla=sla_wire(clock),
        escalation_level=level.value,
        queue_id=queue_id,
        assignee_id=None,
    )
    complete_task(task, actor, Action.ESCALATE, now)
    new_task = make_task(case, queue_id, now, priority=prio.value)
    case.setdefault("task_ids", []).append(new_task["id"])
    if prio is Priority.P0:
        queue_alert(s, "p0_arrival", "case", case["id"], {"priority": prio.value}, now)
    return [
        save(
            s,
            EntityKind.TASK,
            new_task,
            actor=actor,
            now=now,
            action="create_task",
            audit={"case_id": case["id"], "escalation_level": level.value},
        )
    ]


def _comment(
    s: Session, case: dict, task: dict, valid: dict, actor: str, now: datetime
) -> list[dict]:
    return []


_APPLY = {
    Action.APPROVE: _approve,
    Action.DENY: _deny,
    Action.REQUEST_DOCS: _request_docs,
    Action.ESCALATE: _escalate,
    Action.COMMENT: _comment,
}
TaskId = Path(min_length=1, max_length=128)


@router.post("/tasks/{task_id}/actions/approve", summary="Approve (limit, rate, conditions)")
def approve(
    request: Request, body: m.ApproveBody, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return _act(request, user, idem, task_id, Action.APPROVE, dump(body))


@router.post("/tasks/{task_id}/actions/deny", summary="Deny (reason codes, note, advice)")
def deny(
    request: Request, body: m.DenyBody, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return _act(request, user, idem, task_id, Action.DENY, dump(body))


@router.post("/tasks/{task_id}/actions/request_docs", summary="Ask for documents")
def request_docs(
    request: Request, body: m.RequestDocsBody, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return _act(request, user, idem, task_id, Action.REQUEST_DOCS, dump(body))


@router.post("/tasks/{task_id}/actions/escalate", summary="Escalate to L2 / L3")
def escalate(
    request: Request, body: m.EscalateBody, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return _act(request, user, idem, task_id, Action.ESCALATE, dump(body))


@router.post("/tasks/{task_id}/actions/comment", summary="Comment")
def comment(
    request: Request, body: m.CommentBody, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return _act(request, user, idem, task_id, Action.COMMENT, dump(body))
