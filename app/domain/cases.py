"""Cases, tasks, queues and the things a case carries (runbook: HITL Ops v2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.enums import (
    Action,
    CaseStatus,
    CustomerTier,
    EscalationLevel,
    FinalDecision,
    Priority,
    TaskStatus,
    TaskType,
)


@dataclass(slots=True)
class Customer:
    """Who applied. ``account_id`` / ``phone`` / ``resident_id`` arrive masked from the server
    (last 4 digits, ``app.rules.pii``); the full values exist only in the server's
    ``customer_pii`` table. ``customer_id`` is an opaque reference."""

    customer_id: str
    name: str
    tier: CustomerTier = CustomerTier.GENERAL
    account_id: str = ""
    phone: str = ""
    resident_id: str = ""
    vip: bool = False
    years_with_bank: int = 0
    delinquencies: int = 0


@dataclass(slots=True)
class Application:
    """What was asked for: amount in KRW (integer), purpose, term in months, and the evidence."""

    amount: int
    purpose: str = ""
    term_months: int = 0
    product: str = "credit_loan"
    credit_score: int | None = None
    annual_income: int | None = None
    dti_percent: float | None = None
    employment: str = ""
    self_employed: bool = False
    collateral: str = ""
    collateral_value: int | None = None
    inquiry_only: bool = False


@dataclass(slots=True)
class DecisionContext:
    """The automated decision that sent the case to a human."""

    automatic_decision: str = "refer"
    score: float | None = None
    reason_codes: list[str] = field(default_factory=list)
    model_version: str = ""
    policy_version: str = ""
    fraud_suspected: bool = False
    system_error: bool = False
    policy_exception: bool = False
    missing_info: bool = False
    legal_deadline: date | None = None


@dataclass(slots=True)
class SlaInfo:
    """Shape of case ``sla`` in shared/API.md, computed by app.rules.sla."""

    policy: str
    started_at: datetime
    due_at: datetime
    paused_since: datetime | None = None
    paused_total_s: float = 0.0
    warning_at: datetime | None = None
    breached_at: datetime | None = None
    met_at: datetime | None = None
    # ``breached_at`` of the clocks an escalation replaced (runbook "에스컬레이션 SLA"): a case
    # that was overdue at L1 stays counted as breached by the SLA report after it moves to L2.
    breach_history: list[datetime] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    name: str
    requested_at: datetime | None = None
    received_at: datetime | None = None


@dataclass(slots=True)
class TimelineEntry:
    """One line of a case's history: comments, actions and system notes."""

    at: datetime
    actor_id: str
    kind: str  # action name, "comment", "system"
    body: str = ""
    data: dict = field(default_factory=dict)


@dataclass(slots=True)
class Notification:
    """A notice sent to the customer (``notify-customer``; runbook "고객 통지")."""

    template: str
    at: datetime
    by: str
    eta: str | None = None


@dataclass(slots=True)
class ApprovedTerms:
    limit: int
    rate: float | None  # None: a partial appeal that kept no rate ("조건부 승인 또는 한도 조정")
    conditions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Case:
    id: str
    decision_id: str
    priority: Priority
    status: CaseStatus
    queue_id: str
    customer: Customer
    application: Application
    decision_context: DecisionContext = field(default_factory=DecisionContext)
    sla: SlaInfo | None = None
    assignee_id: str | None = None
    escalation_level: EscalationLevel = EscalationLevel.L1
    created_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    final_decision: FinalDecision | None = None
    approved_terms: ApprovedTerms | None = None
    reason_codes: list[str] = field(default_factory=list)
    note: str = ""
    improvement_advice: str = ""
    resolution: str = ""
    documents: list[Document] = field(default_factory=list)
    docs_deadline: date | None = None
    timeline: list[TimelineEntry] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    task_ids: list[str] = field(default_factory=list)
    appeal_ids: list[str] = field(default_factory=list)
    appeal: dict | None = None  # the last appeal's outcome (server: appeals resolve)
    qa_review_id: str | None = None
    version: int = 1
    updated_at: datetime | None = None


@dataclass(slots=True)
class Task:
    id: str
    case_id: str
    type: TaskType
    status: TaskStatus
    queue_id: str
    priority: Priority
    assignee_id: str | None = None
    due_at: datetime | None = None
    completed_at: datetime | None = None
    completed_by: str | None = None
    outcome: Action | None = None
    created_at: datetime | None = None
    appeal_id: str | None = None
    qa_review_id: str | None = None
    version: int = 1
    updated_at: datetime | None = None


@dataclass(slots=True)
class Queue:
    """A work queue; ``sla_policy`` names a policy of app.rules.sla (priority, msp_emergency…)."""

    id: str
    name: str
    kind: str = "review"  # review | appeals | qa | contact
    sla_policy: str = "priority"
    skills: list[str] = field(default_factory=list)
    version: int = 1
    updated_at: datetime | None = None
