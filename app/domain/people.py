"""Users, appeals, QA reviews, knowledge articles and audit events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.enums import AppealResolution, AppealStatus, ApprovalLevel, QABand, Role


@dataclass(slots=True)
class User:
    id: str
    display_name: str
    roles: list[Role] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)  # queue ids
    approval_level: ApprovalLevel | None = None
    hired_at: datetime | None = None
    version: int = 1
    updated_at: datetime | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(slots=True)
class Appeal:
    id: str
    case_id: str
    reason: str
    evidence: list[str] = field(default_factory=list)
    status: AppealStatus = AppealStatus.SUBMITTED
    submitted_by: str = ""
    submitted_at: datetime | None = None
    original_decider_id: str | None = None
    assignee_id: str | None = None
    resolution: AppealResolution | None = None
    message: str = ""
    reason_codes: list[str] = field(default_factory=list)
    new_decision: str | None = None
    limit: int | None = None
    rate: float | None = None
    conditions: list[str] = field(default_factory=list)
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    version: int = 1
    updated_at: datetime | None = None


QA_DIMENSIONS = ("procedure", "judgement", "documentation", "timeliness", "communication")


@dataclass(slots=True)
class QAReview:
    id: str
    case_id: str
    reviewer_id: str  # the QA reviewer
    reviewed_user_id: str | None = None  # whose work was reviewed
    scores: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    band: QABand | None = None
    notes: str = ""
    sample_reason: str = "random"
    status: str = "open"  # open | done
    created_at: datetime | None = None
    version: int = 1
    updated_at: datetime | None = None


@dataclass(slots=True)
class KnowledgeArticle:
    id: str
    title: str
    body: str
    tags: list[str] = field(default_factory=list)
    category: str = ""
    score: float | None = None
    version: int = 1
    updated_at: datetime | None = None


@dataclass(slots=True)
class AuditEvent:
    """Append-only; ``prev_hash`` chains each event to the one before it."""

    seq: int
    at: datetime
    actor_id: str
    action: str
    entity: str
    entity_id: str
    data: dict = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""
