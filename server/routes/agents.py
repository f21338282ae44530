"""POST /agents/me/state ``{state: available|break|offline}`` — the agent's chosen state
(Amazon Connect's agent status) — and GET /ops/agents, the wall's agent board that reads it;
docs/API-EXTENSIONS.md "Agent state" and "Agent board".

The server is the authority: the caller must be an agent (the after-call work role), and the
choice is checked by the one rule, ``app.rules.agent_state.check_choice`` — only a choosable
state, never during a call or an open wrap-up (On call and After-call work are the system's).
The state is kept on the caller's ``user`` entity (``agent_state``, ``agent_state_since``), so
it reaches every client through the change feed; the call simulator does not connect a call to
an agent on Break or Offline, and ``/queues/{id}/stats`` counts them (AGENTS_NON_PRODUCTIVE,
AGENTS_ONLINE without Offline). Answer: the user entity.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.enums import Action, CallState, EntityKind, Role
from app.domain.wire import format_time, parse_time
from app.rules import wallboard
from app.rules.agent_state import AgentState, WrapUp, check_choice
from server import storage
from server.auth import public_user, require
from server.idempotency import Idem, User, commit_mutation
from server.routes.common import now_of, save, user_entity
from server.routes.models import Strict

router = APIRouter(tags=["contact center"])
AUDIT_ACTION = "agent_state"
LIVE = [CallState.RINGING.value, CallState.CONNECTED.value, CallState.ACW.value]


class AgentStateBody(Strict):
    state: AgentState


def agent_situation(s: Session, agent_id: str, now) -> tuple[bool, WrapUp | None]:
    """(on a call, the open wrap-up) of ``agent_id`` from the live calls: a connected call is a
    call; a call in ``acw`` without a disposition is a wrap-up the simulator still holds."""
    on_call, wrap = False, None
    for call in storage.query(s, EntityKind.CALL, status=LIVE):
        if call.get("agent_id") != agent_id:
            continue
        if call["state"] == CallState.CONNECTED.value:
            on_call = True
        elif call["state"] == CallState.ACW.value and not call.get("disposition"):
            wrap = WrapUp(call["id"], now)
    return on_call, wrap


@router.post("/agents/me/state", summary="Choose the agent's state (Available, Break, Offline)")
def choose_state(request: Request, body: AgentStateBody, user: User, idem: Idem) -> Response:
    require(user, Action.AFTER_CALL_WORK)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        on_call, wrap = agent_situation(s, user["id"], now)
        check_choice(body.state, on_call, wrap, now)
        current = storage.get(s, EntityKind.USER, user["id"]) or public_user(user)
        if current.get("agent_state") == body.state.value:
            return current, []  # already so: nothing changes
        current.update(agent_state=body.state.value, agent_state_since=format_time(now))
        stored = save(
            s,
            EntityKind.USER,
            current,
            actor=user["id"],
            now=now,
            action=AUDIT_ACTION,
            audit={"state": body.state.value},
        )
        return stored, []

    return commit_mutation(request, idem, effect)


# -- the wall's agent board ---------------------------------------------------------------------
RECENT_ENDED = 2_000  # newest ended calls looked at for "available since"


def _call(call: dict) -> wallboard.AgentCall:
    at = lambda key: parse_time(call[key]) if call.get(key) else None  # noqa: E731
    return wallboard.AgentCall(
        call["id"],
        call.get("agent_id"),
        call.get("state") or "",
        call.get("queue") or call.get("queue_id") or "",
        at("connected_at"),
        at("acw_at") or (at("updated_at") if call.get("state") == "acw" else None),
        at("ended_at"),
    )


@router.get(
    "/ops/agents", tags=["operations"], summary="Every agent's state and since when (wallboard)"
)
def agents(request: Request, user: User) -> dict:
    """Every agent's row of the wall's board: the state chosen through ``POST /agents/me/state``
    (the user entity's ``agent_state``, ``agent_state_since``) under what their calls say (On
    call, After-call work), mapped once by ``app.rules.wallboard.agent_board``."""
    require(user, Action.VIEW_OPS)
    now = now_of(request)
    with request.app.state.db.read() as s:
        people = [
            user_entity(s, u)
            for u in storage.all_users(s)
            if Role.AGENT.value in (u.get("roles") or [])
        ]
        ids = [u["id"] for u in people]
        live = storage.query(s, EntityKind.CALL, status=["connected", "acw"])
        ended = storage.query(s, EntityKind.CALL, status="ended", assignee_id=ids)
        online = storage.online_user_ids(s, now)
    ended = sorted(ended, key=lambda c: c.get("ended_at") or "")[-RECENT_ENDED:]
    names = {u["id"]: str(u.get("display_name") or "") for u in people}
    chosen = {u["id"]: c for u in people if (c := wallboard.chosen_of(u)) is not None}
    calls = [_call(c) for c in live + ended]
    board = wallboard.agent_board(ids, calls, chosen, online, now, names)
    return {
        "snapshot_time": format_time(now),
        "agents": [
            {
                "user_id": row.user_id,
                "display_name": names.get(row.user_id) or None,
                "state": row.state.value,
                "since": format_time(row.since) if row.since else None,
                "queue_id": row.queue or None,
                "contact_id": row.call_id or None,
            }
            for row in board
        ],
    }
