"""Appeals: POST /appeals, GET /appeals/{id}, POST /appeals/{id}/resolve.

Both mutations are their app.commands module (appeal_submit, appeal_resolve) run as every
command route is: 403 role → parse → load under the transaction → guard (window, one appeal per
decision, independence, authority) → effect → persist. No effect is computed here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import COMMANDS, run
from app.commands.appeal_resolve import AppealResolveInput
from app.commands.appeal_submit import AppealSubmitInput, earlier_appeal
from app.commands.base import Actor, AppealState
from app.commands.guards import Conflict
from app.commands.guards import role as role_guard
from app.domain.cases import Case, Task
from app.domain.enums import Action, AppealStatus, EntityKind
from app.domain.people import Appeal
from app.domain.wire import from_wire
from server import storage
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.routes.command_route import Originals, persist
from server.routes.common import check_if_match, conflict, load, now_of, read_one

router = APIRouter(tags=["appeals"])
Id = Path(min_length=1, max_length=128)


def _appeals(s: Session, case: dict) -> dict[str, dict]:
    rows = (storage.get(s, EntityKind.APPEAL, aid) for aid in case.get("appeal_ids", []))
    return {row["id"]: row for row in rows if row is not None}


@router.post("/appeals", summary="Appeal a rejected case (30-day window, once per decision)")
def submit(request: Request, body: AppealSubmitInput, user: User, idem: Idem) -> Response:
    cmd = COMMANDS["appeal_submit"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        case = load(s, EntityKind.CASE, body.case_id)
        originals: Originals = {("case", case["id"]): case}
        stored = _appeals(s, case)
        state = AppealState(
            from_wire(Case, case), appeals=[from_wire(Appeal, a) for a in stored.values()]
        )
        first = earlier_appeal(state)
        try:
            result = run(cmd, state, body, actor, now)
        except Conflict as exc:  # one appeal per decision: 409 with the first appeal
            raise conflict(stored[first.id] if first else case, exc.en) from None
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)


@router.get("/appeals/{appeal_id}", summary="An appeal")
def get_appeal(request: Request, user: User, appeal_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.APPEAL, appeal_id)


@router.post("/appeals/{appeal_id}/resolve", summary="Resolve an appeal (independent senior)")
def resolve(
    request: Request, body: AppealResolveInput, user: User, idem: Idem, appeal_id: str = Id
) -> Response:
    cmd = COMMANDS["appeal_resolve"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        appeal = load(s, EntityKind.APPEAL, appeal_id)
        if appeal["status"] == AppealStatus.RESOLVED.value:
            raise conflict(appeal, f"appeal {appeal_id} is already resolved")
        check_if_match(request, appeal)
        case = load(s, EntityKind.CASE, appeal["case_id"])
        originals: Originals = {("appeal", appeal_id): appeal, ("case", case["id"]): case}
        tasks = []
        for tid in case.get("task_ids", []):
            task = storage.get(s, EntityKind.TASK, tid)
            if task is not None and task.get("appeal_id") == appeal_id:
                originals[("task", tid)] = task
                tasks.append(from_wire(Task, task))
        state = AppealState(from_wire(Case, case), from_wire(Appeal, appeal), tasks=tasks)
        result = run(cmd, state, body, actor, now)
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)
