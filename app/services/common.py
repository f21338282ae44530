"""What every service shares: the result, loading entities for update, writing the optimistic
change and its outbox row (in the caller's transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.commands.base import Result, entity_kind
from app.commands.guards import Conflict, today_kst
from app.domain.cases import Case, TimelineEntry
from app.domain.enums import Action, EntityKind
from app.domain.people import User
from app.domain.wire import from_wire, to_wire
from app.rules import access
from app.rules.errors import Forbidden, RuleError
from app.store.apply import write_local
from app.store.lookups import get_data, get_version
from app.store.outbox import enqueue
from app.text.josa import josa
from app.text.labels import label_of

__all__ = ["Conflict", "today_kst"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What a service wrote: the outbox row (push order id, idempotency key) and the case."""

    outbox_id: int
    idempotency_key: str
    case_id: str | None


class NotFound(RuleError):
    code = "not_found"
    status = 404

    def __init__(self, kind: EntityKind, entity_id: str) -> None:
        super().__init__(
            josa(f"{label_of('EntityKind', kind, 'ko')} '{entity_id}'", "을")
            + " 찾을 수 없습니다.",
            f"{label_of('EntityKind', kind, 'en')} '{entity_id}' not found",
        )


def apply_result(session: Session, result: Result) -> None:
    """Write a command's effect optimistically: every entity it returns."""
    for entity in [*result.others, *result.cases, *result.tasks]:
        save(session, entity_kind(entity), entity)


def load(session: Session, kind: EntityKind, cls: type[T], entity_id: str) -> tuple[T, int]:
    """The entity (with pending optimistic changes) and its server version; NotFound if absent."""
    data = get_data(session, kind, entity_id)
    if data is None:
        raise NotFound(kind, entity_id)
    return from_wire(cls, data), int(get_version(session, kind, entity_id) or 0)


def require(actor: User, action: Action, amount: int | None = None) -> None:
    verdict = access.can_act(actor.roles, action, amount=amount)
    if not verdict:
        raise Forbidden.from_verdict(verdict)


def note(case: Case, actor: User, kind: str, body: str, now: datetime, data: Any = None) -> None:
    """Append a timeline entry to ``case``."""
    case.timeline.append(
        TimelineEntry(at=now, actor_id=actor.id, kind=kind, body=body, data=to_wire(data or {}))
    )


def save(session: Session, kind: EntityKind, entity: Any) -> None:
    """Write the optimistic change of one entity (version unchanged, server copy kept)."""
    write_local(session, kind, to_wire(entity))


def push(
    session: Session,
    actor: User,
    now: datetime,
    *,
    intent: str,
    path: str,
    payload: dict[str, Any],
    form: Any,
    kind: EntityKind,
    entity_id: str,
    if_match: int | None,
    case_id: str | None,
    idempotency_key: str | None = None,
) -> ActionResult:
    """Add the outbox row of an action; ``form`` is kept as typed (``user_input``)."""
    row = enqueue(
        session,
        intent=intent,
        path=path,
        payload=to_wire(payload),
        user_input=to_wire(dict(form)),
        entity_kind=kind,
        entity_id=entity_id,
        case_id=case_id,
        if_match=if_match,
        created_by=actor.id,
        now=now,
        idempotency_key=idempotency_key,
    )
    return ActionResult(row.id, row.idempotency_key, case_id)
