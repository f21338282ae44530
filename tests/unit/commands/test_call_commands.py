"""after_call_work / call_flag: each guard and effect on domain dataclasses (no store).

shared/API.md "Access to objects": "After-call work and call flags: the call's agent (a
supervisor may flag any call)"; bounds: callback_at in a plausible window (never 1970), summary
at most 4,000 characters, disposition and flag reason closed lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.commands import COMMANDS, run
from app.commands.base import Actor, CallState
from app.domain.enums import CallState as Phase
from app.domain.enums import Role
from app.rules.errors import Forbidden, InvalidTransition, RuleError, ValidationFailed
from tests.unit.store import builders as b

ACW = COMMANDS["after_call_work"]
FLAG = COMMANDS["call_flag"]
NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
AGENT1 = Actor("u_agent1", (Role.AGENT,))
AGENT2 = Actor("u_agent2", (Role.AGENT,))
SUPERVISOR = Actor("u_supervisor1", (Role.SUPERVISOR,))
REVIEWER = Actor("u_reviewer1", (Role.REVIEWER,))
BODY = {"summary": "연회비 환불 등록", "disposition": "info_provided", "follow_up": "안내"}


def state(phase: Phase = Phase.ACW, agent: str | None = "u_agent1", disposition: str = ""):
    call = b.call("call_1")
    call.state, call.agent_id, call.disposition = phase, agent, disposition
    return CallState(call)


def acw(st: CallState, body=BODY, actor: Actor = AGENT1, now=NOW):
    return run(ACW, st, body, actor, now)


def test_after_call_work_ends_the_call_with_the_work() -> None:
    st = state()
    callback = NOW + timedelta(hours=2)
    body = {**BODY, "disposition": "callback_scheduled", "callback_at": callback.isoformat()}
    result = acw(st, body)
    (call,) = result.others
    assert result.primary is call and call.state is Phase.ENDED
    assert (call.summary, call.disposition, call.follow_up) == (
        "연회비 환불 등록",
        "callback_scheduled",
        "안내",
    )
    assert call.callback_at == callback and call.ended_at == NOW
    assert result.extra["events"] == [("call.state", {"contact_id": "call_1", "state": "ended"})]
    assert st.call.state is Phase.ACW  # the state given is never changed


def test_only_the_calls_agent_writes_after_call_work() -> None:
    with pytest.raises(Forbidden) as info:
        acw(state(), actor=AGENT2)  # agent2 on agent1's call
    assert info.value.code == "forbidden" and "another agent" in info.value.en
    assert "u_agent1" not in info.value.ko  # no raw user id reaches a person
    with pytest.raises(Forbidden):
        acw(state(agent=None))  # nobody's call
    for actor in (SUPERVISOR, REVIEWER):  # the role first
        with pytest.raises(Forbidden):
            acw(state(), actor=actor)


def test_after_call_work_states() -> None:
    with pytest.raises(InvalidTransition):
        acw(state(Phase.RINGING, agent=None))
    with pytest.raises(RuleError) as info:
        acw(state(Phase.ENDED, disposition="resolved"))
    assert (info.value.status, info.value.code) == (409, "conflict")
    assert acw(state(Phase.CONNECTED)).primary.state is Phase.ENDED
    assert acw(state(Phase.ENDED)).primary.disposition == "info_provided"  # timed-out wrap-up


def test_a_scheduled_callback_needs_its_time() -> None:
    with pytest.raises(ValidationFailed) as info:
        acw(state(), {**BODY, "disposition": "callback_scheduled"})
    assert info.value.errors["callback_at"].code == "required"
    assert "콜백 시각" in info.value.messages("ko")["callback_at"]
    later = (NOW + timedelta(hours=1)).isoformat()
    body = {**BODY, "disposition": "callback_scheduled", "callback_at": later}
    assert acw(state(), body).primary.disposition == "callback_scheduled"


@pytest.mark.parametrize(
    ("callback", "ok"),
    [
        (NOW + timedelta(minutes=1), True),
        (NOW + timedelta(days=89), True),
        (NOW, False),  # not in the future
        (NOW - timedelta(days=1), False),
        (NOW + timedelta(days=92), False),  # more than 90 days ahead
        (datetime(1970, 1, 1, tzinfo=UTC), False),
        (datetime(2101, 1, 1, tzinfo=UTC), False),
    ],
)
def test_callback_window(callback: datetime, ok: bool) -> None:
    body = {**BODY, "callback_at": callback.isoformat()}
    if ok:
        assert acw(state(), body).primary.callback_at == callback
        return
    with pytest.raises(ValidationFailed) as info:
        acw(state(), body)
    assert "callback_at" in info.value.errors


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"summary": "가" * 4001}, "summary"),
        ({"summary": "  "}, "summary"),
        ({"disposition": "happy"}, "disposition"),
        ({"follow_up": "가" * 4001}, "follow_up"),
        ({"callback_at": "2026-11-24T09:00:00"}, "callback_at"),  # no zone
        ({"mood": "bad"}, "mood"),
    ],
)
def test_after_call_work_bounds(change: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        acw(state(), {**BODY, **change})
    assert field in info.value.errors


def test_flag_by_the_calls_agent_raises_a_negative_sentiment_alert() -> None:
    result = run(FLAG, state(), {"reason": "escalation", "note": "고객 항의"}, AGENT1, NOW)
    (alert,) = result.alerts
    assert (alert.kind, alert.entity, alert.entity_id) == ("negative_sentiment", "call", "call_1")
    assert alert.data["flagged_by"] == "u_agent1" and alert.data["reason"] == "escalation"
    assert "에스컬레이션 요청" in alert.data["message"] and "고객 항의" in alert.data["message"]
    assert result.others == [] and result.cases == []  # the call itself is unchanged


def test_a_supervisor_flags_any_call_another_agent_none() -> None:
    body = {"reason": "negative_sentiment"}
    assert run(FLAG, state(agent="u_agent9"), body, SUPERVISOR, NOW).alerts
    assert run(FLAG, state(Phase.RINGING, agent=None), body, SUPERVISOR, NOW).alerts
    with pytest.raises(Forbidden):
        run(FLAG, state(), body, AGENT2, NOW)
    with pytest.raises(Forbidden):
        run(FLAG, state(), body, REVIEWER, NOW)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "bored"}, "reason"),
        ({"reason": "escalation", "note": "가" * 4001}, "note"),
        ({"reason": "escalation", "segment_id": "s" * 201}, "segment_id"),
        ({"reason": "escalation", "alert": True}, "alert"),
    ],
)
def test_flag_bounds(body: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        run(FLAG, state(), body, AGENT1, NOW)
    assert field in info.value.errors
