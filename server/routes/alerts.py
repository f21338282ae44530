"""Alerts: GET /alerts?open=true, POST /alerts/{id}/ack and POST /calls/{id}/flag.

The alerts table (server/tables.py) already holds every alert the scheduler, the simulator and
the routes raise (``sla_warning``, ``sla_breach``, ``critical_signal``, ``negative_sentiment``,
``p0_arrival``, ``docs_overdue``). An alert's id is ``AL-<seq>``. Acknowledging writes
``acknowledged_at`` / ``acknowledged_by`` (and ``ack_note``) into the row's data; a second ack of
the same alert changes nothing and answers the same (acknowledging is naturally idempotent, so
two supervisors at two desks never see a conflict). Both POSTs take ``Idempotency-Key``.

* ``GET /alerts?open=true&kind=…&limit=`` (supervisor, ops_admin — ``view_ops``): newest first,
  each ``{id, kind, entity, entity_id, at, message?, priority?, queue_id?, acknowledged_at,
  acknowledged_by, …the alert's data}``; ``open=true`` leaves out acknowledged ones.
* ``POST /alerts/{id}/ack {note?}`` (supervisor, ops_admin): 204.
* ``POST /calls/{id}/flag {reason, note?, segment_id?}`` (app.commands.call_flag: the call's
  agent, or a supervisor for any call): records a ``negative_sentiment`` alert flagged by them
  (``flagged_by``, ``reason``) and publishes it as an ``alert`` event. 200 ``{data: <the call>,
  related: [], alert: <the alert>}`` — the call is the primary entity so the agent's outbox row
  applies cleanly.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import Field
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.commands import COMMANDS, run
from app.commands.base import Actor, CallState
from app.commands.call_flag import CallFlagInput
from app.commands.guards import role as role_guard
from app.domain.calls import Call
from app.domain.enums import Action, EntityKind, Role
from app.domain.wire import format_time, from_wire
from server import pii, storage
from server import tables as t
from server.auth import require, roles_of
from server.idempotency import Idem, User, commit_mutation
from server.problems import ProblemError, not_found
from server.routes.common import load, now_of
from server.routes.models import Strict

router = APIRouter(tags=["alerts"])
ACK_ROLES = (Role.SUPERVISOR, Role.OPS_ADMIN)
SCAN_LIMIT = 5_000  # newest alerts looked at for ?open=true
PREFIX = "AL-"


class AckBody(Strict):
    note: str = Field(default="", max_length=2_000)


def alert_view(row: Any) -> dict:
    data = dict(row.data or {})
    data.pop("id", None)  # the scheduler's payload names the case "id"; ours is the alert's
    at = storage._aware(row.at)
    return {
        **data,
        "id": f"{PREFIX}{row.seq}",
        "kind": row.kind,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "at": format_time(at) if at else None,
        "acknowledged_at": data.get("acknowledged_at"),
        "acknowledged_by": data.get("acknowledged_by"),
    }


def _seq(alert_id: str) -> int:
    text = alert_id.removeprefix(PREFIX)
    if not text.isdigit() or len(text) > 9:  # the seq column is a 32-bit integer
        raise not_found("alert", alert_id)
    return int(text)


@router.get("/alerts", summary="Alerts, newest first; open=true: not yet acknowledged")
def list_alerts(
    request: Request,
    user: User,
    open: Annotated[bool, Query()] = False,
    kind: Annotated[list[str] | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict]:
    require(user, Action.VIEW_OPS)
    stmt = select(t.alerts).order_by(t.alerts.c.seq.desc()).limit(SCAN_LIMIT)
    if kind:
        stmt = stmt.where(t.alerts.c.kind.in_(kind))
    out: list[dict] = []
    with request.app.state.db.read() as s:
        for row in s.execute(stmt):
            view = alert_view(row)
            if open and view["acknowledged_at"]:
                continue
            out.append(view)
            if len(out) >= limit:
                break
    return out


@router.post(
    "/alerts/{alert_id}/ack",
    summary="Acknowledge an alert (supervisor, ops_admin)",
    status_code=204,
    responses={204: {"description": "Acknowledged (or already acknowledged)"}},
)
def acknowledge(
    request: Request,
    body: AckBody,
    user: User,
    idem: Idem,
    alert_id: str = Path(min_length=1, max_length=64),
) -> Response:
    if not any(r in roles_of(user) for r in ACK_ROLES):
        raise ProblemError(403, "forbidden", "only a supervisor or an ops_admin may acknowledge")
    seq = _seq(alert_id)
    now = now_of(request)

    def effect(s: Session) -> tuple[None, list[dict]]:
        row = s.execute(select(t.alerts).where(t.alerts.c.seq == seq)).first()
        if row is None:
            raise not_found("alert", alert_id)
        data = dict(row.data or {})
        if not data.get("acknowledged_at"):
            data.update(
                acknowledged_at=format_time(now), acknowledged_by=user["id"], ack_note=body.note
            )
            s.execute(update(t.alerts).where(t.alerts.c.seq == seq).values(data=data))
            storage.append_audit(
                s, user["id"], "alert_ack", "alert", alert_id, {"kind": row.kind}, now
            )
        return None, []

    return commit_mutation(request, idem, effect)


@router.post("/calls/{call_id}/flag", summary="Flag a call to the supervisor")
def flag_call(
    request: Request,
    body: CallFlagInput,
    user: User,
    idem: Idem,
    call_id: str = Path(min_length=1, max_length=128),
) -> Response:
    """app.commands.call_flag: the call's agent, or a supervisor for any call."""
    cmd = COMMANDS["call_flag"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now: datetime = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        call = load(s, EntityKind.CALL, call_id)
        result = run(cmd, CallState(from_wire(Call, call)), body, actor, now)
        (flag,) = result.alerts
        data = pii.redact_free_text(dict(flag.data))  # a number typed into the note: [PII]
        inserted = s.execute(
            insert(t.alerts).values(
                at=storage._naive(now),
                kind=flag.kind,
                entity=flag.entity,
                entity_id=call_id,
                data=data,
            )
        )
        seq = int(inserted.inserted_primary_key[0])
        alert = {**data, "id": f"{PREFIX}{seq}", "entity_id": call_id, "at": format_time(now)}
        event = {**data, "id": call_id, "alert_id": alert["id"], "at": alert["at"]}
        s.info.setdefault("alerts", []).append(event)
        s.info.setdefault("extra", {})["alert"] = alert
        storage.append_audit(
            s, user["id"], "call_flag", "call", call_id, {"alert": alert["id"]}, now
        )
        return call, []

    return commit_mutation(request, idem, effect)
