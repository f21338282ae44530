"""The runbook's four scenarios end to end through the services and the store."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.domain.enums import (
    ApprovalLevel,
    CaseStatus,
    EscalationLevel,
    OutboxStatus,
    Priority,
    Role,
    SlaState,
    TaskStatus,
)
from app.rules import sla
from app.services import case_actions, task_actions
from app.store.apply import apply_changes
from app.store.local_models import OutboxRow
from app.store.lookups import get_case, get_task, tasks_for_case
from app.store.models import CaseRow
from app.store.store import Store
from tests.reason_codes import valid_code
from tests.unit.store import builders as b

REVIEWER = b.user("reviewer1", Role.REVIEWER, level=ApprovalLevel.TEAM_LEAD)
SENIOR = b.user("senior1", Role.SENIOR_REVIEWER, level=ApprovalLevel.DEPARTMENT)
T0 = b.T0


def _seed(store: Store, case, task) -> None:
    with store.transaction() as s:
        apply_changes(s, b.page(b.queue("credit_review", "신용 심사"), case, task))


def _open_task(s, case_id: str):
    (task,) = [t for t in tasks_for_case(s, case_id) if t.status is TaskStatus.OPEN]
    return task


def _outbox(store: Store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())


def test_p0_vip_escalated_then_senior_approves(store: Store) -> None:
    c = b.case(
        "case_vip_001", priority=Priority.P0, amount=500_000_000, vip=True, assignee_id="reviewer1"
    )
    _seed(store, c, b.task("task_001", c))
    esc = task_actions.escalate(
        store,
        REVIEWER,
        "task_001",
        {
            "to": "senior_reviewer",
            "priority": "p0",
            "reason": "VIP 고객 고액 대출 (5억원), 모든 조건 우수, 정책 승인 필요",
        },
        T0 + timedelta(minutes=30),
    )
    with store.session() as s:
        case = get_case(s, "case_vip_001")
        assert case.status is CaseStatus.ESCALATED
        assert case.escalation_level is EscalationLevel.L2 and case.priority is Priority.P0
        assert case.sla.started_at == T0 + timedelta(minutes=30)  # SLA restarted
        assert s.get(CaseRow, "case_vip_001").pending_sync == 1
    done_at = T0 + timedelta(hours=1, minutes=30)
    with store.session() as s:  # the escalation completed task_001 and opened a senior task
        assert get_task(s, "task_001").status is TaskStatus.COMPLETED
        senior_task = _open_task(s, "case_vip_001")
        assert senior_task.queue_id == "senior_review" and senior_task.assignee_id is None
    ok = task_actions.approve(
        store,
        SENIOR,
        senior_task.id,
        {
            "limit": "500,000,000",
            "rate": "3.8",
            "conditions": "부동산 담보 설정",
            "note": "VIP 고객, 신용 우수, 담보 충분",
            "reason_codes": valid_code("approve", 5),
        },
        done_at,
    )
    with store.session() as s:
        case = get_case(s, "case_vip_001")
        assert case.status is CaseStatus.APPROVED
        assert case.approved_terms.limit == 500_000_000 and case.approved_terms.rate == 3.8
        assert sla.evaluate(case.sla, done_at).state is SlaState.MET
        assert get_task(s, senior_task.id).status is TaskStatus.COMPLETED
        assert [e.kind for e in case.timeline] == ["escalate", "approve"]
        assert s.get(CaseRow, "case_vip_001").pending_sync == 2
    rows = _outbox(store)
    assert [r.id for r in rows] == [esc.outbox_id, ok.outbox_id]
    assert [r.path for r in rows] == [
        "/v1/tasks/task_001/actions/escalate",
        f"/v1/tasks/{senior_task.id}/actions/approve",
    ]
    assert [r.if_match for r in rows] == [1, None]  # the new task: not on the server yet
    assert rows[0].payload["to"] == "senior_reviewer" and rows[0].payload["priority"] == "p0"
    assert rows[1].payload == {
        "limit": 500_000_000,
        "rate": 3.8,
        "conditions": ["부동산 담보 설정"],
        "note": "VIP 고객, 신용 우수, 담보 충분",
        "reason_codes": [valid_code("approve", 5)],
    }
    assert rows[1].user_input["limit"] == "500,000,000"  # the form as typed
    assert {r.status for r in rows} == {OutboxStatus.PENDING.value}
    assert len({r.idempotency_key for r in rows}) == 2


def test_p1_borderline_escalate_then_approve(store: Store) -> None:
    c = b.case("case_002", priority=Priority.P1, amount=30_000_000, assignee_id="reviewer1")
    _seed(store, c, b.task("task_002", c))
    t1 = T0 + timedelta(hours=3)
    task_actions.escalate(
        store,
        REVIEWER,
        "task_002",
        {
            "to": "senior_reviewer",
            "recommendation": "approve",
            "reason": "신용점수 598점 (기준 600), 기타 조건 우수, 예외 승인 권장",
        },
        t1,
    )
    with store.session() as s:
        case = get_case(s, "case_002")
        assert case.priority is Priority.P1  # L1→L2 keeps the priority's SLA, restarted
        assert case.sla.due_at == t1 + timedelta(hours=24)
        row = s.get(CaseRow, "case_002")
        assert row.due_at == case.sla.due_at and row.status == "escalated"
    t2 = T0 + timedelta(hours=18)
    with store.session() as s:
        senior_task = _open_task(s, "case_002")
    task_actions.approve(
        store,
        SENIOR,
        senior_task.id,
        {
            "limit": 30_000_000,
            "rate": 5.5,
            "reason_codes": [valid_code("approve", 5)],
            "note": "정책 예외 적용: 신용점수 598점이나 기타 조건 우수, 리스크 낮음",
        },
        t2,
    )
    with store.session() as s:
        case = get_case(s, "case_002")
        assert case.status is CaseStatus.APPROVED and case.decided_by == "senior1"
        assert sla.evaluate(case.sla, t2).state is SlaState.MET
        assert case.sla.breached_at is None
    rows = _outbox(store)
    assert [r.intent for r in rows] == ["task.escalate", "task.approve"]
    assert rows[1].payload["limit"] == 30_000_000 and rows[1].payload["rate"] == 5.5
    assert rows[1].payload["conditions"] == []


def test_p2_request_docs_pauses_and_docs_received_resumes(store: Store) -> None:
    c = b.case("case_003", priority=Priority.P2, amount=20_000_000, assignee_id="reviewer1")
    _seed(store, c, b.task("task_003", c))
    t1 = T0 + timedelta(hours=1)
    task_actions.request_docs(
        store,
        REVIEWER,
        "task_003",
        {
            "docs": "소득금액증명원(최근2년),사업자등록증,부가가치세신고서",
            "deadline": (t1 + timedelta(days=5)).date().isoformat(),
            "note": "자영업자 소득 확인을 위해 추가 서류 필요",
        },
        t1,
    )
    with store.session() as s:
        case = get_case(s, "case_003")
        assert case.status is CaseStatus.AWAITING_DOCS
        assert case.sla.paused_since == t1
        assert [d.name for d in case.documents] == [
            "소득금액증명원(최근2년)",
            "사업자등록증",
            "부가가치세신고서",
        ]
        assert sla.evaluate(case.sla, t1 + timedelta(days=3)).state is SlaState.PAUSED
        assert s.get(CaseRow, "case_003").paused_since == t1
    t2 = t1 + timedelta(days=5)
    case_actions.docs_received(store, REVIEWER, "case_003", {}, t2)
    with store.session() as s:
        case = get_case(s, "case_003")
        assert case.status is CaseStatus.PENDING and case.sla.paused_since is None
        assert case.sla.due_at == c.sla.due_at + timedelta(days=5)  # the wait does not count
        assert all(d.received_at == t2 for d in case.documents)
    t3 = t2 + timedelta(hours=1)
    task_actions.approve(
        store,
        REVIEWER,
        "task_003",
        {
            "limit": 20_000_000,
            "rate": 6.5,
            "note": "소득 증빙 확인 완료, 승인",
            "reason_codes": [valid_code("approve", 0)],
        },
        t3,
    )
    with store.session() as s:
        case = get_case(s, "case_003")
        assert case.status is CaseStatus.APPROVED
        view = sla.evaluate(case.sla, t3)
        assert view.state is SlaState.MET and case.sla.breached_at is None
    rows = _outbox(store)
    assert [(r.path, r.if_match) for r in rows] == [
        ("/v1/tasks/task_003/actions/request_docs", 1),
        ("/v1/cases/case_003/docs-received", 1),
        ("/v1/tasks/task_003/actions/approve", 1),
    ]
    assert rows[0].payload["docs"] == [
        "소득금액증명원(최근2년)",
        "사업자등록증",
        "부가가치세신고서",
    ]
    assert rows[0].payload["deadline"] == (t1 + timedelta(days=5)).date().isoformat()


def test_p3_inquiry_closed_with_info_provided(store: Store) -> None:
    c = b.case(
        "case_004",
        priority=Priority.P3,
        queue_id="customer_service",
        amount=0,
        assignee_id="reviewer1",
    )
    _seed(store, c, b.task("task_004", c))
    t1 = T0 + timedelta(hours=20)
    # "템플릿 사용 … 자동 한도 계산 링크 제공": the notice; closing needs it (종료 조건)
    case_actions.notify_customer(store, REVIEWER, "case_004", {"template": "limit_info"}, t1)
    res = case_actions.close(
        store,
        REVIEWER,
        "case_004",
        {"resolution": "한도 안내 완료", "final_decision": "info_provided"},
        t1,
    )
    with store.session() as s:
        case = get_case(s, "case_004")
        assert case.status is CaseStatus.CLOSED and case.resolution == "한도 안내 완료"
        assert sla.evaluate(case.sla, t1).state is SlaState.MET
        assert get_task(s, "task_004").status is TaskStatus.COMPLETED
    _notice, row = _outbox(store)
    assert row.id == res.outbox_id and res.case_id == "case_004"
    assert (row.method, row.path, row.if_match) == ("POST", "/v1/cases/case_004/close", 1)
    assert row.payload == {"resolution": "한도 안내 완료", "final_decision": "info_provided"}
