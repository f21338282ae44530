"""Contact center: calls, Contact Lens segments, after-call work, knowledge search and the
Amazon Q in Connect style recommendations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import COMMANDS, Command, run
from app.commands.after_call_work import AfterCallWorkInput
from app.commands.base import Actor, CallState
from app.commands.guards import Conflict
from app.commands.guards import role as role_guard
from app.domain.calls import Call
from app.domain.enums import Action, EntityKind, RelevanceLevel, TriggerSource
from app.domain.enums import CallState as Phase
from app.domain.wire import from_wire
from server import knowledge, storage
from server.auth import require
from server.idempotency import Idem, IdemContext, User, commit_mutation
from server.routes.command_route import persist
from server.routes.common import check_if_match, conflict, load, now_of, read_one

router = APIRouter(tags=["contact center"])
Id = Path(min_length=1, max_length=128)
LIVE = [Phase.RINGING.value, Phase.CONNECTED.value, Phase.ACW.value]


@router.get("/calls", summary="Calls; state=live for ringing, connected and ACW")
def list_calls(
    request: Request, user: User, state: Annotated[str | None, Query(max_length=16)] = None
) -> list[dict]:
    require(user, Action.VIEW)
    with request.app.state.db.read() as s:
        if state == "live":
            return storage.query(s, EntityKind.CALL, status=LIVE)
        if state:
            return storage.query(s, EntityKind.CALL, status=state)
        return storage.query(s, EntityKind.CALL, limit=1000)


@router.get("/calls/{call_id}", summary="A call")
def get_call(request: Request, user: User, call_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.CALL, call_id)


@router.get("/calls/{call_id}/segments", summary="The transcript so far (Contact Lens shape)")
def segments(
    request: Request,
    user: User,
    call_id: str = Id,
    after: Annotated[str | None, Query(max_length=200)] = None,
) -> list[dict]:
    require(user, Action.VIEW)
    with request.app.state.db.read() as s:
        load(s, EntityKind.CALL, call_id)
        return storage.call_segments(s, call_id, after)


@router.post("/calls/{call_id}/after-call-work", summary="Summary and disposition")
def after_call_work(
    request: Request, body: AfterCallWorkInput, user: User, idem: Idem, call_id: str = Id
) -> Response:
    """app.commands.after_call_work: the call's agent only (403 for anyone else)."""
    return call_command(request, user, idem, COMMANDS["after_call_work"], call_id, body)


def call_command(
    request: Request, user: dict, idem: IdemContext, cmd: Command, call_id: str, body: Any
) -> Response:
    """A call intent: 403 role → 404 → 412 stale If-Match → the command (object, state)."""
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        call = load(s, EntityKind.CALL, call_id)
        check_if_match(request, call)
        try:
            result = run(cmd, CallState(from_wire(Call, call)), body, actor, now)
        except Conflict as exc:
            raise conflict(call, exc.en) from None
        if not result.others:  # nothing of the call changes (a flag): it is answered as is
            result.primary = call
        s.info.setdefault("events", []).extend(result.extra.get("events", []))
        return persist(s, cmd, result, actor.id, now, {("call", call_id): call})

    return commit_mutation(request, idem, effect)


@router.get("/knowledge/search", summary="Knowledge articles by Korean morpheme overlap")
def search(
    request: Request,
    user: User,
    q: Annotated[str, Query(max_length=500)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[dict]:
    require(user, Action.VIEW)
    with request.app.state.db.read() as s:
        return knowledge.search(s, q, limit)


def _level(score: float) -> RelevanceLevel:
    if score >= 0.6:
        return RelevanceLevel.HIGH
    return RelevanceLevel.MEDIUM if score >= 0.3 else RelevanceLevel.LOW


@router.get("/calls/{call_id}/recommendations", summary="Knowledge suggestions for the call")
def recommendations(request: Request, user: User, call_id: str = Id) -> list[dict]:
    require(user, Action.VIEW)
    with request.app.state.db.read() as s:
        load(s, EntityKind.CALL, call_id)
        finals = [
            seg["Transcript"]
            for seg in storage.call_segments(s, call_id)
            if "Transcript" in seg and seg["Transcript"].get("ParticipantRole") == "CUSTOMER"
        ]
        out: dict[str, dict] = {}
        for seg in reversed(finals[-5:]):
            content = seg.get("Content", "")
            issues = seg.get("IssuesDetected") or []
            text, source = content, TriggerSource.OTHER
            if issues:
                off = issues[0].get("CharacterOffsets", {})
                text = content[off.get("BeginOffsetChar", 0) : off.get("EndOffsetChar")] or content
                source = TriggerSource.ISSUE_DETECTION
            for art in knowledge.search(s, text, 3):
                if art["id"] in out:
                    continue
                out[art["id"]] = {
                    "recommendation_id": f"R-{call_id}-{seg['Id']}-{art['id']}",
                    "article_id": art["id"],
                    "title": art["title"],
                    "excerpt": art.get("body", "")[:160],
                    "relevance_level": _level(art["score"]).value,
                    "relevance_score": art["score"],
                    "trigger": {"source": source.value, "segment_id": seg["Id"], "text": text},
                }
    return sorted(out.values(), key=lambda r: -r["relevance_score"])
