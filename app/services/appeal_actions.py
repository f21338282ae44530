"""The workstation's side of the appeal intents: ``POST /v1/appeals`` (submit) and
``POST /v1/appeals/{id}/resolve`` (If-Match: appeal version).

Each is: the form checked by the command's schema → the command's guard and pure effect
(app.commands.appeal_submit / appeal_resolve, the code the server runs) → the result written
optimistically and the outbox row, in ONE transaction. No effect is computed here.

A submitted appeal is named ``local-…`` until the server answers (the outbox replaces it with the
server's appeal). Its ``appeal_review`` task is left to the server: it belongs to the senior
reviewers' queue, and a local task could not be matched with the server's once pushed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.commands import COMMANDS, parse, run
from app.commands.base import Actor, AppealState
from app.domain.cases import Case
from app.domain.enums import EntityKind
from app.domain.people import Appeal, User
from app.services.common import ActionResult, apply_result, load, push
from app.store.apply import LOCAL_PREFIX
from app.store.lookups import appeals_for_case, tasks_for_case
from app.store.store import Store

SUBMIT = COMMANDS["appeal_submit"]
RESOLVE = COMMANDS["appeal_resolve"]


def _tidy(form: Mapping[str, Any], lists: tuple[str, ...]) -> dict[str, Any]:
    """What a person typed: text stripped, comma lists split, blank optional values dropped."""
    out: dict[str, Any] = {}
    for name, value in form.items():
        if isinstance(value, str):
            value = value.strip()
            if name in lists:
                value = [v.strip() for v in value.split(",") if v.strip()]
        if value is None or (value == "" and name not in ("reason", "message")):
            continue
        out[name] = value
    return out


def run_submit_appeal(
    session: Session, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    data = parse(SUBMIT.input, {**_tidy(form, ("evidence",)), "case_id": case_id})
    case, _ = load(session, EntityKind.CASE, Case, case_id)
    state = AppealState(case, appeals=appeals_for_case(session, case_id), id_prefix=LOCAL_PREFIX)
    result = run(SUBMIT, state, data, Actor.of(actor), now)
    left = {t.id for t in result.tasks}  # the appeal_review task is the server's (see above)
    result.tasks = []
    for changed in result.cases:
        changed.task_ids = [t for t in changed.task_ids if t not in left]
    apply_result(session, result)
    return push(
        session,
        actor,
        now,
        intent="appeal.submit",
        path="/v1/appeals",
        payload=data.wire(),
        form=form,
        kind=EntityKind.APPEAL,
        entity_id=result.primary.id,
        if_match=None,
        case_id=case_id,
    )


def run_resolve_appeal(
    session: Session, actor: User, appeal_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    data = parse(RESOLVE.input, _tidy(form, ("reason_codes", "conditions")))
    appeal, version = load(session, EntityKind.APPEAL, Appeal, appeal_id)
    case, _ = load(session, EntityKind.CASE, Case, appeal.case_id)
    tasks = [t for t in tasks_for_case(session, case.id) if t.appeal_id == appeal_id]
    result = run(RESOLVE, AppealState(case, appeal, tasks=tasks), data, Actor.of(actor), now)
    apply_result(session, result)
    return push(
        session,
        actor,
        now,
        intent="appeal.resolve",
        path=f"/v1/appeals/{appeal_id}/resolve",
        payload=data.wire(),
        form=form,
        kind=EntityKind.APPEAL,
        entity_id=appeal_id,
        if_match=version,
        case_id=case.id,
    )


def submit_appeal(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{reason, evidence}`` for a rejected case within 30 days of the decision, once."""
    with store.transaction() as session:
        return run_submit_appeal(session, actor, case_id, form, now)


def resolve_appeal(
    store: Store, actor: User, appeal_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{resolution, message, reason_codes?, new_decision?, limit?, rate?, conditions?}`` by a
    senior reviewer who did not make the original decision."""
    with store.transaction() as session:
        return run_resolve_appeal(session, actor, appeal_id, form, now)
