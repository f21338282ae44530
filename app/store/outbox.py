"""The outbox: user actions waiting to be pushed, and what the sync engine records about them.

Push order is ``id`` order. A row is ``pending`` (waiting, maybe until ``next_attempt_at``),
``inflight`` (being sent), then ``applied``, ``conflict`` (409 / 412), ``rejected`` (403 / 422)
or ``discarded`` (by the user, from the Sync problems list). ``user_input`` is never changed.

``if_match`` chains: a row written while an earlier row on the same entity was still pending
carries the version the user saw; when the earlier row is applied, the server's new version is
carried over to the later rows of this user that were based on the old one (:func:`mark_applied`).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.enums import EntityKind, OutboxStatus
from app.store import changes
from app.store.apply import (
    ACTIVE,
    LOCAL_PREFIX,
    delete_entity,
    driver_connection,
    refresh_pending,
    write_local,
    write_server_copy,
)
from app.store.extract import MODELS
from app.store.local_models import OutboxRow
from app.store.models import CaseRow
from app.store.types import db_time

FAILED = (OutboxStatus.CONFLICT, OutboxStatus.REJECTED)

# The push hot path (a claim and an acknowledgement per row) on the sqlite3 connection, in the
# session's transaction: SQLAlchemy's execution of these small statements cost several times
# SQLite's own work. Times are bound as stored (``db_time``), JSON as stored (``problem`` NULL
# is the JSON ``null`` text, as the ORM wrote it).
_OUTBOX, _CASES = OutboxRow.__tablename__, CaseRow.__tablename__
_PENDING, _INFLIGHT = OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value
_CLAIM_SQL = (
    f"UPDATE {_OUTBOX} SET status = '{_INFLIGHT}', attempts = attempts + 1, updated_at = :now "
    f"WHERE id = :oid AND status = '{_PENDING}' RETURNING id, idempotency_key, method, path, "
    "if_match, payload, entity_kind, entity_id, case_id"
)
_APPLIED_SQL = (
    f"UPDATE {_OUTBOX} SET status = '{OutboxStatus.APPLIED.value}', problem = 'null', "
    "updated_at = :now WHERE id = :oid RETURNING id, entity_kind, entity_id, case_id"
)
_REBASE_SQL = (
    f"UPDATE {_OUTBOX} SET if_match = :v WHERE id > :after AND entity_kind = :kind "
    f"AND entity_id = :eid AND status = '{_PENDING}' AND if_match IS NOT NULL AND if_match < :v"
)
_REFRESH_SQL = (
    f"UPDATE {_CASES} SET pending_sync = (SELECT count(id) FROM {_OUTBOX} WHERE case_id = :cid "
    f"AND status IN ('{_PENDING}', '{_INFLIGHT}')) WHERE id = :cid"
)
assert ACTIVE == (_PENDING, _INFLIGHT)


class Claimed(NamedTuple):
    """The values of a row just marked ``inflight`` (the :class:`OutboxRow` column names)."""

    id: int
    idempotency_key: str
    method: str
    path: str
    if_match: int | None
    payload: dict[str, Any] | None
    entity_kind: str
    entity_id: str
    case_id: str | None


class _Applied(NamedTuple):
    id: int
    entity_kind: str
    entity_id: str
    case_id: str | None


def enqueue(
    session: Session,
    *,
    intent: str,
    path: str,
    payload: dict[str, Any],
    user_input: dict[str, Any],
    entity_kind: EntityKind,
    entity_id: str,
    created_by: str,
    now: datetime,
    if_match: int | None = None,
    case_id: str | None = None,
    method: str = "POST",
    idempotency_key: str | None = None,
) -> OutboxRow:
    """Add one pending row (flushed, so a duplicate key fails here, inside the transaction)."""
    row = OutboxRow(
        idempotency_key=idempotency_key or str(uuid.uuid4()),
        intent=intent,
        method=method,
        path=path,
        if_match=if_match,
        payload=payload,
        user_input=user_input,
        entity_kind=str(entity_kind),
        entity_id=entity_id,
        case_id=case_id,
        status=OutboxStatus.PENDING.value,
        attempts=0,
        created_at=now,
        updated_at=now,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    refresh_pending(session, [case_id] if case_id else [])
    changes.note(session, changes.OUTBOX, str(row.id))
    if case_id:  # its pending-sync mark changed
        changes.note(session, EntityKind.CASE, case_id)
    return row


def get_row(session: Session, outbox_id: int) -> OutboxRow:
    row = session.get(OutboxRow, outbox_id, populate_existing=True)
    if row is None:
        raise KeyError(f"no outbox row {outbox_id}")
    return row


def outbox_pending(session: Session, now: datetime) -> list[OutboxRow]:
    """Pending rows due now, in push order."""
    stmt = (
        select(OutboxRow)
        .where(
            OutboxRow.status == OutboxStatus.PENDING.value,
            or_(OutboxRow.next_attempt_at.is_(None), OutboxRow.next_attempt_at <= now),
        )
        .order_by(OutboxRow.id)
    )
    return list(session.execute(stmt).scalars())


def outbox_problems(session: Session) -> list[OutboxRow]:
    """Rows the server refused (the Sync problems list), oldest first."""
    stmt = (
        select(OutboxRow)
        .where(OutboxRow.status.in_([s.value for s in FAILED]))
        .order_by(OutboxRow.id)
    )
    return list(session.execute(stmt).scalars())


def mark_inflight(session: Session, outbox_id: int, now: datetime) -> OutboxRow:
    row = get_row(session, outbox_id)
    row.status = OutboxStatus.INFLIGHT.value
    row.attempts += 1
    row.updated_at = now
    session.flush()
    return row


def claim_inflight(session: Session, outbox_id: int, now: datetime) -> Any | None:
    """Mark a row ``inflight`` only if it is still pending, in one ``UPDATE … RETURNING``.

    Returns the row's current values (:class:`Claimed`, the :class:`OutboxRow` column names), or
    None when the row is gone or no longer pending. Same effect as :func:`mark_inflight`.
    """
    session.flush()  # ORM changes of the caller first (a no-op when there are none)
    found = (
        driver_connection(session)
        .execute(_CLAIM_SQL, {"oid": outbox_id, "now": db_time(now)})
        .fetchone()
    )
    if found is None:
        return None
    row = Claimed(*found)
    row = row._replace(payload=None if row.payload is None else json.loads(row.payload))
    held = _held(session, outbox_id)
    if held is not None:
        session.expire(held)
    return row


def mark_retry(
    session: Session,
    outbox_id: int,
    now: datetime,
    next_attempt_at: datetime,
    problem: dict[str, Any] | None = None,
) -> OutboxRow:
    """Back to pending after a retryable failure (network, 408, 429, 5xx…)."""
    row = get_row(session, outbox_id)
    row.status = OutboxStatus.PENDING.value
    row.next_attempt_at = next_attempt_at
    row.problem = problem
    row.updated_at = now
    session.flush()
    return row


def _guess_kind(session: Session, entity: dict[str, Any], row: Any = None) -> EntityKind | None:
    if entity.get("entity"):
        return EntityKind(entity["entity"])
    if row is not None and row.case_id and str(entity.get("id")) == row.case_id:
        return EntityKind.CASE  # the usual related entity: the row's own case
    for kind, model in MODELS.items():
        if session.execute(select(model.id).where(model.id == entity.get("id"))).first():
            return kind
    return None


def _rebase(session: Session, row: Any, kind: EntityKind, entity: dict[str, Any]) -> None:
    """Later pending rows of the same user on this entity now expect its new version."""
    version = entity.get("version")
    if version is None:
        return
    entity_id = str(entity["id"])
    params = {"after": row.id, "kind": str(kind), "eid": entity_id, "v": version}
    rebased = driver_connection(session).execute(_REBASE_SQL, params).rowcount
    if rebased and session.identity_map:
        for obj in list(session.identity_map.values()):  # rows this session already holds
            if isinstance(obj, OutboxRow) and obj.id > row.id and obj.entity_id == entity_id:
                session.expire(obj, ["if_match"])


def _held(session: Session, outbox_id: int) -> OutboxRow | None:
    """The ORM object of a row if this session already holds it (nothing is loaded)."""
    if not session.identity_map:
        return None
    key = session.identity_key(OutboxRow, (outbox_id,))
    obj = session.identity_map.get(key)
    return obj if isinstance(obj, OutboxRow) else None


def mark_applied(
    session: Session, outbox_id: int, response: dict[str, Any] | None, now: datetime
) -> None:
    """The server accepted the row: store its ``data`` and ``related`` entities as truth.

    Core statements built once: the row's status in one ``UPDATE … RETURNING`` (an ORM copy
    this session holds is expired), the entities as version-guarded upserts, then ``_rebase``
    and the recount of the case's ``pending_sync``."""
    session.flush()  # ORM changes of the caller first (a no-op when there are none)
    dbapi = driver_connection(session)
    found = dbapi.execute(_APPLIED_SQL, {"oid": outbox_id, "now": db_time(now)}).fetchone()
    if found is None:
        raise KeyError(f"no outbox row {outbox_id}")
    row = _Applied(*found)
    held = _held(session, outbox_id)
    if held is not None:
        session.expire(held)
    response = response or {}
    primary = response.get("data")
    entities: list[tuple[EntityKind | None, dict[str, Any]]] = []
    if isinstance(primary, dict) and primary.get("id"):
        kind = EntityKind(row.entity_kind)
        if str(primary["id"]) != row.entity_id:  # a locally created entity got its server id
            delete_entity(session, kind, row.entity_id, None)
        entities.append((kind, primary))
    for related in response.get("related") or []:
        if isinstance(related, dict) and related.get("id"):
            entities.append((_guess_kind(session, related, row), related))
    for kind, entity in entities:
        if kind is None:
            continue
        if write_server_copy(session, kind, entity, now=now):  # else kept aside
            _rebase(session, row, kind, entity)
    if row.case_id:
        dbapi.execute(_REFRESH_SQL, {"cid": row.case_id})


