"""Cases: POST /cases, GET /cases/{id}, and — each run through its app.commands module by
server.routes.command_route — assign, docs-received, close, notify-customer and
POST /ops/reassign."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import COMMANDS, run
from app.commands.assign import AssignInput
from app.commands.base import Actor, UserWork
from app.commands.close import CloseInput
from app.commands.docs_received import DocsReceivedInput
from app.commands.guards import role as role_guard
from app.commands.notify_customer import NotifyCustomerInput
from app.commands.reassign import ReassignInput
from app.domain.cases import Case, Task
from app.domain.enums import Action, CaseStatus, EntityKind, EscalationLevel, Priority
from app.domain.wire import format_time, from_wire
from app.rules import priority, sla
from server import storage
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.routes import models as m
from server.routes.command_route import Originals, case_command, known_users, persist
from server.routes.common import dump, new_id, now_of, read_one, save, sla_wire, timeline
from server.routes.workflow import OPEN_TASK, make_task, require_queue

router = APIRouter(tags=["cases"])
Id = Path(min_length=1, max_length=128)


def _suggested(body: m.CaseCreate) -> Priority:
    from app.domain.cases import Application, Customer, DecisionContext
    from app.domain.wire import from_wire

    hint = priority.suggest_priority(
        from_wire(Customer, dump(body.customer)),
        from_wire(Application, dump(body.application)),
        from_wire(DecisionContext, dump(body.decision_context)),
    )
    return Priority(hint.priority)


@router.post("/cases", summary="Open a case and its review task")
def create_case(request: Request, body: m.CaseCreate, user: User, idem: Idem) -> Response:
    require(user, Action.OPEN_CASE)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        queue = require_queue(s, body.queue_id)
        prio = body.priority or _suggested(body)
        clock = sla.start(sla.policy_for(prio, queue.get("sla_policy", "priority")), now)
        case = {
            "id": new_id("C"),
            "decision_id": body.decision_id,
            "priority": prio.value,
            "status": CaseStatus.OPEN.value,
            "queue_id": body.queue_id,
            "customer": dump(body.customer),
            "application": dump(body.application),
            "decision_context": dump(body.decision_context),
            "sla": sla_wire(clock),
            "assignee_id": None,
            "escalation_level": EscalationLevel.L1.value,
            "created_at": format_time(now),
            "reason_codes": [],
            "documents": [],
            "timeline": [],
            "task_ids": [],
        }
        task = make_task(case, body.queue_id, now)
        case["task_ids"].append(task["id"])
        timeline(case, now, user["id"], "system", "case opened")
        stored = save(
            s,
            EntityKind.CASE,
            case,
            actor=user["id"],
            now=now,
            action="open_case",
            audit={"priority": prio.value, "queue_id": body.queue_id},
        )
        stored_task = save(
            s,
            EntityKind.TASK,
            task,
            actor=user["id"],
            now=now,
            action="create_task",
            audit={"case_id": case["id"]},
        )
        return stored, [stored_task]

    return commit_mutation(request, idem, effect)


@router.get("/cases/{case_id}", summary="A case")
def get_case(request: Request, user: User, case_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.CASE, case_id)


@router.post("/cases/{case_id}/assign", summary="Assign a case (ops_admin)")
def assign(
    request: Request, body: AssignInput, user: User, idem: Idem, case_id: str = Id
) -> Response:
    return case_command(
        request, user, idem, COMMANDS["assign"], case_id, body, check_users=(body.to,)
    )


@router.post("/cases/{case_id}/docs-received", summary="Documents arrived: back to pending")
def docs_received(
    request: Request,
    user: User,
    idem: Idem,
    body: DocsReceivedInput | None = None,
    case_id: str = Id,
) -> Response:
    data = body or DocsReceivedInput()
    return case_command(request, user, idem, COMMANDS["docs_received"], case_id, data)


@router.post("/cases/{case_id}/close", summary="Close a case (종료 조건 enforced)")
def close(
    request: Request, body: CloseInput, user: User, idem: Idem, case_id: str = Id
) -> Response:
    return case_command(request, user, idem, COMMANDS["close"], case_id, body)


@router.post("/cases/{case_id}/notify-customer", summary="Send the customer a notice")
def notify_customer(
    request: Request, body: NotifyCustomerInput, user: User, idem: Idem, case_id: str = Id
) -> Response:
    return case_command(request, user, idem, COMMANDS["notify_customer"], case_id, body)


@router.post("/ops/reassign", summary="Move one user's open work to another (ops_admin)")
def reassign(request: Request, body: ReassignInput, user: User, idem: Idem) -> Response:
    cmd = COMMANDS["reassign"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        rows = storage.query(s, EntityKind.TASK, assignee_id=body.from_, status=list(OPEN_TASK))
        originals: Originals = {("task", t["id"]): t for t in rows}
        cases = {}
        for t in rows:
            case = storage.get(s, EntityKind.CASE, t["case_id"])
            if case is not None:
                originals[("case", case["id"])] = case
                cases[case["id"]] = from_wire(Case, case)
        work = UserWork(
            [from_wire(Task, t) for t in rows], cases, known_users(s, (body.from_, body.to))
        )
        result = run(cmd, work, body, actor, now)
        summary, related = persist(s, cmd, result, actor.id, now, originals)
        return {**summary, "user": storage.get(s, EntityKind.USER, body.to)}, related

    return commit_mutation(request, idem, effect)
