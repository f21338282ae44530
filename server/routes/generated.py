"""Generated content awaiting human review (seed 003; docs/API-EXTENSIONS.md):
GET /generated/{id} and POST /generated/{id}/decision ``{decision, note}``.

Nothing generated is applied without a human's approval: the decision is first-writer-wins
(409 ``conflict`` once decided), takes ``If-Match``, and app.rules.generated decides what is
allowed — the same function the workstation's service calls. Who may decide: the roles of
``approval_response`` in app.rules.access.

The fact check is made again against the KPI data store (server/kpi_store.py) when the content
is read and when it is decided: content with a figure that does not check out (a mismatch, or a
number the store cannot confirm) is approved only with a ``note`` — the recorded override
reason, kept in the audit event as ``override_reason`` with the unverified figures — else 422
``validation`` with ``errors.note``.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import Field
from sqlalchemy.orm import Session

from app.domain.enums import Action, EntityKind
from app.domain.generated import GeneratedStatus
from app.domain.wire import to_wire
from app.rules import fact_check
from app.rules import generated as rules
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.kpi_store import Lookup, recheck, with_fresh_check
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
    item = read_one(request, EntityKind.GENERATED, content_id)
    if item.get("status") != GeneratedStatus.PENDING.value:
        return item  # a decided content keeps the check it was decided on
    now = now_of(request)
    with request.app.state.db.read() as s:
        return with_fresh_check(item, Lookup(s, now), now)  # the KPI store as it is now


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
        # decided on the fact check of the KPI store as it is now, not the stored one
        content, _changed = recheck(stored, Lookup(s, now), now)
        after = rules.apply_decision(content, body.decision, body.note, user["id"], now)
        unverified = [c.text for c in fact_check.unverified(content.fact_check)]
        override = {"override_reason": body.note.strip(), "unverified": unverified}
        saved = save(
            s,
            EntityKind.GENERATED,
            {**stored, **to_wire(after)},
            actor=user["id"],
            now=now,
            action=rules.AUDIT_ACTION,
            audit={
                **payload,
                "status": after.status.value,
                "kind": content.kind.value,
                **(override if unverified and body.decision == "approve" else {}),
            },
        )
        return saved, []

    return commit_mutation(request, idem, effect)
