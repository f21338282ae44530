"""A route that runs a command (app.commands): parse (FastAPI, the command's input model) →
load under the transaction → guard → effect → persist → respond. No effect is computed here:
this module only turns stored JSON into the command's state (``from_wire``), and the command's
result back into stored JSON (``to_wire`` over the stored dict, so no stored key is lost),
audit rows and alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import run
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, entity_kind
from app.commands.guards import Conflict, task_open
from app.commands.guards import role as role_guard
from app.domain.cases import Case, Task
from app.domain.enums import EntityKind
from app.domain.wire import from_wire, to_wire
from server import storage
from server.idempotency import IdemContext, commit_mutation
from server.routes.common import check_if_match, conflict, load, now_of, queue_alert
from server.routes.workflow import queue_policy

Originals = dict[tuple[str, str], dict]


def case_state(
    s: Session, cmd: Command, case: dict, task: dict | None, originals: Originals
) -> CaseState:
    """The command state of a stored case (and the task acted on), with what ``cmd.needs``."""
    tasks = [task] if task is not None else []
    if "tasks" in cmd.needs:
        for tid in case.get("task_ids", []):
            other = (
                storage.get(s, EntityKind.TASK, tid) if task is None or tid != task["id"] else None
            )
            if other is not None:
                tasks.append(other)
    for t in tasks:
        originals[("task", t["id"])] = t
    originals[("case", case["id"])] = case
    typed = [from_wire(Task, t) for t in tasks]
    policy = queue_policy(s, case["queue_id"]) if "queue_policy" in cmd.needs else "priority"
    return CaseState(
        from_wire(Case, case), typed[0] if task is not None else None, typed, queue_policy=policy
    )


def persist(
    s: Session, cmd: Command, result: Result, actor: str, now: datetime, originals: Originals
) -> tuple[Any, list[dict]]:
    """Store the result's entities (version + 1, change rows), its audit rows and alerts;
    return the response's ``data`` and ``related``."""
    stored: dict[tuple[str, str], dict] = {}
    for entity in [*result.others, *result.cases, *result.tasks]:
        kind = entity_kind(entity)
        key = (kind.value, entity.id)
        data = {**originals.get(key, {}), **to_wire(entity)}
        stored[key] = storage.put(s, kind, data, actor=actor, now=now)
    for event in result.audit:
        storage.append_audit(s, actor, event.action, event.entity, event.entity_id, event.data, now)
    for alert in result.alerts:
        queue_alert(s, alert.kind, alert.entity, alert.entity_id, alert.data, now)
    primary: Any = result.primary
    key = (entity_kind(primary).value, primary.id) if _entity(primary) else None
    if key is not None and key in stored:
        primary = stored.pop(key)
    return primary, list(stored.values())


def _entity(value: Any) -> bool:
    try:
        entity_kind(value)
    except KeyError:
        return False
    return True


def task_command(
    request: Request, user: dict, idem: IdemContext, cmd: Command, task_id: str, body: CommandInput
) -> Response:
    """A task intent: 403 role → 404 → 409 if the task is done (first writer wins, with
    ``current``) → 412 stale If-Match → the command (object, authority, state, rules)."""
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        task = load(s, EntityKind.TASK, task_id)
        try:
            task_open(from_wire(Task, task))
        except Conflict as exc:
            raise conflict(task, exc.en) from None
        check_if_match(request, task)
        case = load(s, EntityKind.CASE, task["case_id"])
        originals: Originals = {}
        state = case_state(s, cmd, case, task, originals)
        result = run(cmd, state, body, actor, now)
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)


def case_command(
    request: Request,
    user: dict,
    idem: IdemContext,
    cmd: Command,
    case_id: str,
    body: CommandInput,
    *,
    check_users: tuple[str, ...] = (),
) -> Response:
    """A case intent: 403 role → 404 → 412 stale If-Match → the command. ``check_users``: user
    ids of the body the command must know exist (``assign``)."""
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        case = load(s, EntityKind.CASE, case_id)
        check_if_match(request, case)
        originals: Originals = {}
        state = case_state(s, cmd, case, None, originals)
        if check_users:
            state.known_users = known_users(s, check_users)
        result = run(cmd, state, body, actor, now)
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)


def known_users(s: Session, ids: tuple[str, ...]) -> frozenset[str]:
    return frozenset(i for i in ids if storage.user_by_id(s, i) is not None)
