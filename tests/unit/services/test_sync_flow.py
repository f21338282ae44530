"""What the sync engine records, and the Sync problems list."""

from __future__ import annotations

from datetime import timedelta

from app.domain.enums import CaseStatus, OutboxStatus, Priority, Role
from app.domain.wire import to_wire
from app.services import appeal_actions, problems, task_actions
from app.store.apply import apply_changes
from app.store.lookups import appeals_for_case, get_case, get_task, tasks_for_case
from app.store.models import CaseRow
from app.store.outbox import (
    get_row,
    mark_applied,
    mark_failed,
    mark_inflight,
    mark_retry,
    outbox_pending,
    outbox_problems,
)
from app.store.store import Store
from tests.reason_codes import APPROVE_CODE
from tests.unit.store import builders as b

REVIEWER = b.user("reviewer1", Role.REVIEWER)
SENIOR = b.user("senior1", Role.SENIOR_REVIEWER)
SENIOR2 = b.user("senior2", Role.SENIOR_REVIEWER)
T1 = b.T0 + timedelta(hours=1)
APPROVE = {"limit": 20_000_000, "rate": 6.5, "note": "승인", "reason_codes": [APPROVE_CODE]}
ESCALATE = {"to": "senior_reviewer", "reason": "정책 예외 검토 필요"}


def _seed(store: Store, **kw) -> None:
    c = b.case("case_1", priority=Priority.P1, assignee_id="reviewer1", **kw)
    with store.transaction() as s:
        apply_changes(s, b.page(b.queue("credit_review", "신용 심사"), c, b.task("task_1", c)))


def test_pending_inflight_retry_applied_and_if_match_rebase(store: Store) -> None:
    _seed(store)
    # two rows on one task (an escalation now completes the task and opens another, so the
    # second row is the assignee's approval after a comment)
    esc = task_actions.comment(store, REVIEWER, "task_1", {"body": "고객 통화 완료"}, T1)
    ok = task_actions.approve(store, REVIEWER, "task_1", APPROVE, T1 + timedelta(minutes=5))
    with store.transaction() as s:
        assert [r.id for r in outbox_pending(s, T1)] == [esc.outbox_id, ok.outbox_id]
        mark_inflight(s, esc.outbox_id, T1)
        mark_retry(s, esc.outbox_id, T1, T1 + timedelta(seconds=30), {"status": 503})
        assert [r.id for r in outbox_pending(s, T1)] == [ok.outbox_id]
        due = outbox_pending(s, T1 + timedelta(minutes=1))
        assert due[0].id == esc.outbox_id
        row = mark_inflight(s, esc.outbox_id, T1 + timedelta(minutes=1))
        assert row.attempts == 2
        server_task = to_wire(get_task(s, "task_1"))
        server_case = to_wire(get_case(s, "case_1"))
        server_task["version"], server_case["version"] = 2, 2
        mark_applied(s, esc.outbox_id, {"data": server_task, "related": [server_case]}, T1)
    with store.session() as s:
        assert get_row(s, esc.outbox_id).status == "applied"
        assert get_row(s, ok.outbox_id).if_match == 2  # rebased on the server's new version
        row = s.get(CaseRow, "case_1")
        assert (row.version, row.pending_sync, row.server_data) == (2, 1, None)


def test_rejection_without_current_undoes_the_optimistic_change(store: Store) -> None:
    _seed(store)
    res = task_actions.approve(store, REVIEWER, "task_1", APPROVE, T1)
    problem = {"status": 403, "code": "forbidden", "title": "Forbidden"}
    with store.transaction() as s:
        mark_inflight(s, res.outbox_id, T1)
        mark_failed(s, res.outbox_id, OutboxStatus.REJECTED, problem, None, T1)
    with store.session() as s:
        case = get_case(s, "case_1")
        assert case.status is CaseStatus.PENDING and case.timeline == []
        assert get_task(s, "task_1").status.value == "assigned"
        assert s.get(CaseRow, "case_1").pending_sync == 0
        (row,) = outbox_problems(s)
        assert row.problem == problem and row.user_input == APPROVE


