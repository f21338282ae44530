"""Checkpoints (seed 001): GET /checkpoints/{id} and POST /checkpoints/{id}/feedback, the seed's
feedback schema field for field (app.commands.checkpoint_feedback: its schema, guard and effect).

The SC / EC lettered choice is the optional query parameter ``choice`` (docs/API-EXTENSIONS.md):
``skip_review`` records the SC as skipped; ``pause_and_escalate`` pauses the workflow and writes
an escalation event beside the feedback event (seed 001 recording policy)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import COMMANDS, run
from app.commands.base import Actor
from app.commands.checkpoint_feedback import CheckpointFeedbackInput, CheckpointState
from app.commands.guards import role as role_guard
from app.domain.checkpoints import Checkpoint
from app.domain.enums import Action, CheckpointStatus, EntityKind
from app.domain.wire import from_wire
from app.rules import checkpoints as rules
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.routes.command_route import Originals, persist
from server.routes.common import check_if_match, conflict, load, now_of, read_one

router = APIRouter(tags=["checkpoints"])
Id = Path(min_length=1, max_length=64)


@router.get("/checkpoints/{checkpoint_id}", summary="A checkpoint (SC / EC)")
def get_checkpoint(request: Request, user: User, checkpoint_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.CHECKPOINT, checkpoint_id)


@router.post("/checkpoints/{checkpoint_id}/feedback", summary="Answer a checkpoint")
def feedback(
    request: Request,
    body: CheckpointFeedbackInput,
    user: User,
    idem: Idem,
    checkpoint_id: str = Id,
    choice: Annotated[rules.CheckpointChoice | None, Query()] = None,
) -> Response:
    """app.commands.checkpoint_feedback: parse → load → guard → effect → persist."""
    cmd = COMMANDS["checkpoint_feedback"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)
    picked = choice.value if choice else None

    def effect(s: Session) -> tuple[Any, list[dict]]:
        stored = load(s, EntityKind.CHECKPOINT, checkpoint_id)
        if stored["status"] != CheckpointStatus.OPEN.value:
            raise conflict(stored, f"checkpoint {checkpoint_id} is already {stored['status']}")
        check_if_match(request, stored)
        state = CheckpointState(from_wire(Checkpoint, stored), picked)
        result = run(cmd, state, body, actor, now)
        originals: Originals = {("checkpoint", checkpoint_id): {**stored, "choice": picked}}
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)
