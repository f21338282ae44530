"""QA: POST /qa/samples (5 % random + targeted, app.rules.qa) and POST /qa/reviews (total, band)."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.domain.enums import Action, CaseStatus, EntityKind, EscalationLevel, TaskType
from app.domain.wire import format_time, parse_time
from app.rules import lifecycle, qa
from app.rules.errors import ValidationFailed
from server import storage
from server.auth import require
from server.idempotency import Idem, User, commit_mutation
from server.problems import ProblemError
from server.routes import models as m
from server.routes.common import QA_QUEUE, load, new_id, now_of, save
from server.routes.workflow import case_tasks, complete_task, make_task

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
def review(request: Request, body: m.QAReviewBody, user: User, idem: Idem) -> Response:
    require(user, Action.QA_REVIEW)
    now = now_of(request)
    scores = body.scores.model_dump()
    errors = qa.validate_scores(scores)
    if errors:
        raise ValidationFailed({f"scores.{k}": v for k, v in errors.items()})

    def effect(s: Session) -> tuple[dict, list[dict]]:
        case = load(s, EntityKind.CASE, body.case_id)
        lifecycle.transition(CaseStatus(case["status"]), Action.QA_REVIEW)
        total = qa.total(scores)
        existing = storage.get(s, EntityKind.QA_REVIEW, case.get("qa_review_id") or "")
        rev = existing or {
            "id": new_id("Q"),
            "case_id": case["id"],
            "sample_reason": "manual",
            "reviewed_user_id": case.get("decided_by"),
            "created_at": format_time(now),
        }
        rev.update(
            reviewer_id=user["id"],
            scores=scores,
            total=total,
            band=qa.band(total).value,
            notes=body.notes,
            status="done",
        )
        related = []
        for task in case_tasks(s, case["id"]):
            if task.get("qa_review_id") == rev["id"]:
                complete_task(task, user["id"], Action.QA_REVIEW, now)
                related.append(
                    save(
                        s,
                        EntityKind.TASK,
                        task,
                        actor=user["id"],
                        now=now,
                        action="qa_review",
                        audit={"qa_review_id": rev["id"]},
                    )
                )
        if not existing:
            case["qa_review_id"] = rev["id"]
            related.append(
                save(
                    s,
                    EntityKind.CASE,
                    case,
                    actor=user["id"],
                    now=now,
                    action="qa_review",
                    audit={"qa_review_id": rev["id"]},
                )
            )
        stored = save(
            s,
            EntityKind.QA_REVIEW,
            rev,
            actor=user["id"],
            now=now,
            action="qa_review",
            audit={"total": total, "band": rev["band"]},
        )
        return stored, related

    return commit_mutation(request, idem, effect)