def mark_failed(
    session: Session,
    outbox_id: int,
    status: OutboxStatus,
    problem: dict[str, Any],
    current: dict[str, Any] | None,
    now: datetime,
) -> OutboxRow:
    """The server refused the row (conflict / rejected); nothing the user typed is lost.

    The problem is stored; the optimistic change is replaced by the server's ``current`` entity
    when given, else undone from the last server copy once no other row on it is in flight.
    """
    if status not in FAILED:
        raise ValueError(f"mark_failed takes conflict or rejected, not {status}")
    row = get_row(session, outbox_id)
    row.status = OutboxStatus(status).value
    row.problem = problem
    row.updated_at = now
    session.flush()
    kind = EntityKind(row.entity_kind)
    if not (current and write_server_copy(session, kind, current, now=now)):
        # no current copy, or one this store cannot hold (kept aside): undo the optimistic one
        restore_server_copy(session, kind, row.entity_id)
    if row.case_id and kind is not EntityKind.CASE:
        restore_server_copy(session, EntityKind.CASE, row.case_id)
    refresh_pending(session, [row.case_id] if row.case_id else [])
    return row


def restore_server_copy(session: Session, kind: EntityKind, entity_id: str) -> bool:
    """Undo optimistic changes of an entity no active outbox row still relies on."""
    active = session.execute(
        select(OutboxRow.id).where(
            OutboxRow.status.in_(ACTIVE),
            or_(
                (OutboxRow.entity_kind == str(kind)) & (OutboxRow.entity_id == entity_id),
                (OutboxRow.case_id == entity_id) if kind is EntityKind.CASE else False,
            ),
        )
    ).first()
    if active:
        return False
    if entity_id.startswith(LOCAL_PREFIX):  # created here, never known to the server
        return delete_entity(session, kind, entity_id, None)
    model = MODELS[kind]
    server = session.execute(
        select(model.server_data).where(model.id == entity_id)
    ).scalar_one_or_none()
    if server is None:
        return False
    write_local(session, kind, server, server_copy=False)
    return True
