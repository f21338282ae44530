"""Helpers shared by the route modules: clock, loading with 404, If-Match, save + audit, ids."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from app.domain.cases import SlaInfo
from app.domain.enums import EntityKind
from app.domain.wire import format_time, from_wire, to_wire
from app.rules.zone import KST as SEOUL
from server import storage
from server.problems import ProblemError, not_found

# Queue ids the server routes work to (the demo data creates them with these ids); the
# escalation queues are app.commands.escalate.QUEUE_OF_LEVEL.
APPEALS_QUEUE = "appeals"  # appeals go to the senior reviewers
QA_QUEUE = "qa_review"  # QA sample tasks


def now_of(request: Request) -> datetime:
    return request.app.state.config.clock()


def today_of(now: datetime) -> date:
    """The business date (Asia/Seoul) for date rules such as document deadlines."""
    return now.astimezone(SEOUL).date()


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def user_entity(session: Session, user: dict) -> dict:
    """The user's change-feed entity (it carries the agent's chosen state, ``agent_state`` and
    ``agent_state_since``), else their login row."""
    return storage.get(session, EntityKind.USER, user["id"]) or user


def load(session: Session, kind: EntityKind, id: str) -> dict:
    entity = storage.get(session, kind, id)
    if entity is None:
        raise not_found(kind.value, id)
    return entity


def read_one(request: Request, kind: EntityKind, id: str) -> dict:
    with request.app.state.db.read() as s:
        return load(s, kind, id)


def check_if_match(request: Request, entity: dict) -> None:
    """If-Match: "<version>" (W/ and bare numbers accepted); stale → 412 with ``current``."""
    header = request.headers.get("if-match")
    if header is None or header.strip() == "*":
        return
    text = header.strip().removeprefix("W/").strip('"')
    if not text.isdigit() or int(text) != int(entity.get("version", 0)):
        raise ProblemError(
            412,
            "version_mismatch",
            f"If-Match {header} does not match version {entity.get('version')}",
            current=entity,
        )


def conflict(entity: dict, detail: str) -> ProblemError:
    return ProblemError(409, "conflict", detail, current=entity)


def save(
    session: Session,
    kind: EntityKind,
    data: dict,
    *,
    actor: str,
    now: datetime,
    action: str,
    audit: dict | None = None,
) -> dict:
    """Store the entity (version + 1, change row) and append its audit event."""
    stored = storage.put(session, kind, data, actor=actor, now=now)
    storage.append_audit(
        session,
        actor,
        action,
        kind.value,
        stored["id"],
        audit if audit is not None else {"version": stored["version"]},
        now,
    )
    return stored


def queue_alert(
    session: Session, kind: str, entity: str, entity_id: str, data: dict, now: datetime
) -> None:
    """Record an alert; it is published on the bus after the transaction commits."""
    alert = storage.add_alert(session, kind, entity, entity_id, data, now)
    session.info.setdefault("alerts", []).append(
        {"kind": alert["kind"], "entity": entity, "id": entity_id, "at": alert["at"], **data}
    )


def sla_of(case: dict) -> SlaInfo | None:
    return from_wire(SlaInfo, case["sla"]) if case.get("sla") else None


def sla_wire(sla: SlaInfo) -> dict:
    return to_wire(sla)


def timeline(
    case: dict, at: datetime, actor: str, kind: str, body: str = "", data: dict | None = None
) -> None:
    case.setdefault("timeline", []).append(
        {
            "at": format_time(at),
            "actor_id": actor,
            "kind": kind,
            "body": body,
            "data": to_wire(data or {}),
        }
    )


def dump(model: Any) -> dict:
    """A request model as a plain dict of the fields the client sent (None omitted)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)
