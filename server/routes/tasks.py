"""Tasks: GET /tasks/{id}, POST /tasks/next and POST /tasks/{id}/actions/{action}.

Every action is its app.commands module run by server.routes.command_route: 403 role → 404 →
409 if the task is already done (first writer wins) → 412 on a stale If-Match → the command's
guard (object, authority, lifecycle, runbook rules) → its effect → persist.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import COMMANDS, run
from app.commands.approve import ApproveInput
from app.commands.base import Actor, QueueWork
from app.commands.comment import CommentInput
from app.commands.deny import DenyInput
from app.commands.escalate import EscalateInput
from app.commands.guards import role as role_guard
from app.commands.next_task import NextTaskInput
from app.commands.request_docs import RequestDocsInput
from app.domain.cases import Case, Task
from app.domain.enums import Action, EntityKind, TaskStatus
from app.domain.wire import from_wire
from server import storage
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.routes.command_route import Originals, persist, task_command
from server.routes.common import now_of, read_one

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
def next_task(request: Request, body: NextTaskInput, user: User, idem: Idem) -> Response:
    cmd = COMMANDS["next_task"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    cmd.guard(QueueWork(body.queue_id, [], {}), body, actor, now_of(request))  # skill → 403
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        rows = storage.query(
            s,
            EntityKind.TASK,
            status=TaskStatus.OPEN.value,
            queue_id=body.queue_id,
            order_by_due=True,
            limit=200,
            skip_locked=True,  # contenders take different tasks (server/storage.py)
        )
        originals: Originals = {("task", t["id"]): t for t in rows}
        cases = {}
        for t in rows:
            case = storage.get(s, EntityKind.CASE, t["case_id"])
            if case is not None:
                originals[("case", case["id"])] = case
                cases[case["id"]] = from_wire(Case, case)
        work = QueueWork(body.queue_id, [from_wire(Task, t) for t in rows], cases)
        result = run(cmd, work, body, actor, now)
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)


TaskId = Path(min_length=1, max_length=128)


@router.post("/tasks/{task_id}/actions/approve", summary="Approve (limit, rate, conditions)")
def approve(
    request: Request, body: ApproveInput, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return task_command(request, user, idem, COMMANDS["approve"], task_id, body)


@router.post("/tasks/{task_id}/actions/deny", summary="Deny (reason codes, note, advice)")
def deny(
    request: Request, body: DenyInput, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return task_command(request, user, idem, COMMANDS["deny"], task_id, body)


@router.post("/tasks/{task_id}/actions/request_docs", summary="Ask for documents")
def request_docs(
    request: Request, body: RequestDocsInput, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return task_command(request, user, idem, COMMANDS["request_docs"], task_id, body)


@router.post("/tasks/{task_id}/actions/escalate", summary="Escalate to L2 / L3")
def escalate(
    request: Request, body: EscalateInput, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return task_command(request, user, idem, COMMANDS["escalate"], task_id, body)


@router.post("/tasks/{task_id}/actions/comment", summary="Comment")
def comment(
    request: Request, body: CommentInput, user: User, idem: Idem, task_id: str = TaskId
) -> Response:
    return task_command(request, user, idem, COMMANDS["comment"], task_id, body)
