"""qa_review: guard and effect on domain dataclasses (no store); the five 0-20 scores are the
command's schema (was app.rules.qa.validate_scores and a pydantic copy in the server)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.commands import COMMANDS, run
from app.commands.base import Actor
from app.commands.qa_review import QAState
from app.domain.enums import CaseStatus, QABand, Role, TaskStatus, TaskType
from app.rules.errors import Forbidden, InvalidTransition, ValidationFailed
from tests.unit.commands.state import NOW, REVIEWER1
from tests.unit.store import builders as b

QA = COMMANDS["qa_review"]
QA1 = Actor("u_qa1", (Role.QA,))
SCORES = {
    "procedure": 19,
    "judgement": 19,
    "documentation": 19,
    "timeliness": 19.5,
    "communication": 20,
}


def state(status: CaseStatus = CaseStatus.APPROVED, sampled: bool = True) -> QAState:
    case = b.case("C-1", status=status, decided_by="u_reviewer1")
    case.decided_at = NOW - timedelta(days=1)
    if not sampled:
        return QAState(case)
    review = b.qa_review("Q-1", case)
    case.qa_review_id = review.id
    task = b.task("T-Q", case, status=TaskStatus.OPEN)
    task.type, task.qa_review_id = TaskType.QA_REVIEW, review.id
    return QAState(case, review, [task])


def body(**change) -> dict:
    return {"case_id": "C-1", "scores": SCORES, "notes": "좋음", **change}


def test_scores_give_the_total_and_band_and_complete_the_task() -> None:
    st = state()
    result = run(QA, st, body(), QA1, NOW)
    review = result.primary
    assert (review.total, review.band, review.status) == (96.5, QABand.EXCELLENT, "done")
    assert review.reviewer_id == "u_qa1" and review.scores["timeliness"] == 19.5
    (task,) = result.tasks
    assert task.status is TaskStatus.COMPLETED and task.completed_by == "u_qa1"
    assert result.cases == []  # the case already names its review
    assert st.review is not None and st.review.status == "open"  # the state is never changed


def test_an_unsampled_case_gets_a_manual_review() -> None:
    result = run(QA, state(sampled=False), body(), QA1, NOW)
    review = result.primary
    assert review.sample_reason == "manual" and review.id.startswith("Q-")
    (case,) = result.cases
    assert case.qa_review_id == review.id


def test_only_qa_on_a_decided_case() -> None:
    with pytest.raises(Forbidden):
        run(QA, state(), body(), REVIEWER1, NOW)
    with pytest.raises(InvalidTransition):
        run(QA, state(CaseStatus.PENDING), body(), QA1, NOW)


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        (SCORES | {"procedure": 20.01}, "scores.procedure"),
        (SCORES | {"procedure": -0.01}, "scores.procedure"),
        (SCORES | {"judgement": True}, "scores.judgement"),
        (SCORES | {"judgement": "19"}, "scores.judgement"),
        (SCORES | {"timeliness": float("nan")}, "scores.timeliness"),
        (SCORES | {"empathy": 5}, "scores.empathy"),
        ({k: v for k, v in SCORES.items() if k != "communication"}, "scores.communication"),
    ],
)
def test_score_bounds(scores: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        run(QA, state(), body(scores=scores), QA1, NOW)
    assert field in info.value.errors, info.value.errors
    assert info.value.errors[field].ko and info.value.errors[field].en


def test_edges_are_accepted() -> None:
    low = dict.fromkeys(SCORES, 0)
    assert run(QA, state(), body(scores=low), QA1, NOW).primary.band is QABand.POOR
    high = dict.fromkeys(SCORES, 20)
    assert run(QA, state(), body(scores=high), QA1, NOW).primary.total == 100.0
    with pytest.raises(ValidationFailed) as info:
        run(QA, state(), body(notes="가" * 4001), QA1, NOW)
    assert "notes" in info.value.errors
