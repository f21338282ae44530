"""Reading the decision page's data from the local store (synced by the change feed): the
execution, its approval request (the ``approval`` entity, which carries this user's pending
optimistic change), and the signed-in user's approval level. No Qt, no network."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.domain.decisions import (
    ApprovalRequest,
    DecisionExecution,
    DecisionLog,
    WorkflowExecution,
    WorkflowStatus,
)
from app.domain.enums import ApprovalLevel, EntityKind
from app.domain.people import User
from app.domain.wire import from_wire
from app.rules import approvals
from app.store.local_models import OutboxRow
from app.store.lookups import get_data, get_user
from app.store.models import ApprovalRow
from app.store.store import Store

OPEN = ("PENDING", "ESCALATED")
ACTIVE_OUTBOX = ("pending", "inflight")


@dataclass
class DecisionView:
    decision: DecisionExecution
    request: ApprovalRequest | None
    execution: WorkflowExecution  # as it will be once the approval is final (resumed)
    log: DecisionLog | None  # the server's log, else a local preview once final
    log_is_local: bool
    pending_sync: int  # outbox rows of this approval not yet accepted by the server


class DecisionSource:
    def __init__(self, store: Store) -> None:
        self.store = store

    def first_pending(self) -> str | None:
        """The execution id of the oldest open approval request."""
        with self.store.session() as s:
            stmt = (
                select(ApprovalRow.execution_id)
                .where(ApprovalRow.status.in_(OPEN), ApprovalRow.execution_id != "")
                .order_by(ApprovalRow.updated_at, ApprovalRow.id)
                .limit(1)
            )
            return s.execute(stmt).scalar_one_or_none()

    def user(self, user_id: str, fallback: User) -> User:
        with self.store.session() as s:
            return get_user(s, user_id) or fallback

    def approval_level(self, user_id: str) -> ApprovalLevel | None:
        with self.store.session() as s:
            user = get_user(s, user_id)
        return user.approval_level if user else None

    def load(self, execution_id: str, now: datetime) -> DecisionView | None:
        with self.store.session() as s:
            data = get_data(s, EntityKind.DECISION, execution_id)
            if data is None:
                return None
            decision = from_wire(DecisionExecution, data)
            request = decision.approval_request
            if request is not None:
                stored = get_data(s, EntityKind.APPROVAL, request.request_id)
                if stored is not None:
                    request = from_wire(ApprovalRequest, stored)
                pending = len(
                    s.execute(
                        select(OutboxRow.id).where(
                            OutboxRow.entity_kind == EntityKind.APPROVAL.value,
                            OutboxRow.entity_id == request.request_id,
                            OutboxRow.status.in_(ACTIVE_OUTBOX),
                        )
                    ).all()
                )
            else:
                pending = 0
        decision = dataclasses.replace(decision, approval_request=request)
        execution = decision.execution
        log, local = None, False
        if data.get("decision_log"):
            log = from_wire(DecisionLog, data["decision_log"])
        if request is not None:
            if execution.status is WorkflowStatus.PAUSED_FOR_HITL:
                execution = approvals.resume_execution(execution, request, now)
            if log is None and approvals.is_final(request.status):
                log = approvals.build_decision_log(decision, "local", now)
                local = True
        return DecisionView(decision, request, execution, log, local, pending)
