"""QA review — ``POST /v1/qa/reviews`` (runbook "품질 관리 (QA)"; shared/API.md "QA").

Seed 000: a sampled (or any decided) case is scored on five dimensions — procedure, judgement,
documentation, timeliness, communication — each 0-20; the total (0-100) gives the band
(excellent ≥ 95, good ≥ 85, needs_improvement ≥ 70, else poor; app.rules.qa).

- Role: qa. State: only a decided case (approved, rejected, closed; app.rules.lifecycle).
- Effect: the case's QA review (the sampled one, else a new ``manual`` one with an id derived
  from the case) → ``done`` with the scores, total, band, notes and the reviewer; its
  ``qa_review`` task completed; the case remembers the review.

Bounds: each score a finite number 0-20 (no bool, no string), exactly the five dimensions
(unknown ones 422), notes ≤ 4,000 characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from pydantic import Field, Strict

from app.commands import guards, steps
from app.commands.base import Actor, Command, CommandInput, Result, derived_id
from app.commands.fields import EntityId, OptText, kind
from app.domain.cases import Case, Task
from app.domain.enums import Action
from app.domain.people import QA_DIMENSIONS, QAReview
from app.rules import qa

Score = Annotated[
    float,
    Strict(),
    Field(ge=0, le=qa.DIMENSION_MAX, allow_inf_nan=False, json_schema_extra=kind("score")),
]


class QAScores(CommandInput):
    procedure: Score
    judgement: Score
    documentation: Score
    timeliness: Score
    communication: Score


assert tuple(QAScores.model_fields) == QA_DIMENSIONS


class QAReviewInput(CommandInput):
    case_id: EntityId = Field(description="the case scored")
    scores: QAScores = Field(description="five dimensions, each 0-20")
    notes: OptText = Field(default="", description="QA notes")


@dataclass(slots=True)
class QAState:
    """The case, its QA review (None: the server makes a manual one) and its QA tasks."""

    case: Case
    review: QAReview | None = None
    tasks: list[Task] = field(default_factory=list)


def guard(state: QAState, data: QAReviewInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.QA_REVIEW)
    guards.transition(state.case, Action.QA_REVIEW)


def effect(state: QAState, data: QAReviewInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case = s.case
    review = s.review or QAReview(
        id=derived_id("Q", case.id, "manual"),
        case_id=case.id,
        reviewer_id=actor.id,
        reviewed_user_id=case.decided_by,
        sample_reason="manual",
        created_at=now,
        version=0,
    )
    scores = data.scores.model_dump()
    total = qa.total(scores)
    review.scores = scores
    review.total = total
    review.band = qa.band(total)
    review.notes = data.notes
    review.reviewer_id = actor.id
    review.status = "done"
    done = []
    for task in s.tasks:
        if task.qa_review_id == review.id and task.status in guards.OPEN_TASK:
            steps.complete(task, actor, Action.QA_REVIEW, now)
            done.append(task)
    cases = []
    if case.qa_review_id != review.id:
        case.qa_review_id = review.id
        cases.append(case)
    return Result(
        primary=review,
        others=[review],
        cases=cases,
        tasks=done,
        audit=[steps.audit("qa_review", review.id, "qa_review", total=total, band=review.band)]
        + [steps.audit("task", t.id, "qa_review", qa_review_id=review.id) for t in done],
    )


COMMAND = Command(
    name="qa_review",
    action=Action.QA_REVIEW,
    path="/qa/reviews",
    input=QAReviewInput,
    guard=guard,
    effect=effect,
    on="none",
    who_may="a decided case (approved, rejected, closed)",
    summary="the case's QA review → done with the scores, total (0-100) and band; its QA task "
    "completed",
    seed_rule="품질 관리: 5개 항목 각 0-20점, 합계로 등급 (excellent/good/needs_improvement/poor)",
)
