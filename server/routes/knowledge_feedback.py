"""POST /knowledge/{article_id}/feedback ``{call_id, recommendation_id?, relevance}`` — an agent
rates a knowledge suggestion shown on a call (Amazon Q in Connect ``PutFeedback``: relevance
HELPFUL | NOT_HELPFUL); docs/API-EXTENSIONS.md.

The rating is kept on the call (``knowledge_feedback``: one entry per agent and suggestion, a
later rating replaces the earlier one) and audited; the answer's ``data`` is that call — the
entity the workstation's outbox row names.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import Field
from sqlalchemy.orm import Session

from app.domain.enums import Action, EntityKind
from app.domain.wire import format_time
from server import storage
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.problems import ProblemError
from server.routes.common import dump, load, now_of, save
from server.routes.models import Strict

router = APIRouter(tags=["contact center"])
ArticleId = Path(min_length=1, max_length=128)
AUDIT_ACTION = "knowledge_feedback"


class KnowledgeFeedbackBody(Strict):
    call_id: str = Field(min_length=1, max_length=128)
    recommendation_id: str | None = Field(default=None, max_length=300)
    relevance: Literal["HELPFUL", "NOT_HELPFUL"]


def _unknown_call(call_id: str) -> ProblemError:
    return ProblemError(
        422, "validation", f"unknown call {call_id!r}", errors={"call_id": "no such call"}
    )


@router.post("/knowledge/{article_id}/feedback", summary="Rate a knowledge suggestion")
def feedback(
    request: Request,
    body: KnowledgeFeedbackBody,
    user: User,
    idem: Idem,
    article_id: str = ArticleId,
) -> Response:
    require(user, Action.AFTER_CALL_WORK)
    now = now_of(request)
    payload = dump(body)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        load(s, EntityKind.KNOWLEDGE_ARTICLE, article_id)
        call = storage.get(s, EntityKind.CALL, body.call_id)
        if call is None:
            raise _unknown_call(body.call_id)
        entry = {
            "article_id": article_id,
            "recommendation_id": body.recommendation_id,
            "relevance": body.relevance,
            "agent_id": user["id"],
            "at": format_time(now),
        }
        same = (article_id, body.recommendation_id, user["id"])
        kept = [
            f
            for f in call.get("knowledge_feedback") or []
            if (f.get("article_id"), f.get("recommendation_id"), f.get("agent_id")) != same
        ]
        call["knowledge_feedback"] = [*kept, entry]
        stored = save(
            s,
            EntityKind.CALL,
            call,
            actor=user["id"],
            now=now,
            action=AUDIT_ACTION,
            audit={**payload, "article_id": article_id},
        )
        return stored, []

    return commit_mutation(request, idem, effect)