def test_conflict_with_current_takes_the_server_state(store: Store) -> None:
    _seed(store)
    res = task_actions.comment(store, REVIEWER, "task_1", {"body": "메모"}, T1)
    with store.session() as s:
        current = to_wire(get_task(s, "task_1"))
    current.update(version=5, status="completed", completed_by="reviewer2")
    with store.transaction() as s:
        mark_failed(s, res.outbox_id, OutboxStatus.CONFLICT, {"status": 409}, current, T1)
    with store.session() as s:
        assert get_task(s, "task_1").completed_by == "reviewer2"
        assert get_case(s, "case_1").timeline == []  # the case's optimistic note undone


def test_discard_is_audited_and_retry_runs_again_with_a_new_key(store: Store) -> None:
    _seed(store)
    res = task_actions.comment(store, REVIEWER, "task_1", {"body": "고객 통화 완료"}, T1)
    with store.transaction() as s:
        mark_failed(s, res.outbox_id, OutboxStatus.REJECTED, {"status": 422}, None, T1)
    draft = problems.copy_to_draft(store, res.outbox_id)
    assert draft.user_input == {"body": "고객 통화 완료"}
    assert problems.get_draft(store, "task.comment", "task_1") == {"body": "고객 통화 완료"}
    again = problems.retry_as_new(store, REVIEWER, res.outbox_id, T1 + timedelta(minutes=1))
    assert again.idempotency_key != res.idempotency_key
    with store.session() as s:
        assert get_row(s, res.outbox_id).status == "discarded"
        assert get_row(s, again.outbox_id).payload == {"body": "고객 통화 완료"}
        kinds = [e.kind for e in get_case(s, "case_1").timeline]
        assert kinds == ["sync_retried", "comment"]
    problems.discard(store, REVIEWER, again.outbox_id, T1 + timedelta(minutes=2))
    with store.session() as s:
        case = get_case(s, "case_1")
        assert [e.kind for e in case.timeline][-1] == "sync_discarded"
        assert case.timeline[-1].data["user_input"] == {"body": "고객 통화 완료"}
        assert s.get(CaseRow, "case_1").pending_sync == 0


def test_appeal_submitted_then_resolved_by_another_senior(store: Store) -> None:
    _seed(store)
    task_actions.escalate(store, REVIEWER, "task_1", ESCALATE, T1)
    with store.session() as s:  # the escalation opened a task in the senior queue
        (senior_task,) = [t for t in tasks_for_case(s, "case_1") if t.status.value == "open"]
    task_actions.deny(
        store,
        SENIOR,
        senior_task.id,
        {
            "reason_codes": ["CREDIT-DENY-SCORE-001"],
            "note": "신용점수 부족",
            "improvement_advice": "6개월 후 재신청 권장",
        },
        T1,
    )
    sub = appeal_actions.submit_appeal(
        store,
        REVIEWER,
        "case_1",
        {"reason": "추가 소득 증빙 제출", "evidence": "원천징수영수증"},
        T1 + timedelta(days=3),
    )
    with store.session() as s:
        (appeal,) = appeals_for_case(s, "case_1")
        assert appeal.id.startswith("local-") and appeal.original_decider_id == "senior1"
        row = get_row(s, sub.outbox_id)
        assert (row.path, row.if_match) == ("/v1/appeals", None)
        assert row.payload == {
            "case_id": "case_1",
            "reason": "추가 소득 증빙 제출",
            "evidence": ["원천징수영수증"],
        }
    server = {**to_wire(appeal), "id": "appeal_9", "version": 1}
    with store.transaction() as s:
        mark_applied(s, sub.outbox_id, {"data": server}, T1)
    form = {
        "resolution": "overturn",
        "message": "승인 기준 충족",
        "new_decision": "approve",
        "limit": 25_000_000,
        "rate": 6.0,
    }
    try:
        appeal_actions.resolve_appeal(store, SENIOR, "appeal_9", form, T1 + timedelta(days=4))
        raise AssertionError("the original decider resolved the appeal")
    except Exception as exc:
        assert getattr(exc, "code", "") == "appeal_not_independent"
    res = appeal_actions.resolve_appeal(store, SENIOR2, "appeal_9", form, T1 + timedelta(days=4))
    with store.session() as s:
        (appeal,) = appeals_for_case(s, "case_1")
        assert appeal.id == "appeal_9" and appeal.status.value == "resolved"
        row = get_row(s, res.outbox_id)
        assert (row.path, row.if_match) == ("/v1/appeals/appeal_9/resolve", 1)
        assert row.payload["limit"] == 25_000_000
