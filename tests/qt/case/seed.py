"""A real store file for the case, appeals, QA and Sync problems pages: a handful of cases in
every state that matters, built with tests/unit/store/builders.py and applied as a pulled page."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from app.domain.cases import ApprovedTerms, DecisionContext, Document, TimelineEntry
from app.domain.enums import CaseStatus, FinalDecision, Priority, Role, TaskStatus
from app.domain.people import QAReview
from app.store.apply import apply_changes
from app.store.store import Store
from tests.qt.data import NOW
from tests.unit.store import builders as b

USERS = {
    "reviewer1": [Role.REVIEWER],
    "reviewer2": [Role.REVIEWER],
    "senior1": [Role.SENIOR_REVIEWER],
    "senior2": [Role.SENIOR_REVIEWER],
    "agent1": [Role.AGENT],
    "qa1": [Role.QA],
    "admin1": [Role.OPS_ADMIN],
    "auditor1": [Role.AUDITOR],
}
OPEN_CASE = "C-100"  # pending, reviewer1's open task T-100
DOCS_CASE = "C-101"  # awaiting documents
REJECTED = "C-102"  # rejected by reviewer1 three days ago: appealable
LATE = "C-103"  # rejected 40 days ago: the appeal window has closed
BIG = "C-104"  # 1.5억원: above a reviewer's authority
SENIOR_DECIDED = "C-105"  # rejected by senior1, appealed


def _decided(case_id: str, status: CaseStatus, by: str, days: float, **extra):
    decision = FinalDecision.APPROVE if status is CaseStatus.APPROVED else FinalDecision.DENY
    return b.case(
        case_id,
        status=status,
        decided_by=by,
        decided_at=NOW - timedelta(days=days),
        final_decision=decision,
        reason_codes=["R-01"],
        note="심사 의견",
        **extra,
    )


def changes() -> list[dict]:
    main = b.case(OPEN_CASE, assignee_id="reviewer1", amount=30_000_000)
    main = replace(
        main,
        decision_context=DecisionContext(
            automatic_decision="refer",
            score=0.52,
            reason_codes=["REF-001", "DTI-HIGH"],
            model_version="credit-v3.2",
            policy_version="policy-2026.10",
        ),
        documents=[Document("재직증명서", requested_at=NOW - timedelta(days=1))],
        timeline=[
            TimelineEntry(NOW - timedelta(hours=3), "system", "system", "자동 심사: 보류"),
            TimelineEntry(NOW - timedelta(hours=1), "reviewer1", "comment", "소득 확인 중"),
        ],
    )
    main.customer.phone = "010-1234-5678"
    main.customer.resident_id = "900101-1234567"
    main.application.credit_score = 712
    main.application.annual_income = 54_000_000
    main.application.dti_percent = 38.5
    main.application.employment = "정규직"
    docs = b.case(DOCS_CASE, status=CaseStatus.AWAITING_DOCS, assignee_id="reviewer1")
    rejected = _decided(REJECTED, CaseStatus.REJECTED, "reviewer1", 3)
    late = _decided(LATE, CaseStatus.REJECTED, "reviewer1", 40)
    big = b.case(BIG, assignee_id="reviewer1", amount=150_000_000, priority=Priority.P1)
    senior_decided = _decided(SENIOR_DECIDED, CaseStatus.REJECTED, "senior1", 2)
    approved = [
        _decided(
            f"C-2{i:02d}",
            CaseStatus.APPROVED,
            "reviewer2" if i % 2 else "reviewer1",
            1 + i % 5,
            approved_terms=ApprovedTerms(20_000_000, 5.5),
        )
        for i in range(30)
    ]
    objs: list = [b.queue("credit_review", "여신 심사"), b.queue("senior_review", "선임 검토")]
    objs += [b.user(uid, *roles) for uid, roles in USERS.items()]
    objs += [main, docs, rejected, late, big, senior_decided, *approved]
    objs += [
        b.task("T-100", main),
        b.task("T-101", docs),
        b.task("T-102", rejected, status=TaskStatus.COMPLETED),
        b.task("T-104", big),
    ]
    objs += [
        b.appeal("A-1", rejected, original_decider_id="reviewer1", submitted_by="agent1"),
        b.appeal("A-2", senior_decided, original_decider_id="senior1", submitted_by="agent1"),
    ]
    done = [
        QAReview(
            id=f"Q-{i}",
            case_id=approved[i].id,
            reviewer_id="qa1",
            reviewed_user_id=approved[i].decided_by,
            scores=dict.fromkeys(("procedure", "judgement", "documentation"), 18.0)
            | {"timeliness": 17.0 + i, "communication": 16.0},
            total=87.0 + i,
            band=None,
            status="done",
            created_at=NOW - timedelta(days=1),
        )
        for i in range(3)
    ]
    objs += done
    objs.append(b.qa_review("Q-9", approved[5]))
    return b.page(*objs)


def build(path: Path) -> Store:
    store = Store.open(path)
    with store.transaction() as session:
        apply_changes(session, changes())
    return store
