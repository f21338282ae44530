"""The Sync problems list: rows the server refused, and what the user can do with them —
retry as a new action (re-validated against the current state, new idempotency key), copy the
input to a draft, or discard (recorded in the case timeline). Nothing typed is ever lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.cases import Case
from app.domain.enums import Action, EntityKind, OutboxStatus
from app.domain.people import User
from app.services.appeal_actions import run_resolve_appeal, run_submit_appeal
from app.services.case_actions import run_case_action
from app.services.common import ActionResult, Conflict, NotFound, load, note, save
from app.services.task_actions import run_task_action
from app.store.apply import refresh_pending
from app.store.outbox import get_row, restore_server_copy
from app.store.store import Store
from app.store.sync_state import get_setting, set_setting
from app.text.labels import label_of

Runner = Callable[[Session, User, str, dict[str, Any], datetime], ActionResult]


def _task(action: Action) -> Runner:
    return lambda s, actor, eid, form, now: run_task_action(s, actor, action, eid, form, now)


def _case(action: Action) -> Runner:
    return lambda s, actor, eid, form, now: run_case_action(s, actor, action, eid, form, now)


RUNNERS: dict[str, Runner] = {
    **{f"task.{a.value}": _task(a) for a in (Action.APPROVE, Action.DENY, Action.REQUEST_DOCS)},
    **{f"task.{a.value}": _task(a) for a in (Action.ESCALATE, Action.COMMENT)},
    **{
        f"case.{a.value}": _case(a)
        for a in (Action.CLOSE, Action.DOCS_RECEIVED, Action.ASSIGN, Action.NOTIFY_CUSTOMER)
    },
    "appeal.submit": lambda s, actor, eid, form, now: run_submit_appeal(
        s, actor, form.get("case_id") or eid, form, now
    ),
    "appeal.resolve": run_resolve_appeal,
}
DISCARDABLE = (OutboxStatus.PENDING, OutboxStatus.CONFLICT, OutboxStatus.REJECTED)


@dataclass(frozen=True, slots=True)
class Draft:
    intent: str
    entity_id: str
    user_input: dict[str, Any]


def _discard(session: Session, actor: User, outbox_id: int, now: datetime, why: str) -> None:
    row = get_row(session, outbox_id)
    if OutboxStatus(row.status) not in DISCARDABLE:
        raise Conflict(
            f"이 항목은 지금 폐기할 수 없습니다 ({label_of('OutboxStatus', row.status)}).",
            f"this row cannot be discarded now ({row.status})",
        )
    row.status = OutboxStatus.DISCARDED.value
    row.updated_at = now
    session.flush()
    restore_server_copy(session, EntityKind(row.entity_kind), row.entity_id)
    if row.case_id:
        refresh_pending(session, [row.case_id])
        restore_server_copy(session, EntityKind.CASE, row.case_id)
        try:
            case, _ = load(session, EntityKind.CASE, Case, row.case_id)
        except NotFound:
            return
        data = {"outbox_id": row.id, "intent": row.intent, "user_input": row.user_input}
        note(case, actor, why, row.intent, now, data)
        save(session, EntityKind.CASE, case)


def discard(store: Store, actor: User, outbox_id: int, now: datetime) -> None:
    """Give up a refused (or not yet sent) action; the timeline records it with the input."""
    with store.transaction() as session:
        _discard(session, actor, outbox_id, now, "sync_discarded")


def retry_as_new(store: Store, actor: User, outbox_id: int, now: datetime) -> ActionResult:
    """Run the refused action again from its ``user_input`` against the current state (new key,
    current If-Match); the old row is discarded in the same transaction."""
    with store.transaction() as session:
        row = get_row(session, outbox_id)
        if OutboxStatus(row.status) not in (OutboxStatus.CONFLICT, OutboxStatus.REJECTED):
            raise Conflict("재시도할 수 없는 항목입니다.", f"cannot retry a {row.status} row")
        intent, entity_id, form = row.intent, row.entity_id, dict(row.user_input)
        if intent == "appeal.submit":
            form.setdefault("case_id", row.case_id)
        _discard(session, actor, outbox_id, now, "sync_retried")
        return RUNNERS[intent](session, actor, entity_id, form, now)


def copy_to_draft(store: Store, outbox_id: int) -> Draft:
    """The row's original input as a draft (kept in settings under ``draft:<intent>:<id>``)."""
    with store.transaction() as session:
        row = get_row(session, outbox_id)
        draft = Draft(row.intent, row.entity_id, dict(row.user_input))
        set_setting(session, f"draft:{row.intent}:{row.entity_id}", draft.user_input)
        return draft


def get_draft(store: Store, intent: str, entity_id: str) -> dict[str, Any] | None:
    with store.session() as session:
        return get_setting(session, f"draft:{intent}:{entity_id}")
