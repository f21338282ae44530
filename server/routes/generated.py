"""Generated content awaiting human review (seed 003; docs/API-EXTENSIONS.md):
GET /generated/{id} and POST /generated/{id}/decision ``{decision, note}``.

Nothing generated is applied without a human's approval: the decision is first-writer-wins
(409 ``conflict`` once decided), takes ``If-Match``, and app.rules.generated decides what is
allowed — the same function the workstation's service calls. Who may decide: the roles of
``approval_response`` in app.rules.access.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import Field
from sqlalchemy.orm import Session

from app.domain.enums import Action, EntityKind
from app.domain.generated import GeneratedContent, GeneratedStatus
from app.domain.wire import from_wire, to_wire
from app.rules import generated as rules
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.routes.common import check_if_match, conflict, dump, load, now_of, read_one, save
from server.routes.models import Strict

router = APIRouter(tags=["generated content"])
Id = Path(min_length=1, max_length=128)


class GeneratedDecisionBody(Strict):
    decision: Literal["approve", "reject", "request_changes"]
    note: str = Field(default="", max_length=10_000)


@router.get("/generated/{content_id}", summary="Generated content and its fact-check")
def get_generated(request: Request, user: User, content_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.GENERATED, content_id)


@router.post("/generated/{content_id}/decision", summary="Approve, reject or send back")
def decide(
    request: Request,
    body: GeneratedDecisionBody,
    user: User,
    idem: Idem,
    content_id: str = Id,
) -> Response:
    require(user, Action.APPROVAL_RESPONSE)
    now = now_of(request)
    payload = dump(body)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        stored = load(s, EntityKind.GENERATED, content_id)
        if stored.get("status") != GeneratedStatus.PENDING.value:
            raise conflict(stored, f"generated content {content_id} is already {stored['status']}")
        check_if_match(request, stored)
        content = from_wire(GeneratedContent, stored)
        after = rules.apply_decision(content, body.decision, body.note, user["id"], now)
        saved = save(
            s,
            EntityKind.GENERATED,
            {**stored, **to_wire(after)},
            actor=user["id"],
            now=now,
            action=rules.AUDIT_ACTION,
            audit={**payload, "status": after.status.value, "kind": content.kind.value},
        )
        return saved, []

    return commit_mutation(request, idem, effect)
