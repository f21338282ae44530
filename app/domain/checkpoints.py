"""HITL checkpoints (seed 001, module.hitl-interaction): SC / EC and the feedback schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.enums import (
    CheckpointMode,
    CheckpointStatus,
    PriorityOverride,
    ProposalDecisionKind,
    Severity,
    SignalValidity,
)


@dataclass(slots=True)
class ObservationWindow:
    start: datetime
    end: datetime


@dataclass(slots=True)
class Signal:
    id: str  # "AS-001"
    type: str
    count: int
    severity: Severity
    affected_nodes: list[str] = field(default_factory=list)
    evidence: str = ""
    impact: str = ""
    unresolved_streak: int = 0  # consecutive SCs in which this signal stayed unresolved
    detected_at: datetime | None = None


@dataclass(slots=True)
class Pattern:
    name: str
    evidence: str
    impact: str


@dataclass(slots=True)
class Proposal:
    id: str  # "IP-001"
    summary: str
    confidence: float


@dataclass(slots=True)
class Checkpoint:
    id: str  # "HC-YYYY-MM-DD-NNN"
    mode: CheckpointMode
    window: ObservationWindow
    signals: list[Signal] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    status: CheckpointStatus = CheckpointStatus.OPEN
    created_at: datetime | None = None
    due_at: datetime | None = None
    consecutive_unresolved: int = 0
    cadence: str = "weekly"  # weekly | biweekly | on_demand
    auto_propose: bool = True
    workflow_paused: bool = False
    halted: bool = False
    feedback: dict | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None
    version: int = 1
    updated_at: datetime | None = None


@dataclass(slots=True)
class UserAssessment:
    signal_validity: SignalValidity
    priority_override: PriorityOverride | None = None
    additional_context: str | None = None


@dataclass(slots=True)
class ProposalDecision:
    proposal_id: str
    decision: ProposalDecisionKind
    modification_notes: str | None = None


@dataclass(slots=True)
class CheckpointFeedback:
    """The seed's feedback JSON, field for field (validated by app.rules.checkpoints)."""

    checkpoint_id: str
    mode: CheckpointMode
    signals_reviewed: list[str]
    user_assessment: UserAssessment
    proposal_decisions: list[ProposalDecision] = field(default_factory=list)
