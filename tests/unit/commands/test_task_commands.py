"""Guards and effects of the task intents (approve, deny, request_docs, escalate, comment),
each runbook rule included, on plain domain dataclasses: no store, no server, time passed in."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from app.commands import COMMANDS, run
from app.commands.escalate import P0_ALERT, LadderError
from app.commands.guards import Conflict
from app.domain.enums import (
    Action,
    CaseStatus,
    EscalationLevel,
    FinalDecision,
    Priority,
    SlaState,
    TaskStatus,
)
from app.rules import ops_metrics, sla
from app.rules.errors import Forbidden, InvalidTransition, ValidationFailed
from tests.reason_codes import APPROVE_CODE, DENY_CODE
from tests.unit.commands.state import (
    ADMIN,
    AGENT,
    AUDITOR,
    NOW,
    REVIEWER1,
    REVIEWER2,
    REVIEWER_SENIOR_SKILL,
    SENIOR1,
    state,
)

APPROVE = {"limit": 30_000_000, "rate": 4.5, "note": "소득 확인", "reason_codes": [APPROVE_CODE]}
DENY = {"reason_codes": [DENY_CODE], "note": "DTI 초과", "improvement_advice": "6개월 후 재신청"}
DOCS = {"docs": ["재직증명서"], "deadline": "2026-11-30", "note": "소득 확인"}
TO_SENIOR = {"to": "senior_reviewer", "reason": "정책 예외 검토 필요"}
TO_OPS = {"to": "ops_admin", "reason": "정책 검토 필요: 유사 케이스 증가 추세"}


def go(name: str, st, data, actor, now=NOW):
    return run(COMMANDS[name], st, data, actor, now)


# --- approve -------------------------------------------------------------------------------


def test_approve_by_the_assignee_decides_and_never_changes_its_input() -> None:
    st = state()
    before = copy.deepcopy(st)
    result = go("approve", st, APPROVE, REVIEWER1)
    assert st == before  # pure: the effect works on a copy
    (case,) = result.cases
    assert case.status is CaseStatus.APPROVED and case.final_decision is FinalDecision.APPROVE
    assert (case.approved_terms.limit, case.approved_terms.rate) == (30_000_000, 4.5)
    assert case.decided_by == "u_reviewer1" and case.decided_at == NOW
    assert sla.evaluate(case.sla, NOW).state is SlaState.MET
    assert (
        result.primary.status is TaskStatus.COMPLETED and result.primary.outcome is Action.APPROVE
    )
    assert [e.kind for e in case.timeline] == ["approve"]
    assert {a.action for a in result.audit} == {"approve"} and result.alerts == []


def test_approve_same_input_same_result() -> None:
    a = go("approve", state(), APPROVE, REVIEWER1)
    b = go("approve", state(), APPROVE, REVIEWER1)
    assert a.cases == b.cases and a.tasks == b.tasks


@pytest.mark.parametrize(
    ("limit", "error"),
    [
        (5_000_000_000, Forbidden),  # the case: limit far above the reviewer's 1억원
        (10**13, Forbidden),  # the largest money value, still above authority
        (10**30, ValidationFailed),  # past the money bound: 422, never stored
        (100_000_000, Forbidden),  # exactly the exclusive bound
    ],
)
def test_authority_is_the_larger_of_amount_and_limit(limit: int, error: type) -> None:
    st = state(amount=50_000_000)
    with pytest.raises(error):
        go("approve", st, {**APPROVE, "limit": limit}, REVIEWER1)
    go("approve", st, {**APPROVE, "limit": 99_999_999}, REVIEWER1)


def test_authority_counts_the_applied_for_amount_too() -> None:
    with pytest.raises(Forbidden):
        go("approve", state(amount=150_000_000), {**APPROVE, "limit": 1_000_000}, REVIEWER1)
    go("approve", state(amount=150_000_000, assignee="u_senior1"), APPROVE, SENIOR1)


def test_object_rules_for_a_task_action() -> None:
    # another reviewer's task
    with pytest.raises(Forbidden, match="assigned to u_reviewer1"):
        go("approve", state(), APPROVE, REVIEWER2)
    # unassigned: the queue skill decides
    go("approve", state(assignee=None), APPROVE, REVIEWER2)
    with pytest.raises(Forbidden, match="skill"):
        go("approve", state(assignee=None, queue="customer_service"), APPROVE, REVIEWER2)
    go("approve", state(assignee=None, queue="customer_service"), APPROVE, REVIEWER1)
    # escalated to senior_reviewer: that role only, whatever the skills
    escalated = state(
        assignee=None, status=CaseStatus.ESCALATED, level=EscalationLevel.L2, queue="senior_review"
    )
    with pytest.raises(Forbidden, match="senior_reviewer"):
        go("approve", escalated, APPROVE, REVIEWER_SENIOR_SKILL)
    with pytest.raises(Forbidden):
        go("approve", escalated, APPROVE, ADMIN)
    go("approve", escalated, APPROVE, SENIOR1)


def test_roles_state_and_first_writer() -> None:
    with pytest.raises(Forbidden):
        go("approve", state(assignee="u_agent1"), APPROVE, AGENT)
    with pytest.raises(Forbidden):
        go("comment", state(assignee="u_auditor1"), {"body": "x"}, AUDITOR)
    with pytest.raises(InvalidTransition):
        go("approve", state(status=CaseStatus.AWAITING_DOCS), APPROVE, REVIEWER1)
    with pytest.raises(Conflict, match="already completed"):
        go("approve", state(task_status=TaskStatus.COMPLETED), APPROVE, REVIEWER1)


# --- deny / request_docs / comment ---------------------------------------------------------


def test_deny_records_reasons_and_respects_authority() -> None:
    result = go("deny", state(), DENY, REVIEWER1)
    (case,) = result.cases
    assert case.status is CaseStatus.REJECTED and case.reason_codes == [DENY_CODE]
    assert case.improvement_advice == "6개월 후 재신청"
    with pytest.raises(Forbidden, match=r"authority"):
        go("deny", state(amount=100_000_000), DENY, REVIEWER1)


def test_request_docs_pauses_the_clock_and_checks_the_deadline_window() -> None:
    result = go("request_docs", state(), DOCS, REVIEWER1)  # NOW is 2026-11-23 (KST)
    (case,) = result.cases
    assert case.status is CaseStatus.AWAITING_DOCS and case.sla.paused_since == NOW
    assert [d.name for d in case.documents] == ["재직증명서"]
    assert result.primary.status is TaskStatus.ASSIGNED  # the task waits with the case
    with pytest.raises(ValidationFailed) as info:
        go("request_docs", state(), {**DOCS, "deadline": "2026-12-24"}, REVIEWER1)
    assert "deadline" in info.value.errors and "1~30일" in info.value.errors["deadline"].ko


def test_comment_only_adds_a_timeline_entry() -> None:
    st = state()
    result = go("comment", st, {"body": "고객과 통화 완료"}, REVIEWER1)
    (case,) = result.cases
    assert [e.kind for e in case.timeline] == ["comment"]
    case.timeline = []
    assert case == st.case and result.primary == st.task


# --- escalate: the ladder, the queue move, the alert, the breach history ----------------------


def test_l1_to_l2_moves_the_case_completes_the_task_and_opens_a_senior_task() -> None:
    st = state(priority=Priority.P2)
    result = go("escalate", st, TO_SENIOR, REVIEWER1)
    (case,) = result.cases
    old, new = result.tasks
    assert case.status is CaseStatus.ESCALATED and case.escalation_level is EscalationLevel.L2
    assert case.queue_id == "senior_review" and case.assignee_id is None
    assert case.priority is Priority.P2  # "Level 1 → Level 2: 동일 우선순위 SLA 유지"
    assert case.sla.started_at == NOW and case.sla.due_at == NOW + timedelta(hours=48)
    assert old.status is TaskStatus.COMPLETED and old.outcome is Action.ESCALATE
    assert (new.status, new.queue_id, new.assignee_id) == (TaskStatus.OPEN, "senior_review", None)
    assert new.id in case.task_ids and new.due_at == case.sla.due_at
    assert result.alerts == []  # not p0
    again = go("escalate", state(priority=Priority.P2), TO_SENIOR, REVIEWER1)
    assert again.tasks[1].id == new.id  # derived id: the workstation and the server agree


def test_escalating_to_p0_raises_the_p0_alert() -> None:
    result = go("escalate", state(), {**TO_SENIOR, "priority": "p0"}, REVIEWER1)
    ((alert),) = result.alerts
    assert (alert.kind, alert.entity, alert.entity_id) == (P0_ALERT, "case", "C-1")


def test_the_ladder_level_1_goes_to_senior_reviewer_only() -> None:
    with pytest.raises(LadderError) as info:
        go("escalate", state(), TO_OPS, REVIEWER1)
    assert info.value.code == "invalid_transition" and info.value.status == 422
    assert "Level 1 → Level 2" in info.value.ko


def test_only_a_senior_reviewer_escalates_level_2_to_ops_admin() -> None:
    at_l2 = dict(status=CaseStatus.ESCALATED, level=EscalationLevel.L2, queue="senior_review")
    # a reviewer who holds an L2 task (assigned to them) may not go to ops_admin
    with pytest.raises(LadderError, match="senior_reviewer"):
        go("escalate", state(assignee="u_reviewer1", **at_l2), TO_OPS, REVIEWER1)
    with pytest.raises(LadderError, match="already"):
        go("escalate", state(assignee="u_senior1", **at_l2), TO_SENIOR, SENIOR1)
    result = go("escalate", state(assignee=None, **at_l2), TO_OPS, SENIOR1)
    (case,) = result.cases
    assert case.escalation_level is EscalationLevel.L3 and case.queue_id == "ops_escalation"
    assert case.priority is Priority.P0 and case.sla.policy == "p0"  # "P0로 격상"
    assert [a.kind for a in result.alerts] == [P0_ALERT]
    at_l3 = dict(status=CaseStatus.ESCALATED, level=EscalationLevel.L3, queue="ops_escalation")
    with pytest.raises(LadderError, match="Level 3"):
        go("escalate", state(assignee="u_admin1", **at_l3), TO_OPS, ADMIN)


def test_escalation_keeps_the_breach_of_the_replaced_clock() -> None:
    st = state(priority=Priority.P0)  # 4 h clock from T0
    late = st.case.sla.due_at + timedelta(hours=3, minutes=37)
    result = go("escalate", st, TO_SENIOR, REVIEWER1, now=late)
    (case,) = result.cases
    assert case.sla.breached_at is None and case.sla.started_at == late  # a fresh clock …
    assert case.sla.breach_history == [st.case.sla.due_at]  # … that remembers the breach
    assert ops_metrics.sla_outcome(case.sla, late) == "breached"  # still in the SLA report
    on_time = go("escalate", state(priority=Priority.P0), TO_SENIOR, REVIEWER1)
    assert on_time.cases[0].sla.breach_history == []
    assert ops_metrics.sla_outcome(on_time.cases[0].sla, NOW) == "in_progress"


def test_the_breach_history_grows_over_two_levels() -> None:
    st = state(priority=Priority.P1)
    t1 = st.case.sla.due_at + timedelta(hours=1)
    l2 = go("escalate", st, TO_SENIOR, REVIEWER1, now=t1).cases[0]
    st2 = state(assignee=None, status=CaseStatus.ESCALATED, level=EscalationLevel.L2)
    st2.case.sla, st2.case.priority = l2.sla, l2.priority
    t2 = l2.sla.due_at + timedelta(minutes=5)
    l3 = go("escalate", st2, TO_OPS, SENIOR1, now=t2).cases[0]
    assert l3.sla.breach_history == [st.case.sla.due_at, l2.sla.due_at]
