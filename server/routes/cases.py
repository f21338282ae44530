"""Cases: POST /cases, GET /cases/{id}, assign, docs-received, close, notify-customer and
POST /ops/reassign."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.enums import Action, CaseStatus, EntityKind, EscalationLevel, Priority, TaskStatus
from app.domain.wire import format_time
from app.rules import action_input, lifecycle, priority, sla
from server import storage
from server.auth import require
from server.idempotency import Idem, IdemContext, User, commit_mutation
from server.problems import ProblemError
from server.routes import models as m
from server.routes.common import (
    check_if_match,
    dump,
    load,
    new_id,
    now_of,
    read_one,
    save,
    sla_of,
    sla_wire,
    timeline,
    today_of,
)
from server.routes.workflow import (
    OPEN_TASK,
    assign_case,
    case_tasks,
    complete_task,
    make_task,
    require_queue,
    stop_clock,
)

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


def _case_action(
    request: Request,
    user: dict,
    idem: IdemContext,
    case_id: str,
    action: Action,
    apply: Callable[[Session, dict, datetime], list[dict]],
) -> Response:
    """Load + If-Match + lifecycle, then ``apply(session, case, now) -> related``."""
    require(user, action)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        case = load(s, EntityKind.CASE, case_id)
        check_if_match(request, case)
        target = lifecycle.transition(CaseStatus(case["status"]), action)
        related = apply(s, case, now)
        case["status"] = target.value
        stored = save(
            s,
            EntityKind.CASE,
            case,
            actor=user["id"],
            now=now,
            action=action.value,
            audit={"status": case["status"]},
        )
        return stored, related

    return commit_mutation(request, idem, effect)


@router.post("/cases/{case_id}/assign", summary="Assign a case (ops_admin)")
def assign(
    request: Request, body: m.AssignBody, user: User, idem: Idem, case_id: str = Id
) -> Response:
    require(user, Action.ASSIGN)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        case = load(s, EntityKind.CASE, case_id)
        check_if_match(request, case)
        if storage.user_by_id(s, body.to) is None:
            raise ProblemError(
                422,
                "validation",
                f"unknown user {body.to!r}",
                errors={"to": f"unknown user {body.to!r}"},
            )
        lifecycle.transition(CaseStatus(case["status"]), Action.ASSIGN)
        tasks = case_tasks(s, case_id)
        stored = assign_case(
            s, case, tasks[0] if tasks else None, body.to, user["id"], now, Action.ASSIGN
        )
        return stored[0], stored[1:]

    return commit_mutation(request, idem, effect)


@router.post("/cases/{case_id}/docs-received", summary="Documents arrived: back to pending")
def docs_received(request: Request, user: User, idem: Idem, case_id: str = Id) -> Response:
    def apply(s: Session, case: dict, now: datetime) -> list[dict]:
        clock = sla_of(case)
        if clock is not None:
            case["sla"] = sla_wire(sla.resume(clock, now))
        for doc in case.get("documents", []):
            doc.setdefault("received_at", None)
            if doc["received_at"] is None:
                doc["received_at"] = format_time(now)
        timeline(case, now, user["id"], Action.DOCS_RECEIVED.value)
        return []

    return _case_action(request, user, idem, case_id, Action.DOCS_RECEIVED, apply)


@router.post("/cases/{case_id}/close", summary="Close a case")
def close(
    request: Request, body: m.CloseBody, user: User, idem: Idem, case_id: str = Id
) -> Response:
    payload = dump(body)

    def apply(s: Session, case: dict, now: datetime) -> list[dict]:
        valid = action_input.require_valid(Action.CLOSE, payload, today_of(now))
        case["resolution"] = valid.get("resolution", body.resolution)
        case["final_decision"] = body.final_decision.value
        stop_clock(case, now)
        timeline(
            case,
            now,
            user["id"],
            Action.CLOSE.value,
            case["resolution"],
            {"final_decision": body.final_decision.value},
        )
        related = []
        for task in case_tasks(s, case["id"]):
            done = complete_task(task, user["id"], Action.CLOSE, now, TaskStatus.CANCELLED)
            related.append(
                save(
                    s,
                    EntityKind.TASK,
                    done,
                    actor=user["id"],
                    now=now,
                    action="cancel_task",
                    audit={"reason": "case closed"},
                )
            )
        return related

    return _case_action(request, user, idem, case_id, Action.CLOSE, apply)


@router.post("/cases/{case_id}/notify-customer", summary="Send the customer a notice")
def notify_customer(
    request: Request, body: m.NotifyBody, user: User, idem: Idem, case_id: str = Id
) -> Response:
    def apply(s: Session, case: dict, now: datetime) -> list[dict]:
        case.setdefault("notifications", []).append(
            {"template": body.template, "eta": body.eta, "at": format_time(now), "by": user["id"]}
        )
        timeline(
            case, now, user["id"], Action.NOTIFY_CUSTOMER.value, body.template, {"eta": body.eta}
        )
        return []

    return _case_action(request, user, idem, case_id, Action.NOTIFY_CUSTOMER, apply)


@router.post("/ops/reassign", summary="Move one user's open work to another (ops_admin)")
def reassign(request: Request, body: m.ReassignBody, user: User, idem: Idem) -> Response:
    require(user, Action.REASSIGN)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        for field, uid in (("from", body.from_), ("to", body.to)):
            if storage.user_by_id(s, uid) is None:
                raise ProblemError(
                    422,
                    "validation",
                    f"unknown user {uid!r}",
                    errors={field: f"unknown user {uid!r}"},
                )
        related: list[dict] = []
        tasks = storage.query(s, EntityKind.TASK, assignee_id=body.from_, status=list(OPEN_TASK))
        for task in tasks:
            case = storage.get(s, EntityKind.CASE, task["case_id"])
            if case is None:
                continue
            related += assign_case(s, case, task, body.to, user["id"], now, Action.REASSIGN)
        target = storage.get(s, EntityKind.USER, body.to)
        summary = {"from": body.from_, "to": body.to, "moved_tasks": len(tasks), "user": target}
        storage.append_audit(
            s,
            user["id"],
            "reassign",
            "user",
            body.from_,
            {"to": body.to, "tasks": [t["id"] for t in tasks]},
            now,
        )
        return summary, related

    return commit_mutation(request, idem, effect)
