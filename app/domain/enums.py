"""The vocabulary of the seeds as string enums; values are exactly what travels on the wire."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    REVIEWER = "reviewer"
    SENIOR_REVIEWER = "senior_reviewer"
    QA = "qa"
    OPS_ADMIN = "ops_admin"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"


class Priority(StrEnum):
    """Runbook priorities; SLA 4 / 24 / 48 / 72 hours (app.rules.sla)."""

    P0 = "p0"
    P1 = "p1"
    P2 = "p2"
    P3 = "p3"

    @property
    def rank(self) -> int:
        return int(self.value[1])


class CaseStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    AWAITING_DOCS = "awaiting_docs"
    ESCALATED = "escalated"
    APPROVED = "approved"
    REJECTED = "rejected"
    CLOSED = "closed"
    ARCHIVED = "archived"


class TaskStatus(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TaskType(StrEnum):
    REVIEW = "review"
    APPEAL_REVIEW = "appeal_review"
    QA_REVIEW = "qa_review"


class Action(StrEnum):
    """Everything a user can do that the rules and the access matrix know about."""

    APPROVE = "approve"
    DENY = "deny"
    REQUEST_DOCS = "request_docs"
    ESCALATE = "escalate"
    COMMENT = "comment"
    CLOSE = "close"
    DOCS_RECEIVED = "docs_received"
    ASSIGN = "assign"
    REASSIGN = "reassign"
    OPEN_CASE = "open_case"
    NOTIFY_CUSTOMER = "notify_customer"
    NEXT_TASK = "next_task"
    VIEW = "view"
    UNMASK = "unmask"
    SUBMIT_APPEAL = "submit_appeal"
    RESOLVE_APPEAL = "resolve_appeal"
    QA_SAMPLE = "qa_sample"
    QA_REVIEW = "qa_review"
    CHECKPOINT_FEEDBACK = "checkpoint_feedback"
    APPROVAL_RESPONSE = "approval_response"
    APPROVAL_ESCALATE = "approval_escalate"
    DECISION_ASK = "decision_ask"  # POST /decisions (seed 002 question)
    AFTER_CALL_WORK = "after_call_work"
    FLAG_CALL = "flag_call"
    VIEW_AUDIT = "view_audit"
    VIEW_OPS = "view_ops"


TASK_ACTIONS = (Action.APPROVE, Action.DENY, Action.REQUEST_DOCS, Action.ESCALATE, Action.COMMENT)


class EscalationTarget(StrEnum):
    SENIOR_REVIEWER = "senior_reviewer"
    OPS_ADMIN = "ops_admin"


class EscalationLevel(StrEnum):
    L1 = "L1"  # reviewer
    L2 = "L2"  # senior_reviewer
    L3 = "L3"  # ops_admin


class FinalDecision(StrEnum):
    APPROVE = "approve"
    DENY = "deny"
    INFO_PROVIDED = "info_provided"


class AppealStatus(StrEnum):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    RESOLVED = "resolved"


class AppealResolution(StrEnum):
    UPHOLD = "uphold"
    OVERTURN = "overturn"
    PARTIAL = "partial"


class QABand(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    NEEDS_IMPROVEMENT = "needs_improvement"
    POOR = "poor"


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    WARNING = "warning"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"


class ApprovalLevel(StrEnum):
    """Seed 002 approval levels, lowest first."""

    TEAM_LEAD = "TEAM_LEAD"
    DEPARTMENT = "DEPARTMENT"
    DIVISION = "DIVISION"
    EXECUTIVE = "EXECUTIVE"

    @property
    def rank(self) -> int:
        return list(ApprovalLevel).index(self)


class ApprovalStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    MODIFIED = "MODIFIED"
    ESCALATED = "ESCALATED"
    TIMEOUT = "TIMEOUT"
    EXPIRED = "EXPIRED"  # the seed's name for a request past its 24 h timeout


class DecisionType(StrEnum):
    CAPACITY = "CAPACITY"
    GO_NOGO = "GO_NOGO"
    HEADCOUNT = "HEADCOUNT"
    COMPETENCY_GAP = "COMPETENCY_GAP"


class OptionType(StrEnum):
    CONSERVATIVE = "CONSERVATIVE"
    BALANCED = "BALANCED"
    AGGRESSIVE = "AGGRESSIVE"


class Level3(StrEnum):
    """LOW / MEDIUM / HIGH as used for risk, severity and confidence in seed 002."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class ChangeDirection(StrEnum):
    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"
    NEUTRAL = "NEUTRAL"


class ClaimStatus(StrEnum):
    VERIFIED = "VERIFIED"
    PARTIAL = "PARTIAL"
    UNVERIFIED = "UNVERIFIED"
    ASSUMPTION = "ASSUMPTION"


class CheckpointMode(StrEnum):
    SCHEDULED = "scheduled"
    EVENT = "event"


class CheckpointStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    SKIPPED = "skipped"
    ESCALATED = "escalated"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class SignalValidity(StrEnum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    NEEDS_MORE_DATA = "needs_more_data"


class PriorityOverride(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ProposalDecisionKind(StrEnum):
    APPROVE = "approve"
    MODIFY = "modify"
    REJECT = "reject"


class CallFlow(StrEnum):
    MSP = "msp"
    GENERAL = "general"
    AFTER_HOURS = "after_hours"
    EMERGENCY = "emergency"


class CallState(StrEnum):
    RINGING = "ringing"
    CONNECTED = "connected"
    ACW = "acw"
    ENDED = "ended"


class ParticipantRole(StrEnum):
    AGENT = "AGENT"
    CUSTOMER = "CUSTOMER"


class Sentiment(StrEnum):
    POSITIVE = "POSITIVE"
    NEUTRAL = "NEUTRAL"
    NEGATIVE = "NEGATIVE"


class RelevanceLevel(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


class TriggerSource(StrEnum):
    ISSUE_DETECTION = "ISSUE_DETECTION"
    RULE_EVALUATION = "RULE_EVALUATION"
    OTHER = "OTHER"


class CustomerTier(StrEnum):
    MSP = "msp"
    GENERAL = "general"
    UNREGISTERED = "unregistered"
    VIP = "vip"


class EntityKind(StrEnum):
    """Entity names of the change feed (shared/API.md)."""

    USER = "user"
    QUEUE = "queue"
    CASE = "case"
    TASK = "task"
    APPEAL = "appeal"
    CHECKPOINT = "checkpoint"
    DECISION = "decision"
    APPROVAL = "approval"
    CALL = "call"
    KNOWLEDGE_ARTICLE = "knowledge_article"
    QA_REVIEW = "qa_review"
    GENERATED = "generated"  # seed 003 generated content (docs/API-EXTENSIONS.md)


class ChangeOp(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    INFLIGHT = "inflight"
    APPLIED = "applied"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    DISCARDED = "discarded"


class AlertKind(StrEnum):
    SLA_WARNING = "sla_warning"
    SLA_BREACH = "sla_breach"
    CRITICAL_SIGNAL = "critical_signal"
    NEGATIVE_SENTIMENT = "negative_sentiment"
    P0_ARRIVAL = "p0_arrival"
    DOCS_OVERDUE = "docs_overdue"
    CHECKPOINT_HALTED = "checkpoint_halted"
    APPROVAL_EXPIRED = "approval_expired"
    CALL_QUEUE_BREACH = "call_queue_breach"
    CALLBACK_DUE = "callback_due"
