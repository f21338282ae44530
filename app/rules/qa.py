"""QA (runbook "품질 관리"): weekly sample of decided cases, scoring and bands.

- Sample: a random 5 % of the cases (rounded up, so any non-empty set gives at least one),
  reproducible for a ``seed`` and independent of input order, plus every case matching a target:
  new reviewer (hired < 90 days), borderline score (0.45-0.55, runbook), complex case, high amount
  (>= 1억원), VIP, appealed. A case appears once, with its first matching target as reason,
  else "random".
- Scores: each of the five dimensions 0-20 (five x 20 = 100); total = their sum, 0-100.
- Bands take the runbook's lower bounds as half-open intervals: excellent >= 95, good >= 85,
  needs_improvement >= 70, poor < 70. So 94.5 is good and 69.99 is poor.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.enums import QABand
from app.domain.people import QA_DIMENSIONS

QA_RATE = 0.05
DIMENSION_MAX = 20.0
HIGH_AMOUNT_KRW = 100_000_000
BORDERLINE = (0.45, 0.55)
NEW_REVIEWER_PERIOD = timedelta(days=90)

RANDOM = "random"
NEW_REVIEWER = "new_reviewer"
BORDERLINE_SCORE = "borderline"
COMPLEX = "complex"
HIGH_AMOUNT = "high_amount"
VIP = "vip"
APPEALED = "appealed"
ALL_TARGETS = (NEW_REVIEWER, BORDERLINE_SCORE, COMPLEX, HIGH_AMOUNT, VIP, APPEALED)

BAND_FLOORS: tuple[tuple[float, QABand], ...] = (
    (95.0, QABand.EXCELLENT),
    (85.0, QABand.GOOD),
    (70.0, QABand.NEEDS_IMPROVEMENT),
)


@dataclass(frozen=True, slots=True)
class QACandidate:
    """What sampling needs to know about one decided case."""

    case_id: str
    decided_by: str | None = None
    score: float | None = None  # the automated decision's score (0-1)
    amount: int = 0  # KRW
    vip: bool = False
    appealed: bool = False
    complex: bool = False
    is_new_reviewer: bool = False
    reviewer_hired_at: datetime | None = None


def is_new_reviewer(hired_at: datetime | None, now: datetime) -> bool:
    return hired_at is not None and now - hired_at < NEW_REVIEWER_PERIOD


def targets_of(case: QACandidate, now: datetime | None = None) -> list[str]:
    """The targeted-sample reasons this case matches, in ALL_TARGETS order."""
    new = case.is_new_reviewer or (now is not None and is_new_reviewer(case.reviewer_hired_at, now))
    matches = {
        NEW_REVIEWER: new,
        BORDERLINE_SCORE: case.score is not None and BORDERLINE[0] <= case.score <= BORDERLINE[1],
        COMPLEX: case.complex,
        HIGH_AMOUNT: case.amount >= HIGH_AMOUNT_KRW,
        VIP: case.vip,
        APPEALED: case.appealed,
    }
    return [t for t in ALL_TARGETS if matches[t]]


def select_sample(
    cases: Sequence[QACandidate],
    *,
    rate: float = QA_RATE,
    seed: int,
    targeted: Iterable[str] = ALL_TARGETS,
    now: datetime | None = None,
) -> list[tuple[str, str]]:
    """(case_id, reason) for the QA sample, in the order of ``cases``."""
    if not 0 <= rate <= 1:
        raise ValueError("rate must be within 0-1")
    wanted = set(targeted)
    unknown = wanted - set(ALL_TARGETS)
    if unknown:
        raise ValueError(f"unknown targets: {sorted(unknown)}")
    ids = sorted({c.case_id for c in cases})
    k = math.ceil(rate * len(ids) - 1e-9)
    picked = set(random.Random(seed).sample(ids, k))
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for case in cases:
        if case.case_id in seen:
            continue
        reasons = [t for t in targets_of(case, now) if t in wanted]
        if reasons or case.case_id in picked:
            out.append((case.case_id, reasons[0] if reasons else RANDOM))
            seen.add(case.case_id)
    return out


def total(scores: Mapping[str, float]) -> float:
    """Sum of the five 0-20 dimension scores (0-100). The bounds of each score are the QA
    review command's schema (app.commands.qa_review); ValueError when a dimension is missing
    or out of range."""
    values = [float(scores[name]) for name in QA_DIMENSIONS if name in scores]
    if len(values) != len(QA_DIMENSIONS) or not all(0 <= v <= DIMENSION_MAX for v in values):
        raise ValueError("invalid QA scores")
    return float(sum(values))


def band(total_score: float) -> QABand:
    for floor, name in BAND_FLOORS:
        if total_score >= floor:
            return name
    return QABand.POOR
