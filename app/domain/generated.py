"""Generated content awaiting human approval (seed 003): narrative reports and generated
strategies are never applied until a reviewer approves them, and each carries a fact-check of its
claims against the data store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class GeneratedKind(StrEnum):
    NARRATIVE_REPORT = "narrative_report"  # D1, /backtests/{id}/report
    STRATEGY = "strategy"  # D2, /strategies/generative-builder


class GeneratedStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"


@dataclass(slots=True)
class FactClaim:
    """One figure the text states, compared with the stored value (e.g. a KPI of a backtest)."""

    text: str
    metric: str
    stated_value: float | str | None = None
    stored_value: float | str | None = None
    matches: bool = False
    begin_char: int | None = None
    end_char: int | None = None


@dataclass(slots=True)
class FactCheckResult:
    checked_at: datetime
    claims: list[FactClaim] = field(default_factory=list)
    source: str = ""  # which data store / entity was compared

    @property
    def mismatches(self) -> list[FactClaim]:
        return [c for c in self.claims if not c.matches]

    @property
    def passed(self) -> bool:
        return not self.mismatches


@dataclass(slots=True)
class GeneratedContent:
    id: str
    kind: GeneratedKind
    title: str
    body: str
    source_ref: str = ""  # e.g. the BacktestResult id
    prompt_version: str = ""
    model: str = ""
    generated_at: datetime | None = None
    status: GeneratedStatus = GeneratedStatus.PENDING
    fact_check: FactCheckResult | None = None
    reviewer_id: str | None = None
    reviewed_at: datetime | None = None
    review_note: str = ""
    version: int = 1
    updated_at: datetime | None = None

    @property
    def applicable(self) -> bool:
        """Only approved content may be used or deployed (seed 003: manual approval required)."""
        return self.status is GeneratedStatus.APPROVED
