"""app.rules.agent_state: the agent's state and the enforced wrap-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.rules.agent_state import (
    WRAP_UP_LIMIT,
    AgentState,
    WrapUp,
    may_assign,
    next_call_waits,
    state_of,
    wrap_up_open,
)

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_an_open_wrap_up_holds_the_next_call_until_submitted_or_timed_out() -> None:
    wrap = WrapUp("c1", T0)
    during = T0 + timedelta(seconds=30)
    assert wrap_up_open(wrap, during)
    assert not may_assign(AgentState.AVAILABLE, False, wrap, during)
    assert state_of(AgentState.AVAILABLE, False, wrap, during) is AgentState.AFTER_CALL_WORK
    submitted = WrapUp("c1", T0, submitted=True)
    assert may_assign(AgentState.AVAILABLE, False, submitted, during)
    timed_out = T0 + WRAP_UP_LIMIT
    assert not wrap_up_open(wrap, timed_out)
    assert may_assign(AgentState.AVAILABLE, False, wrap, timed_out)


def test_on_call_break_and_offline_take_no_call() -> None:
    assert not may_assign(AgentState.AVAILABLE, True, None, T0)
    assert state_of(AgentState.BREAK, True, None, T0) is AgentState.ON_CALL
    for chosen in (AgentState.BREAK, AgentState.OFFLINE):
        assert not may_assign(chosen, False, None, T0)
        assert state_of(chosen, False, None, T0) is chosen
    assert may_assign(AgentState.AVAILABLE, False, None, T0)


def test_the_workstation_keeps_an_unsaved_draft_over_the_next_call() -> None:
    assert next_call_waits(draft_unsaved=True, saved=False)
    assert not next_call_waits(draft_unsaved=True, saved=True)
    assert not next_call_waits(draft_unsaved=False, saved=False)


def test_the_agent_chooses_available_break_or_offline_only_between_calls() -> None:
    from app.rules.agent_state import CHOOSABLE, ChoiceRefused, check_choice, may_choose

    now = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    for target in CHOOSABLE:
        check_choice(target, False, None, now)  # between calls: any choosable state
        assert not may_choose(target, True, None, now)  # never during a call
        assert not may_choose(target, False, WrapUp("c1", now), now)  # nor an open wrap-up
        done = WrapUp("c1", now - timedelta(minutes=5))  # timed out: free again
        assert may_choose(target, False, done, now)
    for system in (AgentState.ON_CALL, AgentState.AFTER_CALL_WORK):
        try:
            check_choice(system, False, None, now)
        except ChoiceRefused as exc:
            assert exc.code == "invalid_transition" and "시스템" in exc.ko
        else:
            raise AssertionError(f"{system} was chosen")


def test_a_stored_choice_reads_back_and_junk_is_available() -> None:
    from app.rules.agent_state import chosen_state

    assert chosen_state("break") is AgentState.BREAK
    assert chosen_state("offline") is AgentState.OFFLINE
    for junk in (None, "", "on_call", "after_call_work", "lunch"):
        assert chosen_state(junk) is AgentState.AVAILABLE
    assert not may_assign(AgentState.BREAK, False, None, datetime(2026, 12, 7, tzinfo=UTC))
