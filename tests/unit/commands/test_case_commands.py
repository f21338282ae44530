"""Guards and effects of the case intents (close, docs_received, notify_customer, assign),
``/ops/reassign`` and ``/tasks/next``, with the runbook's close conditions."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from app.commands import COMMANDS, run
from app.commands.base import QueueWork, UserWork
from app.commands.close import CloseRefused
from app.domain.cases import Notification
from app.domain.enums import (
    Action,
    CaseStatus,
    EscalationLevel,
    FinalDecision,
    Priority,
    SlaState,
    TaskStatus,
    TaskType,
)
from app.rules import sla
from app.rules.errors import Forbidden, InvalidTransition, ValidationFailed
from tests.reason_codes import APPROVE_CODE
from tests.unit.commands.state import (
    ADMIN,
    NOW,
    REVIEWER1,
    REVIEWER2,
    REVIEWER_SENIOR_SKILL,
    SENIOR1,
    state,
)
from tests.unit.store import builders as b

APPROVE = {"limit": 30_000_000, "rate": 4.5, "note": "소득 확인", "reason_codes": [APPROVE_CODE]}
CLOSE = {"resolution": "승인 완료, 계약 진행 중", "final_decision": "approve"}
LATER = NOW + timedelta(hours=1)


def go(name: str, st, data, actor, now=NOW):
    return run(COMMANDS[name], st, data, actor, now)


def approved_state(*, notified: bool):
    """A case approved by its assignee (task completed), notified or not."""
    st = state()
    result = go("approve", st, APPROVE, REVIEWER1)
    st.case, st.task = result.cases[0], result.primary
    st.tasks = [st.task]
    if notified:
        st.case.notifications.append(Notification("approval_notice", NOW, "u_reviewer1"))
    return st


# --- close: "종료 조건: 최종 결정 완료, 고객 통지 완료, 모든 Task 완료" ---


def test_close_without_a_decision_is_refused() -> None:
    st = state()
    st.case.notifications.append(Notification("notice", NOW, "u_reviewer1"))
    with pytest.raises(CloseRefused) as info:
        go("close", st, CLOSE, REVIEWER1)
    assert info.value.code == "invalid_transition" and info.value.status == 422
    assert "최종 결정" in info.value.ko and "no final decision" in info.value.en


def test_close_without_a_customer_notice_is_refused() -> None:
    with pytest.raises(CloseRefused, match="not been notified"):
        go("close", approved_state(notified=False), CLOSE, REVIEWER1, LATER)


def test_a_notice_sent_before_the_decision_does_not_count() -> None:
    st = approved_state(notified=False)
    st.case.notifications.append(Notification("docs_request", NOW - timedelta(hours=1), "x"))
    with pytest.raises(CloseRefused, match="notified"):
        go("close", st, CLOSE, REVIEWER1, LATER)


def test_close_with_an_open_task_is_refused() -> None:
    st = approved_state(notified=True)
    appeal_task = b.task("T-2", st.case, status=TaskStatus.OPEN)
    appeal_task.type = TaskType.APPEAL_REVIEW
    st.tasks.append(appeal_task)
    with pytest.raises(CloseRefused, match="T-2"):
        go("close", st, CLOSE, REVIEWER1, LATER)


def test_close_with_another_decision_than_the_one_made_is_refused() -> None:
    st = approved_state(notified=True)
    with pytest.raises(CloseRefused, match="'approve', not 'deny'"):
        go("close", st, {**CLOSE, "final_decision": "deny"}, REVIEWER1, LATER)
    with pytest.raises(CloseRefused):
        go("close", st, {**CLOSE, "final_decision": "info_provided"}, REVIEWER1, LATER)


def test_close_when_decided_notified_and_every_task_complete() -> None:
    st = approved_state(notified=True)
    result = go("close", st, CLOSE, REVIEWER1, LATER)
    (case,) = result.cases
    assert case.status is CaseStatus.CLOSED and case.resolution == CLOSE["resolution"]
    assert case.final_decision is FinalDecision.APPROVE and case.decided_at == NOW  # kept
    assert result.tasks == []  # nothing left to complete or cancel


def test_the_inquiry_path_closes_with_info_provided_and_completes_its_review_task() -> None:
    st = state(queue="customer_service", priority=Priority.P3, amount=1)
    info = {"resolution": "한도 안내 완료", "final_decision": "info_provided"}
    with pytest.raises(CloseRefused, match="notified"):
        go("close", st, info, REVIEWER1)
    st.case.notifications.append(Notification("limit_info", NOW, "u_reviewer1"))
    result = go("close", st, info, REVIEWER1)
    (case,) = result.cases
    assert case.final_decision is FinalDecision.INFO_PROVIDED and case.status is CaseStatus.CLOSED
    assert sla.evaluate(case.sla, NOW).state is SlaState.MET
    (task,) = result.tasks
    assert task.status is TaskStatus.COMPLETED and task.outcome is Action.CLOSE


def test_close_checks_the_case_object_and_the_authority() -> None:
    st = approved_state(notified=True)
    with pytest.raises(Forbidden, match="assigned to u_reviewer1"):
        go("close", st, CLOSE, REVIEWER2, LATER)
    go("close", st, CLOSE, ADMIN, LATER)  # the ops desk may close any case
    big = approved_state(notified=True)
    big.case.application.amount = 150_000_000
    with pytest.raises(Forbidden, match="authority"):
        go("close", big, CLOSE, REVIEWER1, LATER)


# --- docs received / notify / assign -------------------------------------------------------


def test_docs_received_resumes_the_clock_and_marks_the_documents() -> None:
    st = state()
    asked = go(
        "request_docs",
        st,
        {"docs": ["재직증명서", "통장사본"], "deadline": "2026-11-30", "note": "소득"},
        REVIEWER1,
    )
    st.case = asked.cases[0]
    result = go("docs_received", st, {"docs": ["재직증명서"]}, REVIEWER1, LATER)
    (case,) = result.cases
    assert case.status is CaseStatus.PENDING and case.sla.paused_since is None
    assert case.sla.due_at == st.case.sla.due_at + timedelta(hours=1)
    assert [d.received_at for d in case.documents] == [LATER, None]
    with pytest.raises(InvalidTransition):
        go("docs_received", state(), {}, REVIEWER1)


def test_notify_customer_records_the_notice() -> None:
    result = go("notify_customer", state(), {"template": "sla_breach_apology", "eta": "+2h"}, ADMIN)
    (case,) = result.cases
    assert case.notifications == [Notification("sla_breach_apology", NOW, "u_admin1", "+2h")]
    assert [e.kind for e in case.timeline] == ["notify_customer"]
    with pytest.raises(Forbidden):
        go("notify_customer", state(), {"template": "x"}, REVIEWER2)


def test_assign_is_ops_admins_and_moves_the_open_review_task() -> None:
    st = state(assignee=None, status=CaseStatus.OPEN)
    st.known_users = frozenset({"u_reviewer2"})
    result = go("assign", st, {"to": "u_reviewer2"}, ADMIN)
    (case,) = result.cases
    assert case.assignee_id == "u_reviewer2" and case.status is CaseStatus.PENDING
    (task,) = result.tasks
    assert (task.assignee_id, task.status) == ("u_reviewer2", TaskStatus.ASSIGNED)
    with pytest.raises(ValidationFailed) as info:
        go("assign", st, {"to": "ghost"}, ADMIN)
    assert "to" in info.value.errors
    with pytest.raises(Forbidden):
        go("assign", st, {"to": "u_reviewer2"}, REVIEWER1)


# --- reassign and tasks/next ---------------------------------------------------------------


def test_reassign_moves_every_open_task_and_the_cases_it_holds() -> None:
    one, two = state(), state()
    two.case.id = two.task.case_id = "C-2"
    two.task.id = "T-2"
    done = state(task_status=TaskStatus.COMPLETED)
    done.task.id = "T-3"
    work = UserWork(
        [one.task, two.task, done.task],
        {"C-1": one.case, "C-2": two.case},
        frozenset({"u_reviewer1", "u_reviewer2"}),
    )
    before = copy.deepcopy(work)
    result = run(
        COMMANDS["reassign"], work, {"from": "u_reviewer1", "to": "u_reviewer2"}, ADMIN, NOW
    )
    assert work == before
    assert result.primary == {"from": "u_reviewer1", "to": "u_reviewer2", "moved_tasks": 2}
    assert {t.id for t in result.tasks} == {"T-1", "T-2"}
    assert all(c.assignee_id == "u_reviewer2" for c in result.cases)
    with pytest.raises(ValidationFailed):
        run(COMMANDS["reassign"], work, {"from": "u_reviewer1", "to": "u_reviewer1"}, ADMIN, NOW)
    with pytest.raises(ValidationFailed):
        run(COMMANDS["reassign"], work, {"from": "u_reviewer1", "to": "ghost"}, ADMIN, NOW)
    with pytest.raises(Forbidden):
        run(COMMANDS["reassign"], work, {"from": "u_reviewer1", "to": "u_reviewer2"}, SENIOR1, NOW)


def _queue(*states) -> QueueWork:
    return QueueWork(
        "credit_review",
        [s.task for s in states],
        {s.case.id: s.case for s in states},
    )


def _open(case_id: str, priority: Priority, **kw):
    st = state(assignee=None, status=CaseStatus.OPEN, priority=priority, **kw)
    st.case.id = st.task.case_id = case_id
    st.task.id = f"T-{case_id}"
    return st


def test_next_task_takes_the_most_urgent_one_the_caller_may_act_on() -> None:
    low, urgent = _open("A", Priority.P3), _open("B", Priority.P0)
    result = run(
        COMMANDS["next_task"], _queue(low, urgent), {"queue_id": "credit_review"}, REVIEWER2, NOW
    )
    assert result.primary.id == "T-B" and result.primary.assignee_id == "u_reviewer2"
    (case,) = result.cases
    assert case.status is CaseStatus.PENDING and case.assignee_id == "u_reviewer2"
    # an escalated task in the queue is only for its role
    esc = _open("C", Priority.P0, level=EscalationLevel.L2)
    only = run(
        COMMANDS["next_task"],
        _queue(esc),
        {"queue_id": "credit_review"},
        REVIEWER_SENIOR_SKILL,
        NOW,
    )
    assert only.primary is None
    with pytest.raises(Forbidden, match="skill"):
        run(COMMANDS["next_task"], _queue(low), {"queue_id": "customer_service"}, REVIEWER2, NOW)
