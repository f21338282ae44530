"""QA: POST /qa/samples (5 % random + targeted, app.rules.qa) and POST /qa/reviews (total, band:
the app.commands.qa_review command)."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.commands import COMMANDS, run
from app.commands.base import Actor
from app.commands.guards import role as role_guard
from app.commands.qa_review import QAReviewInput, QAState
from app.domain.cases import Case, Task
from app.domain.enums import Action, CaseStatus, EntityKind, EscalationLevel, TaskType
from app.domain.people import QAReview
from app.domain.wire import format_time, from_wire, parse_time
from app.rules import qa
from server import storage
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.problems import ProblemError
from server.routes import models as m
from server.routes.command_route import Originals, persist
from server.routes.common import QA_QUEUE, load, new_id, now_of, save
from server.routes.workflow import case_tasks, make_task

router = APIRouter(tags=["qa"])
DECIDED = [CaseStatus.APPROVED.value, CaseStatus.REJECTED.value, CaseStatus.CLOSED.value]


def _candidate(case: dict) -> qa.QACandidate:
    ctx, app_ = case.get("decision_context") or {}, case.get("application") or {}
    return qa.QACandidate(
        case_id=case["id"],
        decided_by=case.get("decided_by"),
        score=ctx.get("score"),
        amount=int(app_.get("amount") or 0),
        vip=bool((case.get("customer") or {}).get("vip")),
        appealed=bool(case.get("appeal_ids")),
        complex=case.get("escalation_level", "L1") != EscalationLevel.L1.value,
    )


@router.post("/qa/samples", summary="Draw the QA sample of a period")
def sample(request: Request, body: m.QASampleBody, user: User, idem: Idem) -> Response:
    require(user, Action.QA_SAMPLE)
    now = now_of(request)
    start, end = body.from_, body.to
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        raise ProblemError(
            422,
            "validation",
            "need an RFC 3339 period with from < to",
            errors={"to": "must be a UTC time after from"},
        )

    def effect(s: Session) -> tuple[dict, list[dict]]:
        cases = [
            c
            for c in storage.query(s, EntityKind.CASE, status=DECIDED)
            if c.get("decided_at")
            and start <= parse_time(c["decided_at"]) < end
            and not c.get("qa_review_id")
        ]
        cases.sort(key=lambda c: c["id"])
        seed = int(hashlib.sha256(f"{start}{end}".encode()).hexdigest()[:8], 16)
        try:
            picked = qa.select_sample(
                [_candidate(c) for c in cases],
                rate=body.rate,
                seed=seed,
                targeted=body.targeted or qa.ALL_TARGETS,
                now=now,
            )
        except ValueError as exc:
            field = "rate" if "rate" in str(exc) else "targeted"
            raise ProblemError(422, "validation", str(exc), errors={field: str(exc)}) from exc
        by_id = {c["id"]: c for c in cases}
        related: list[dict] = []
        for case_id, reason in picked:
            case = by_id[case_id]
            review = {
                "id": new_id("Q"),
                "case_id": case_id,
                "reviewer_id": None,
                "reviewed_user_id": case.get("decided_by"),
                "scores": {},
                "total": None,
                "band": None,
                "notes": "",
                "sample_reason": reason,
                "status": "open",
                "created_at": format_time(now),
            }
            task = make_task(case, QA_QUEUE, now, type=TaskType.QA_REVIEW, due_at=None)
            task["qa_review_id"] = review["id"]
            case["qa_review_id"] = review["id"]
            case.setdefault("task_ids", []).append(task["id"])
            related += [
                save(
                    s,
                    EntityKind.QA_REVIEW,
                    review,
                    actor=user["id"],
                    now=now,
                    action="qa_sample",
                    audit={"reason": reason},
                ),
                save(
                    s,
                    EntityKind.TASK,
                    task,
                    actor=user["id"],
                    now=now,
                    action="create_task",
                    audit={"qa_review_id": review["id"]},
                ),
                save(
                    s,
                    EntityKind.CASE,
                    case,
                    actor=user["id"],
                    now=now,
                    action="qa_sample",
                    audit={"qa_review_id": review["id"]},
                ),
            ]
        summary = {
            "from": format_time(start),
            "to": format_time(end),
            "rate": body.rate,
            "population": len(cases),
            "count": len(picked),
            "tasks": [r["id"] for r in related if r.get("type") == "qa_review"],
        }
        return summary, related

    return commit_mutation(request, idem, effect)


@router.post("/qa/reviews", summary="Score a case: total and band")
def review(request: Request, body: QAReviewInput, user: User, idem: Idem) -> Response:
    """app.commands.qa_review: parse → load the case, its QA review and tasks → command →
    persist."""
    cmd = COMMANDS["qa_review"]
    actor = Actor.of(user)
    role_guard(actor, cmd.action)
    now = now_of(request)

    def effect(s: Session) -> tuple[Any, list[dict]]:
        case = load(s, EntityKind.CASE, body.case_id)
        originals: Originals = {("case", case["id"]): case}
        existing = storage.get(s, EntityKind.QA_REVIEW, case.get("qa_review_id") or "")
        if existing is not None:
            originals[("qa_review", existing["id"])] = existing
        tasks = []
        for task in case_tasks(s, case["id"]):
            if task.get("qa_review_id"):
                originals[("task", task["id"])] = task
                tasks.append(from_wire(Task, task))
        state = QAState(
            from_wire(Case, case),
            from_wire(QAReview, existing) if existing is not None else None,
            tasks,
        )
        result = run(cmd, state, body, actor, now)
        return persist(s, cmd, result, actor.id, now, originals)

    return commit_mutation(request, idem, effect)
