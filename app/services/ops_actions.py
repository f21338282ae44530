"""What operations staff do from the ops desk: move a user's open work to another user
(``dosctl ops reassign --from --to``, vacations) and acknowledge a live alert.

Same shape and guarantees as app.services.task_actions: validate, check access, write the
optimistic change and the outbox row in ONE transaction; raise and write nothing on bad input.

| intent         | request                                               | answer             |
|----------------|-------------------------------------------------------|--------------------|
| ``ops.reassign`` | ``POST /v1/ops/reassign {from, to}`` (ops_admin)   | 200, moved tasks   |
| ``alert.ack``  | ``POST /v1/alerts/{id}/ack {note?}`` (supervisor,     | 204                |
|                | ops_admin)                                            |                    |

The ack row is filed under the alert's own entity (the case, call or checkpoint it is about):
the outbox keys rows by entity kinds of the change feed, and the 204 answer writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.domain.cases import Case, Task
from app.domain.enums import Action, EntityKind, OutboxStatus, Role, TaskStatus
from app.domain.people import User
from app.domain.wire import from_wire
from app.rules.errors import FieldError, Forbidden, ValidationFailed
from app.services.common import ActionResult, push, require, save
from app.store.local_models import OutboxRow
from app.store.lookups import get_case
from app.store.models import TaskRow
from app.store.store import Store

ACK_ROLES = (Role.SUPERVISOR, Role.OPS_ADMIN)
ACK_INTENT = "alert.ack"
ACTIVE = (OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value)
_OPEN = (TaskStatus.OPEN.value, TaskStatus.ASSIGNED.value)
MAX_NOTE = 2_000


def _user_id(form: Mapping[str, Any], name: str, errors: dict[str, FieldError]) -> str:
    value = form.get(name)
    if not isinstance(value, str) or not value.strip():
        errors[name] = FieldError("required", "사용자를 선택하세요.", "choose a user")
        return ""
    return value.strip()


def reassign(store: Store, actor: User, form: Mapping[str, Any], now: datetime) -> ActionResult:
    """``{from, to}`` (user ids): every open task of ``from`` and its case go to ``to``."""
    errors: dict[str, FieldError] = {}
    source = _user_id(form, "from", errors)
    target = _user_id(form, "to", errors)
    if source and target and source == target:
        errors["to"] = FieldError(
            "same_user", "다른 사용자를 선택하세요.", "choose another user than 'from'"
        )
    if errors:
        raise ValidationFailed(errors=errors)
    require(actor, Action.REASSIGN)
    with store.transaction() as s:
        rows = s.execute(
            select(TaskRow.data).where(TaskRow.assignee_id == source, TaskRow.status.in_(_OPEN))
        ).scalars()
        for data in list(rows):
            task = from_wire(Task, data)
            task.assignee_id = target
            save(s, EntityKind.TASK, task)
            case: Case | None = get_case(s, task.case_id)
            if case is not None and case.assignee_id == source:
                case.assignee_id = target
                save(s, EntityKind.CASE, case)
        return push(
            s,
            actor,
            now,
            intent="ops.reassign",
            path="/v1/ops/reassign",
            payload={"from": source, "to": target},
            form=form,
            kind=EntityKind.USER,
            entity_id=source,
            if_match=None,
            case_id=None,
        )


def acknowledge_alert(
    store: Store, actor: User, alert: Mapping[str, Any], form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """Acknowledge one alert of ``GET /v1/alerts`` (``{id, entity, entity_id, …}``)."""
    if not any(r in actor.roles for r in ACK_ROLES):
        raise Forbidden(
            "경보 확인은 감독자 또는 운영 관리자만 할 수 있습니다.",
            "only a supervisor or an ops admin may acknowledge alerts",
        )
    alert_id = str(alert.get("id") or "")
    note = form.get("note") or ""
    errors: dict[str, FieldError] = {}
    if not alert_id:
        errors["id"] = FieldError("required", "경보를 선택하세요.", "choose an alert")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        errors["note"] = FieldError("too_long", "메모가 너무 깁니다.", "the note is too long")
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        kind = EntityKind(str(alert.get("entity") or ""))
    except ValueError:
        kind = EntityKind.CASE
    entity_id = str(alert.get("entity_id") or alert_id)
    with store.transaction() as s:
        return push(
            s,
            actor,
            now,
            intent=ACK_INTENT,
            path=f"/v1/alerts/{alert_id}/ack",
            payload={"note": note} if note else {},
            form={"alert_id": alert_id, **dict(form)},
            kind=kind,
            entity_id=entity_id,
            if_match=None,
            case_id=None,
        )


def pending_acks(store: Store) -> set[str]:
    """Alert ids acknowledged here whose outbox row is not pushed yet (shown as acknowledged)."""
    with store.session() as s:
        rows = s.execute(
            select(OutboxRow.user_input).where(
                OutboxRow.intent == ACK_INTENT, OutboxRow.status.in_(ACTIVE)
            )
        ).scalars()
        return {str(u.get("alert_id")) for u in rows if u and u.get("alert_id")}
