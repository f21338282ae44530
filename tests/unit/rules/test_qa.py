"""QA: deterministic 5 % sample plus targets, score total and bands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.enums import QABand
from app.rules.qa import (
    QA_RATE,
    QACandidate,
    band,
    select_sample,
    targets_of,
    total,
)

NOW = datetime(2026, 11, 21, tzinfo=UTC)


def _plain(n: int) -> list[QACandidate]:
    return [
        QACandidate(f"case-{i:04d}", "reviewer1", score=0.8, amount=10_000_000) for i in range(n)
    ]


def test_random_sample_is_five_percent_and_deterministic() -> None:
    cases = _plain(1000)
    first = select_sample(cases, seed=7)
    assert QA_RATE == 0.05
    assert len(first) == 50 and all(reason == "random" for _, reason in first)
    assert select_sample(list(reversed(cases)), seed=7) != []
    assert {c for c, _ in select_sample(list(reversed(cases)), seed=7)} == {c for c, _ in first}
    assert select_sample(cases, seed=7) == first
    assert {c for c, _ in select_sample(cases, seed=8)} != {c for c, _ in first}
    assert len(select_sample(_plain(10), seed=1)) == 1  # rounded up
    assert select_sample(cases, seed=7, rate=0) == []


def test_targets_are_always_included_with_their_reason() -> None:
    cases = [
        *_plain(100),
        QACandidate("new", is_new_reviewer=True),
        QACandidate("hired", reviewer_hired_at=NOW - timedelta(days=10)),
        QACandidate("border", score=0.45),
        QACandidate("big", amount=100_000_000),
        QACandidate("vip", vip=True),
        QACandidate("appealed", appealed=True),
        QACandidate("complex", complex=True),
        QACandidate("just-under", amount=99_999_999, score=0.56),
    ]
    reasons = dict(select_sample(cases, seed=3, now=NOW))
    assert reasons["new"] == "new_reviewer" and reasons["hired"] == "new_reviewer"
    assert reasons["border"] == "borderline" and reasons["big"] == "high_amount"
    assert reasons["vip"] == "vip" and reasons["appealed"] == "appealed"
    assert reasons["complex"] == "complex"
    assert reasons.get("just-under", "random") == "random"
    only_vip = dict(select_sample(cases, seed=3, targeted=["vip"], rate=0))
    assert only_vip == {"vip": "vip"}
    with pytest.raises(ValueError):
        select_sample(cases, seed=3, targeted=["lucky"])


def test_first_matching_target_is_the_reason() -> None:
    case = QACandidate("x", vip=True, amount=500_000_000)
    assert targets_of(case) == ["high_amount", "vip"]


SCORES = {
    "procedure": 20,
    "judgement": 19,
    "documentation": 18,
    "timeliness": 20,
    "communication": 18,
}


def test_total_is_sum_of_five_dimensions() -> None:
    assert total(SCORES) == 95.0
    assert band(total(SCORES)) is QABand.EXCELLENT


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100, QABand.EXCELLENT),
        (95, QABand.EXCELLENT),
        (94.5, QABand.GOOD),
        (94, QABand.GOOD),
        (85, QABand.GOOD),
        (84.99, QABand.NEEDS_IMPROVEMENT),
        (70, QABand.NEEDS_IMPROVEMENT),
        (69.9, QABand.POOR),
        (0, QABand.POOR),
    ],
)
def test_band_boundaries(score: float, expected: QABand) -> None:
    assert band(score) is expected


def test_total_refuses_what_is_not_five_scores() -> None:
    # the field-by-field validation (was validate_scores, deleted) is the QA review command's
    # schema: tests/unit/commands/test_qa_review_command.py
    for bad in (
        SCORES | {"judgement": "high"},
        SCORES | {"procedure": 21},
        {k: v for k, v in SCORES.items() if k != "timeliness"},
    ):
        with pytest.raises(ValueError):
            total(bad)
