"""The wallboard rules: agent state board, abandon rate, thresholds and new breaches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.rules.agent_state import AgentState
from app.rules.wallboard import (
    AgentCall,
    Chosen,
    Contact,
    Thresholds,
    abandon_rate,
    agent_board,
    agent_row,
    band_abandon,
    band_service_level,
    band_wait,
    chosen_of,
    new_breaches,
)

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


# -- agent board ----------------------------------------------------------------------------------
def test_a_connected_call_is_on_call_since_it_connected():
    calls = [AgentCall("c1", "a", "connected", "general", connected_at=ago(90))]
    row = agent_row("a", calls, Chosen(AgentState.BREAK, ago(10)), signed_in=True)
    assert row.state is AgentState.ON_CALL  # the call beats the chosen Break
    assert row.since == ago(90) and row.queue == "general" and row.call_id == "c1"
    assert row.seconds_in_state(NOW) == 90


def test_wrap_up_counts_from_when_it_began():
    calls = [AgentCall("c1", "a", "acw", "msp_general", connected_at=ago(300), acw_at=ago(40))]
    row = agent_row("a", calls, None, signed_in=True)
    assert row.state is AgentState.AFTER_CALL_WORK and row.since == ago(40)


def test_available_counts_from_the_end_of_the_last_call():
    calls = [
        AgentCall("c1", "a", "ended", ended_at=ago(500)),
        AgentCall("c2", "a", "ended", ended_at=ago(20)),
    ]
    row = agent_row("a", calls, Chosen(AgentState.AVAILABLE, ago(3600)), signed_in=True)
    assert row.state is AgentState.AVAILABLE and row.since == ago(20)


def test_break_and_offline_as_chosen_and_unknown_agents_offline():
    assert agent_row("a", [], Chosen(AgentState.BREAK, ago(60)), True).state is AgentState.BREAK
    off = agent_row("a", [], Chosen(AgentState.OFFLINE, ago(60)), True)
    assert off.state is AgentState.OFFLINE and off.since == ago(60)
    never = agent_row("b", [], None, signed_in=False)
    assert never.state is AgentState.OFFLINE and never.seconds_in_state(NOW) is None
    signed = agent_row("c", [], None, signed_in=True)
    assert signed.state is AgentState.AVAILABLE and signed.since is None


def test_the_choice_is_read_from_the_user_entity():
    """The board reads the one agent-state model: the user entity's fields that
    POST /agents/me/state keeps."""
    user = {"id": "a", "agent_state": "break", "agent_state_since": "2026-12-07T02:59:00Z"}
    assert chosen_of(user) == Chosen(AgentState.BREAK, ago(60))
    assert chosen_of({"id": "a"}) is None  # never chose
    assert chosen_of({"id": "a", "agent_state": "on_call"}) == Chosen(AgentState.AVAILABLE, None)
    row = agent_row("a", [], chosen_of(user), signed_in=True)
    assert row.state is AgentState.BREAK and row.since == ago(60)


def test_an_agent_who_chose_available_and_signed_out_is_offline():
    gone = agent_row("a", [], Chosen(AgentState.AVAILABLE, ago(600)), signed_in=False)
    assert gone.state is AgentState.OFFLINE and gone.since is None
    calls = [AgentCall("c1", "a", "connected", "general", connected_at=ago(30))]
    assert agent_row("a", calls, None, signed_in=False).state is AgentState.ON_CALL


def test_board_sorts_busy_first_longest_first_then_by_name():
    calls = [
        AgentCall("c1", "on_short", "connected", connected_at=ago(30)),
        AgentCall("c2", "on_long", "connected", connected_at=ago(600)),
        AgentCall("c3", "wrap", "acw", acw_at=ago(5)),
    ]
    chosen = {"rest": Chosen(AgentState.BREAK, ago(900))}
    names = {"free_b": "나민수", "free_a": "가영희"}
    board = agent_board(
        ["free_b", "rest", "gone", "on_short", "free_a", "wrap", "on_long"],
        calls,
        chosen,
        signed_in={"free_a", "free_b", "rest", "on_short", "on_long", "wrap"},
        now=NOW,
        names=names,
    )
    assert [r.user_id for r in board] == [
        "on_long", "on_short", "wrap", "free_a", "free_b", "rest", "gone",
    ]  # fmt: skip


# -- abandon rate ---------------------------------------------------------------------------------
def test_abandon_rate_counts_hang_ups_before_an_answer():
    since = ago(3600)
    contacts = [
        Contact(ago(600), connected_at=ago(590)),  # answered
        Contact(ago(500), connected_at=ago(480), ended_at=ago(100)),  # answered
        Contact(ago(400), ended_at=ago(340)),  # abandoned after a minute
        Contact(ago(300), ended_at=ago(298)),  # short abandon (2 s): not counted
        Contact(ago(20)),  # still waiting: not judged yet
        Contact(ago(7200), ended_at=ago(7100)),  # before the window
    ]
    result = abandon_rate(contacts, since, NOW)
    assert (result.abandoned, result.offered) == (1, 3)
    assert result.percent == pytest.approx(33.3)


def test_abandon_rate_of_nothing_offered_is_unknown():
    assert abandon_rate([Contact(ago(5))], ago(60), NOW).percent is None


def test_a_hang_up_after_now_is_not_seen_yet():
    result = abandon_rate([Contact(ago(60), ended_at=NOW + timedelta(seconds=1))], ago(90), NOW)
    assert result.offered == 0


# -- thresholds -----------------------------------------------------------------------------------
def test_bands_follow_the_thresholds():
    th = Thresholds(service_level_target=90, service_level_margin=5, wait_warning_s=30,
                    wait_critical_s=60, abandon_warning=2, abandon_critical=4)  # fmt: skip
    assert [band_service_level(p, th) for p in (95, 90, 86, 84.9, None)] == [
        "ok", "ok", "warning", "critical", "unknown",
    ]  # fmt: skip
    assert [band_wait(s, th) for s in (0, None, 29, 30, 59, 60)] == [
        "ok", "ok", "ok", "warning", "warning", "critical",
    ]  # fmt: skip
    assert [band_abandon(p, th) for p in (None, 1.9, 2, 3.9, 4)] == [
        "unknown", "ok", "warning", "warning", "critical",
    ]  # fmt: skip
    # the defaults keep the wall's old service-level bands (80 % target, 10 points of warning)
    assert [band_service_level(p) for p in (80, 70, 69.9)] == ["ok", "warning", "critical"]


def test_thresholds_that_cannot_work_are_named():
    assert Thresholds().problems() == {}
    bad = Thresholds(service_level_target=120, wait_warning_s=200, wait_critical_s=100,
                     abandon_warning=10, abandon_critical=5)  # fmt: skip
    assert set(bad.problems()) == {"service_level_target", "wait_critical_s", "abandon_critical"}


# -- breaches -------------------------------------------------------------------------------------
def test_a_breach_is_new_once_and_again_after_it_cleared():
    first = {("q1", "abandon"): "critical", ("q2", "wait"): "warning"}
    fresh = new_breaches(set(), first)
    assert fresh == {("q1", "abandon")}
    still = new_breaches({("q1", "abandon")}, first)
    assert still == set()
    cleared = {("q1", "abandon"): "ok"}
    assert new_breaches({("q1", "abandon")}, cleared) == set()
    assert new_breaches(set(), first) == {("q1", "abandon")}  # back after clearing: new again
