"""An agent's state for the contact center (Amazon Connect's agent workspace): Available, On call,
After-call work, Break, Offline — and the wrap-up rule: no next call is assigned to an agent in
after-call work until the wrap-up is submitted or its time runs out.

Pure functions; the time is passed in. The server's call simulator asks :func:`may_assign`
before it connects an agent's next call; the workstation asks :func:`next_call_waits` before it
opens the next call over an unsaved wrap-up, and shows :func:`state_of` in the page header.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

WRAP_UP_LIMIT = timedelta(seconds=120)
"""How long after-call work may hold the next call (Connect's "After contact work timeout")."""


class AgentState(StrEnum):
    AVAILABLE = "available"
    ON_CALL = "on_call"
    AFTER_CALL_WORK = "after_call_work"
    BREAK = "break"
    OFFLINE = "offline"


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
