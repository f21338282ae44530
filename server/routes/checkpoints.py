"""Checkpoints (seed 001): GET /checkpoints/{id} and POST /checkpoints/{id}/feedback, the seed's
feedback schema field for field (app.rules.checkpoints validates and applies it).

The SC / EC lettered choice is the optional query parameter ``choice`` (docs/API-EXTENSIONS.md):
``skip_review`` records the SC as skipped; ``pause_and_escalate`` pauses the workflow and writes
an escalation event beside the feedback event (seed 001 recording policy)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.checkpoints import Checkpoint
from app.domain.enums import Action, CheckpointStatus, EntityKind
from app.domain.wire import from_wire, to_wire
from app.rules import checkpoints as rules
from app.rules.checkpoint_choice import choice_error, parse_choice
from app.rules.errors import ValidationFailed
from server import storage
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
    choice: Annotated[rules.CheckpointChoice | None, Query()] = None,
) -> Response:
    require(user, Action.CHECKPOINT_FEEDBACK)
    now = now_of(request)
    payload = dump(body)
    picked = choice.value if choice else None

    def effect(s: Session) -> tuple[dict, list[dict]]:
        stored = load(s, EntityKind.CHECKPOINT, checkpoint_id)
        if stored["status"] != CheckpointStatus.OPEN.value:
            raise conflict(stored, f"checkpoint {checkpoint_id} is already {stored['status']}")
        check_if_match(request, stored)
        checkpoint = from_wire(Checkpoint, stored)
        errors = rules.validate_feedback(payload, checkpoint)
        if (wrong := choice_error(picked, checkpoint.mode)) is not None:
            errors["choice"] = wrong  # reported with the body's errors, in one 422
        if errors:
            raise ValidationFailed(errors)
        chosen = parse_choice(picked, checkpoint.mode)
        parsed = rules.parse_feedback(payload, checkpoint)
        answered = rules.apply_feedback(checkpoint, parsed, now, user["id"], choice=chosen)
        saved = save(
            s,
            EntityKind.CHECKPOINT,
            {**stored, **to_wire(answered), "choice": picked},
            actor=user["id"],
            now=now,
            action=rules.AUDIT_ACTION,
            audit={"kind": rules.BEHAVIOUR_FEED_KIND, "feedback": payload, "choice": picked},
        )
        if chosen is rules.CheckpointChoice.PAUSE_AND_ESCALATE:
            storage.append_audit(
                s,
                user["id"],
                rules.AUDIT_ACTION,
                EntityKind.CHECKPOINT.value,
                checkpoint_id,
                {"kind": rules.ESCALATION_EVENT_KIND, "choice": picked, "workflow_paused": True},
                now,
            )
        return saved, []

    return commit_mutation(request, idem, effect)
