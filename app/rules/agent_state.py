"""An agent's state for the contact center (Amazon Connect's agent workspace): Available, On call,
After-call work, Break, Offline — and the wrap-up rule: no next call is assigned to an agent in
after-call work until the wrap-up is submitted or its time runs out.

Pure functions; the time is passed in. The server's call simulator asks :func:`may_assign`
before it connects an agent's next call; the workstation asks :func:`next_call_waits` before it
opens the next call over an unsaved wrap-up, and shows :func:`state_of` in the page header.

The agent chooses only Available, Break or Offline (:data:`CHOOSABLE`), and never while on a
call or in an open wrap-up (:func:`check_choice`; ``POST /v1/agents/me/state`` on the server,
which is the authority; the call page greys the choice out with :func:`may_choose`). On a call
and After-call work are entered by the system, never chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.rules.errors import RuleError
from app.text.labels import label_of

WRAP_UP_LIMIT = timedelta(seconds=120)
"""How long after-call work may hold the next call (Connect's "After contact work timeout")."""


class AgentState(StrEnum):
    AVAILABLE = "available"
    ON_CALL = "on_call"
    AFTER_CALL_WORK = "after_call_work"
    BREAK = "break"
    OFFLINE = "offline"


CHOOSABLE = (AgentState.AVAILABLE, AgentState.BREAK, AgentState.OFFLINE)
"""The states an agent may choose; the others are entered by the system."""


class ChoiceRefused(RuleError):
    """The agent's state cannot be chosen now (422 ``invalid_transition``)."""

    code = "invalid_transition"
    status = 422


def chosen_state(value: object) -> AgentState:
    """The state an agent chose, as stored on their user (``agent_state``); Available when none
    was chosen yet or the stored value is not a choosable state."""
    try:
        state = AgentState(str(value))
    except ValueError:
        return AgentState.AVAILABLE
    return state if state in CHOOSABLE else AgentState.AVAILABLE


@dataclass(frozen=True)
class WrapUp:
    """The agent's current wrap-up: the call in ``acw`` since ``since``; ``submitted`` once the
    after-call work is recorded (the call ended with a disposition)."""

    call_id: str
    since: datetime
    submitted: bool = False


def wrap_up_due(since: datetime, limit: timedelta = WRAP_UP_LIMIT) -> datetime:
    """When a wrap-up begun at ``since`` times out."""
    return since + limit


def wrap_up_open(wrap: WrapUp | None, now: datetime, limit: timedelta = WRAP_UP_LIMIT) -> bool:
    """Whether ``wrap`` still holds the agent: not submitted and not timed out."""
    if wrap is None or wrap.submitted:
        return False
    return now < wrap_up_due(wrap.since, limit)


def may_assign(
    chosen: AgentState,
    on_call: bool,
    wrap: WrapUp | None,
    now: datetime,
    limit: timedelta = WRAP_UP_LIMIT,
) -> bool:
    """Whether the next call may be assigned to the agent: Available by choice, not on a call,
    and no open wrap-up."""
    if chosen is not AgentState.AVAILABLE or on_call:
        return False
    return not wrap_up_open(wrap, now, limit)


def state_of(
    chosen: AgentState,
    on_call: bool,
    wrap: WrapUp | None,
    now: datetime,
    limit: timedelta = WRAP_UP_LIMIT,
) -> AgentState:
    """What the agent is now: a call or an open wrap-up win over the state they chose
    (Break / Offline take effect when the call and its wrap-up are done)."""
    if on_call:
        return AgentState.ON_CALL
    if wrap_up_open(wrap, now, limit):
        return AgentState.AFTER_CALL_WORK
    return chosen


def next_call_waits(draft_unsaved: bool, saved: bool) -> bool:
    """On the workstation: the next call waits while the previous call's after-call work has an
    unsaved draft and was not saved — even after the server timed the wrap-up out, so a draft is
    never wiped by the next call."""
    return draft_unsaved and not saved


def check_choice(
    target: AgentState,
    on_call: bool,
    wrap: WrapUp | None,
    now: datetime,
    limit: timedelta = WRAP_UP_LIMIT,
) -> None:
    """Raise :class:`ChoiceRefused` unless the agent may choose ``target`` now: only a choosable
    state, and not while on a call or in an open wrap-up (the system left them there)."""
    if target not in CHOOSABLE:
        name_ko, name_en = (
            label_of("AgentState", target.value),
            label_of("AgentState", target.value, "en"),
        )
        raise ChoiceRefused(
            f"'{name_ko}' 상태는 시스템이 정합니다. 응대 가능, 휴식, 오프라인 중에서 고르세요.",
            f"'{name_en}' is set by the system; choose Available, Break or Offline",
        )
    now_state = state_of(AgentState.AVAILABLE, on_call, wrap, now, limit)
    if now_state is AgentState.ON_CALL:
        raise ChoiceRefused(
            "통화 중에는 상태를 바꿀 수 없습니다.", "your state cannot change during a call"
        )
    if now_state is AgentState.AFTER_CALL_WORK:
        raise ChoiceRefused(
            "후처리를 저장한 뒤에 상태를 바꿀 수 있습니다.",
            "save the after-call work before changing your state",
        )


def may_choose(
    target: AgentState,
    on_call: bool,
    wrap: WrapUp | None,
    now: datetime,
    limit: timedelta = WRAP_UP_LIMIT,
) -> bool:
    """Whether :func:`check_choice` lets the agent choose ``target`` now."""
    try:
        check_choice(target, on_call, wrap, now, limit)
    except ChoiceRefused:
        return False
    return True
