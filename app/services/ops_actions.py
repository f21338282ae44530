"""What operations staff do from the ops desk: move a user's open work to another user
(``dosctl ops reassign --from --to``, vacations) and acknowledge a live alert.

Reassign is the command app.commands.reassign (guard + effect), written here with its outbox
row in ONE transaction; acknowledging validates, checks access and writes the outbox row.

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

from app.commands import COMMANDS, parse, run
from app.commands.base import Actor, UserWork
from app.domain.cases import Task
from app.domain.enums import EntityKind, OutboxStatus, Role, TaskStatus
from app.domain.people import User
from app.domain.wire import from_wire
from app.rules.errors import FieldError, Forbidden, ValidationFailed
from app.services.common import ActionResult, apply_result, push
from app.store.local_models import OutboxRow
from app.store.lookups import get_case
from app.store.models import TaskRow
from app.store.store import Store

ACK_ROLES = (Role.SUPERVISOR, Role.OPS_ADMIN)
ACK_INTENT = "alert.ack"
ACTIVE = (OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value)
_OPEN = (TaskStatus.OPEN.value, TaskStatus.ASSIGNED.value)
MAX_NOTE = 2_000


def reassign(store: Store, actor: User, form: Mapping[str, Any], now: datetime) -> ActionResult:
    """app.commands.reassign ``{from, to}``: every open task of ``from`` (and the cases it
    holds) go to ``to``; the effect is the command's, written with its outbox row."""
    cmd = COMMANDS["reassign"]
    data = parse(cmd.input, {k: v.strip() if isinstance(v, str) else v for k, v in form.items()})
    with store.transaction() as s:
        rows = s.execute(
            select(TaskRow.data).where(TaskRow.assignee_id == data.from_, TaskRow.status.in_(_OPEN))
        ).scalars()
        tasks = [from_wire(Task, d) for d in rows]
        cases = {t.case_id: c for t in tasks if (c := get_case(s, t.case_id)) is not None}
        result = run(cmd, UserWork(tasks, cases), data, Actor.of(actor), now)
        apply_result(s, result)
        return push(
            s,
            actor,
            now,
            intent="ops.reassign",
            path="/v1/ops/reassign",
            payload=data.wire(),
            form=form,
            kind=EntityKind.USER,
            entity_id=data.from_,
            if_match=None,
            case_id=None,
        )


def acknowledge_alert(
    store: Store, actor: User, alert: Mapping[str, Any], form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """Acknowledge one alert of ``GET /v1/alerts`` (``{id, entity, entity_id, …}``)."""
    if not any(r in actor.roles for r in ACK_ROLES):
        raise Forbidden(
            "알림 확인은 슈퍼바이저 또는 운영 관리자만 할 수 있습니다.",
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
