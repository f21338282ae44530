"""Appeals: POST /appeals (rejected case, 30-day window), GET /appeals/{id}, and
POST /appeals/{id}/resolve by an independent senior reviewer (app.rules.appeals)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.cases import Case
from app.domain.enums import Action, AppealStatus, CaseStatus, EntityKind, TaskType
from app.domain.people import User as DomainUser
from app.domain.wire import format_time, from_wire
from app.rules import appeals, lifecycle
from app.rules.errors import Forbidden, ValidationFailed
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.problems import ProblemError
from server.routes import models as m
from server.routes.common import (
    APPEALS_QUEUE,
    check_if_match,
    conflict,
    dump,
    load,
    new_id,
    now_of,
    read_one,
    save,
    timeline,
)
from server.routes.workflow import case_tasks, complete_task, make_task

router = APIRouter(tags=["appeals"])
Id = Path(min_length=1, max_length=128)
APPEAL_TARGET = timedelta(hours=72)  # runbook: appeals resolution p95 ≤ 72 h


@router.post("/appeals", summary="Appeal a rejected case (30-day window)")
def submit(request: Request, body: m.AppealCreate, user: User, idem: Idem) -> Response:
    require(user, Action.SUBMIT_APPEAL)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        case = load(s, EntityKind.CASE, body.case_id)
        verdict = appeals.check_submission(from_wire(Case, case), now)
        if not verdict:
            raise ProblemError(
                422,
                verdict.code or "validation",
                f"{verdict.en} / {verdict.ko}",
                errors={"case_id": verdict.en},
            )
        lifecycle.transition(CaseStatus(case["status"]), Action.SUBMIT_APPEAL)
        appeal = {
            "id": new_id("A"),
            "case_id": case["id"],
            "reason": body.reason,
            "evidence": body.evidence,
            "status": AppealStatus.SUBMITTED.value,
            "submitted_by": user["id"],
            "submitted_at": format_time(now),
            "original_decider_id": case.get("decided_by"),
            "assignee_id": None,
        }
        task = make_task(
            case,
            APPEALS_QUEUE,
            now,
            type=TaskType.APPEAL_REVIEW,
            due_at=format_time(now + APPEAL_TARGET),
        )
        task["appeal_id"] = appeal["id"]
        appeal["task_id"] = task["id"]
        case.setdefault("task_ids", []).append(task["id"])
        case.setdefault("appeal_ids", []).append(appeal["id"])
        timeline(case, now, user["id"], Action.SUBMIT_APPEAL.value, body.reason)
        stored = save(
            s,
            EntityKind.APPEAL,
            appeal,
            actor=user["id"],
            now=now,
            action="submit_appeal",
            audit={"case_id": case["id"]},
        )
        related = [
            save(
                s,
                EntityKind.TASK,
                task,
                actor=user["id"],
                now=now,
                action="create_task",
                audit={"appeal_id": appeal["id"]},
            ),
            save(
                s,
                EntityKind.CASE,
                case,
                actor=user["id"],
                now=now,
                action="submit_appeal",
                audit={"appeal_id": appeal["id"]},
            ),
        ]
        return stored, related

    return commit_mutation(request, idem, effect)


@router.get("/appeals/{appeal_id}", summary="An appeal")
def get_appeal(request: Request, user: User, appeal_id: str = Id) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.APPEAL, appeal_id)


@router.post("/appeals/{appeal_id}/resolve", summary="Resolve an appeal (independent senior)")
def resolve(
    request: Request, body: m.AppealResolve, user: User, idem: Idem, appeal_id: str = Id
) -> Response:
    require(user, Action.RESOLVE_APPEAL)
    now = now_of(request)
    payload = dump(body)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        appeal = load(s, EntityKind.APPEAL, appeal_id)
        if appeal["status"] == AppealStatus.RESOLVED.value:
            raise conflict(appeal, f"appeal {appeal_id} is already resolved")
        check_if_match(request, appeal)
        verdict = appeals.check_resolver(
            from_wire(DomainUser, user), appeal.get("original_decider_id")
        )
        if not verdict:
            raise Forbidden.from_verdict(verdict)
        errors = appeals.validate_resolution(payload)
        if errors:
            raise ValidationFailed(errors)
        case = load(s, EntityKind.CASE, appeal["case_id"])
        lifecycle.transition(CaseStatus(case["status"]), Action.RESOLVE_APPEAL)
        outcome = {
            k: payload.get(k)
            for k in (
                "resolution",
                "message",
                "reason_codes",
                "new_decision",
                "limit",
                "rate",
                "conditions",
            )
        }
        appeal.update(
            {k: v for k, v in outcome.items() if v is not None},
            status=AppealStatus.RESOLVED.value,
            resolved_by=user["id"],
            resolved_at=format_time(now),
            assignee_id=user["id"],
        )
        case["appeal"] = {"id": appeal_id, **outcome, "resolved_at": format_time(now)}
        timeline(case, now, user["id"], Action.RESOLVE_APPEAL.value, body.message, outcome)
        related = [
            save(
                s,
                EntityKind.CASE,
                case,
                actor=user["id"],
                now=now,
                action="resolve_appeal",
                audit={"appeal_id": appeal_id},
            )
        ]
        for task in case_tasks(s, case["id"]):
            if task.get("appeal_id") == appeal_id:
                complete_task(task, user["id"], Action.RESOLVE_APPEAL, now)
                related.append(
                    save(
                        s,
                        EntityKind.TASK,
                        task,
                        actor=user["id"],
                        now=now,
                        action="resolve_appeal",
                        audit={"appeal_id": appeal_id},
                    )
                )
        stored = save(
            s,
            EntityKind.APPEAL,
            appeal,
            actor=user["id"],
            now=now,
            action="resolve_appeal",
            audit=outcome,
        )
        return stored, related

    return commit_mutation(request, idem, effect)
