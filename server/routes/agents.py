"""Agent states for the supervisor wall (beyond API.md's operations section, in its style; the
shape follows Amazon Connect's GetCurrentUserData: a status and its start time per user).

* ``GET /ops/agents`` (supervisor, ops_admin — ``view_ops``) →
  ``{snapshot_time, agents: [{user_id, display_name, state, since, queue_id, contact_id}]}``:
  every user with the ``agent`` role, ``state`` one of ``available``, ``on_call``,
  ``after_call_work``, ``break``, ``offline`` and ``since`` when it began (null when not known),
  sorted as the wall shows them (``app.rules.wallboard.agent_board``).
* ``POST /agents/me/status`` ``{state: available|break|offline}`` (agent; ``Idempotency-Key``)
  → 200 ``{data: {user_id, state, since}}``: the state the agent chose. A call or an open
  wrap-up still wins over it on the board (``app.rules.agent_state.state_of``).
"""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from app.domain.enums import Action, EntityKind, Role
from app.domain.wire import format_time, parse_time
from app.rules import wallboard
from app.rules.agent_state import AgentState
from server import storage
from server.auth import require, roles_of
from server.idempotency import Idem, User, commit_mutation
from server.problems import ProblemError
from server.routes.models import Strict

router = APIRouter(tags=["operations"])
META_PREFIX = "agent_status:"
RECENT_ENDED = 2_000  # newest ended calls looked at for "available since"


class StatusBody(Strict):
    state: Literal["available", "break", "offline"]


def _chosen(session: Session, user_id: str) -> wallboard.Chosen | None:
    raw = storage.get_meta(session, META_PREFIX + user_id)
    if not raw:
        return None
    data = json.loads(raw)
    return wallboard.Chosen(AgentState(data["state"]), parse_time(data["since"]))


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


@router.get("/ops/agents", summary="Every agent's state and since when (wallboard)")
def agents(request: Request, user: User) -> dict:
    require(user, Action.VIEW_OPS)
    now = request.app.state.config.clock()
    with request.app.state.db.read() as s:
        people = [u for u in storage.all_users(s) if Role.AGENT.value in (u.get("roles") or [])]
        ids = [u["id"] for u in people]
        live = storage.query(s, EntityKind.CALL, status=["connected", "acw"])
        ended = storage.query(s, EntityKind.CALL, status="ended", assignee_id=ids)
        chosen = {i: c for i in ids if (c := _chosen(s, i)) is not None}
        online = storage.online_user_ids(s, now)
    ended = sorted(ended, key=lambda c: c.get("ended_at") or "")[-RECENT_ENDED:]
    names = {u["id"]: str(u.get("display_name") or "") for u in people}
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


@router.post("/agents/me/status", summary="Choose Available, Break or Offline (agent)")
def set_status(request: Request, body: StatusBody, user: User, idem: Idem):
    if Role.AGENT not in roles_of(user):
        raise ProblemError(403, "forbidden", "only an agent has an agent state")
    now = request.app.state.config.clock()
    data = {"user_id": user["id"], "state": body.state, "since": format_time(now)}

    def effect(s: Session) -> tuple[dict, list[dict]]:
        storage.set_meta(s, META_PREFIX + user["id"], json.dumps(data))
        storage.append_audit(s, user["id"], "agent_status", "user", user["id"], data, now)
        return data, []

    return commit_mutation(request, idem, effect)
