"""The workstation's side of the case intents (``POST /v1/cases/{id}/…``, If-Match: case
version): close, docs_received, assign, notify_customer. Same shape and guarantees as
app.services.task_actions: the command (app.commands) guards and computes the effect; this
module only loads the state and writes the result with its outbox row in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.commands import COMMANDS, forms, parse, run
from app.commands.base import Actor, CaseState
from app.domain.cases import Case
from app.domain.enums import Action, EntityKind
from app.domain.people import User
from app.services.common import ActionResult, apply_result, load, push, today_kst
from app.store.lookups import tasks_for_case
from app.store.store import Store


def run_case_action(
    session: Session,
    actor: User,
    action: Action,
    case_id: str,
    form: Mapping[str, Any],
    now: datetime,
) -> ActionResult:
    """The whole action inside the caller's transaction."""
    cmd = COMMANDS[Action(action).value]
    payload = forms.require_valid(action, form, today_kst(now))
    case, version = load(session, EntityKind.CASE, Case, case_id)
    state = CaseState(case, None, tasks_for_case(session, case_id))
    data = parse(cmd.input, payload)
    result = run(cmd, state, data, Actor.of(actor), now)
    apply_result(session, result)
    return push(
        session,
        actor,
        now,
        intent=f"case.{cmd.name}",
        path="/v1" + cmd.path.replace("{id}", case_id),
        payload=data.wire(),
        form=form,
        kind=EntityKind.CASE,
        entity_id=case_id,
        if_match=version,
        case_id=case_id,
    )


def _run(
    store: Store, actor: User, action: Action, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    with store.transaction() as session:
        return run_case_action(session, actor, action, case_id, form, now)


def close(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.close: ``{resolution, final_decision}`` (종료 조건 enforced)."""
    return _run(store, actor, Action.CLOSE, case_id, form, now)


def docs_received(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.docs_received: ``{docs?, note?}``; case → pending, SLA resumed."""
    return _run(store, actor, Action.DOCS_RECEIVED, case_id, form, now)


def assign(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.assign: ``{to}`` (ops_admin)."""
    return _run(store, actor, Action.ASSIGN, case_id, form, now)


def notify_customer(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.notify_customer: ``{template, eta?}``."""
    return _run(store, actor, Action.NOTIFY_CUSTOMER, case_id, form, now)
