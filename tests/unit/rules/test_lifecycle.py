"""Case lifecycle: the runbook's diagram and action sections."""

from __future__ import annotations

import pytest

from app.domain.enums import TASK_ACTIONS, Action, CaseStatus
from app.rules.errors import InvalidTransition
from app.rules.lifecycle import allowed_actions, archive, is_terminal, transition

S = CaseStatus
A = Action


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        (S.OPEN, A.ASSIGN, S.PENDING),
        (S.OPEN, A.NEXT_TASK, S.PENDING),
        (S.PENDING, A.REASSIGN, S.PENDING),
        (S.PENDING, A.APPROVE, S.APPROVED),
        (S.OPEN, A.DENY, S.REJECTED),  # diagram: open ↓ rejected
        (S.PENDING, A.REQUEST_DOCS, S.AWAITING_DOCS),
        (S.AWAITING_DOCS, A.DOCS_RECEIVED, S.PENDING),  # "서류 도착 시 pending 으로 복귀"
        (S.AWAITING_DOCS, A.DENY, S.REJECTED),  # diagram: awaiting_docs ↓ rejected
        (S.AWAITING_DOCS, A.ESCALATE, S.ESCALATED),
        (S.PENDING, A.ESCALATE, S.ESCALATED),
        (S.ESCALATED, A.ESCALATE, S.ESCALATED),  # L2 → L3
        (S.ESCALATED, A.APPROVE, S.APPROVED),  # diagram: escalated ↓ approved
        (S.ESCALATED, A.DENY, S.REJECTED),
        (S.APPROVED, A.CLOSE, S.CLOSED),  # approve → … 케이스 상태 → closed
        (S.REJECTED, A.CLOSE, S.CLOSED),
        (S.PENDING, A.CLOSE, S.CLOSED),  # P3: close --final-decision info_provided
        (S.PENDING, A.COMMENT, S.PENDING),
        (S.CLOSED, A.COMMENT, S.CLOSED),
        (S.REJECTED, A.SUBMIT_APPEAL, S.REJECTED),
        (S.ARCHIVED, A.VIEW, S.ARCHIVED),
    ],
)
def test_allowed_transitions(start: CaseStatus, action: Action, end: CaseStatus) -> None:
    assert transition(start, action) is end
    assert action in allowed_actions(start)


def test_invalid_transition_names_both_states_in_both_languages() -> None:
    with pytest.raises(InvalidTransition) as info:
        transition(S.CLOSED, A.APPROVE)
    err = info.value
    assert (err.from_state, err.to_state) == ("closed", "approved")
    assert "'Closed'" in err.en and "'Approved'" in err.en and "Approve" in err.en
    assert "'종료'" in err.ko and "'승인'" in err.ko and "closed" not in err.ko  # words, not values
    assert err.code == "invalid_transition" and err.status == 422


@pytest.mark.parametrize(
    ("start", "action"),
    [
        (S.AWAITING_DOCS, A.APPROVE),  # docs first
        (S.PENDING, A.DOCS_RECEIVED),
        (S.APPROVED, A.DENY),
        (S.REJECTED, A.APPROVE),
        (S.AWAITING_DOCS, A.CLOSE),
        (S.CLOSED, A.CLOSE),
        (S.OPEN, A.SUBMIT_APPEAL),
        (S.OPEN, A.AFTER_CALL_WORK),  # not a case transition at all
    ],
)
def test_refused_transitions(start: CaseStatus, action: Action) -> None:
    with pytest.raises(InvalidTransition):
        transition(start, action)
    assert action not in allowed_actions(start)


def test_terminal_states_refuse_task_actions() -> None:
    assert is_terminal(S.CLOSED) and is_terminal(S.ARCHIVED)
    assert not any(is_terminal(s) for s in (S.OPEN, S.PENDING, S.APPROVED, S.REJECTED))
    for status in (S.CLOSED, S.ARCHIVED):
        for action in TASK_ACTIONS:
            if status is S.CLOSED and action is A.COMMENT:
                continue  # a closed case's trail may still get a comment
            with pytest.raises(InvalidTransition):
                transition(status, action)
    assert allowed_actions(S.ARCHIVED) == {A.VIEW, A.VIEW_AUDIT, A.UNMASK}


def test_archive_only_from_closed() -> None:
    assert archive(S.CLOSED) is S.ARCHIVED
    with pytest.raises(InvalidTransition) as info:
        archive(S.APPROVED)
    assert info.value.to_state == "archived"


def test_the_runbook_happy_paths() -> None:
    # P2: open → pending → awaiting_docs → pending → approved → closed → archived
    status = S.OPEN
    for action in (A.NEXT_TASK, A.REQUEST_DOCS, A.DOCS_RECEIVED, A.APPROVE, A.CLOSE):
        status = transition(status, action)
    assert archive(status) is S.ARCHIVED
    # P0: open → pending → escalated → approved → closed
    status = S.OPEN
    for action in (A.ASSIGN, A.ESCALATE, A.APPROVE, A.CLOSE):
        status = transition(status, action)
    assert status is S.CLOSED


def test_accepts_plain_strings() -> None:
    assert transition("pending", "deny") is S.REJECTED  # type: ignore[arg-type]
