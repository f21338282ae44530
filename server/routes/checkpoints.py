"""Checkpoints (seed 001): GET /checkpoints/{id} and POST /checkpoints/{id}/feedback, the seed's
feedback schema field for field (app.rules.checkpoints validates and applies it)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.checkpoints import Checkpoint
from app.domain.enums import Action, CheckpointStatus, EntityKind
from app.domain.wire import from_wire, to_wire
from app.rules import checkpoints as rules
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.routes import models as m
from server.routes.common import check_if_match, conflict, dump, load, now_of, read_one, save

router = APIRouter(tags=["checkpoints"])
Id = Path(min_length=1, max_length=64)


@router.get("/checkpoints/{checkpoint_id}", summary="A checkpoint (SC / EC)")
def get_checkpoint(request: Request, user: User, checkpoint_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.CHECKPOINT, checkpoint_id)


@router.post("/checkpoints/{checkpoint_id}/feedback", summary="Answer a checkpoint")
def feedback(
    request: Request,
    body: m.CheckpointFeedbackBody,
    user: User,
    idem: Idem,
    checkpoint_id: str = Id,
) -> Response:
    require(user, Action.CHECKPOINT_FEEDBACK)
    now = now_of(request)
    payload = dump(body)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        stored = load(s, EntityKind.CHECKPOINT, checkpoint_id)
        if stored["status"] != CheckpointStatus.OPEN.value:
            raise conflict(stored, f"checkpoint {checkpoint_id} is already {stored['status']}")
        check_if_match(request, stored)
        checkpoint = from_wire(Checkpoint, stored)
        parsed = rules.parse_feedback(payload, checkpoint)
        after = to_wire(rules.apply_feedback(checkpoint, parsed, now, user["id"]))
        saved = save(
            s,
            EntityKind.CHECKPOINT,
            {**stored, **after},
            actor=user["id"],
            now=now,
            action=rules.AUDIT_ACTION,
            audit={"kind": rules.BEHAVIOUR_FEED_KIND, "feedback": payload},
        )
        return saved, []

    return commit_mutation(request, idem, effect)
