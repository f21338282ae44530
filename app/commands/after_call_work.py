"""after-call work — ``POST /v1/calls/{id}/after-call-work`` (shared/API.md "Contact center").

- Object (shared/API.md "Access to objects"): "After-call work and call flags: the call's agent"
  — anyone but the call's ``agent_id`` is 403 (agent2 cannot write agent1's after-call work).
- State: a ringing call (not answered, no agent yet) has no after-call work (422
  ``invalid_transition``, checked before the object); work already recorded (the call ended
  with a disposition) is 409 ``conflict`` — first writer wins.
- Effect: summary, disposition, follow-up and callback stored; the call → ``ended``.

Bounds: ``summary`` not blank, ≤ 4,000 characters; ``follow_up`` ≤ 4,000; ``disposition`` one
of a closed list (:class:`Disposition`); ``callback_at`` a zoned time, after now and at most 90
days ahead (never 1970); a ``callback_scheduled`` disposition needs a ``callback_at`` (422
``required`` on ``callback_at``: a promised callback without a time is no promise).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CallState, Command, CommandInput, Result
from app.commands.fields import Moment, OptText, Text
from app.domain.calls import Call
from app.domain.enums import Action
from app.domain.enums import CallState as Phase
from app.rules.errors import FieldError, Forbidden, InvalidTransition, ValidationFailed

CALLBACK_HORIZON = timedelta(days=90)


class Disposition(StrEnum):
    RESOLVED = "resolved"
    INFO_PROVIDED = "info_provided"
    CALLBACK_SCHEDULED = "callback_scheduled"
    ESCALATED = "escalated"
    CASE_OPENED = "case_opened"
    UNRESOLVED = "unresolved"


def _callback_error(ko: str, en: str) -> ValidationFailed:
    return ValidationFailed({"callback_at": FieldError("out_of_range", f"콜백 시각: {ko}", en)})


class AfterCallWorkInput(CommandInput):
    summary: Text = Field(description="통화 요약")
    disposition: Disposition = Field(
        description="처리 결과 (closed list)", json_schema_extra={"x-kind": "choice"}
    )
    follow_up: OptText = Field(default="", description="후속 조치")
    callback_at: Moment | None = Field(default=None, description="콜백 시각, within 90 days")

    def check_at(self, today: date) -> dict[str, FieldError]:
        callback = getattr(self, "callback_at", None)
        if isinstance(callback, str):  # a form checked before parsing (forms.validate)
            try:
                callback = datetime.fromisoformat(callback.replace("Z", "+00:00"))
            except ValueError:
                return {}
        if not isinstance(callback, datetime) or callback.tzinfo is None:
            return {}
        day = callback.astimezone(guards.KST).date()
        if not today <= day <= today + CALLBACK_HORIZON:
            return {
                "callback_at": FieldError(
                    "out_of_range",
                    f"콜백 시각: 오늘부터 {CALLBACK_HORIZON.days}일 이내여야 합니다.",
                    f"Callback at: must be within {CALLBACK_HORIZON.days} days from today",
                )
            }
        return {}


def call_object(actor: Actor, call: Call) -> None:
    """ "After-call work and call flags: the call's agent" (shared/API.md)."""
    if call.agent_id is not None and call.agent_id == actor.id:
        return
    raise Forbidden(
        "다른 상담원의 통화입니다." if call.agent_id else "배정된 상담원이 없는 통화입니다.",
        "the call is another agent's, not yours" if call.agent_id else "the call has no agent",
    )


def guard(state: CallState, data: AfterCallWorkInput, actor: Actor, now: datetime) -> None:
    call = state.call
    guards.role(actor, Action.AFTER_CALL_WORK)
    if call.state is Phase.RINGING:  # not answered yet: no agent, no after-call work
        raise InvalidTransition(call.state.value, Phase.ENDED.value, via="after_call_work")
    call_object(actor, call)
    if call.state is Phase.ENDED and call.disposition:
        raise guards.Conflict(
            "이미 통화 후 처리가 저장되었습니다.",
            f"after-call work of {call.id} is already recorded",
        )
    guards.fields_at(data, now)
    if data.disposition is Disposition.CALLBACK_SCHEDULED and data.callback_at is None:
        raise ValidationFailed(
            {
                "callback_at": FieldError(
                    "required",
                    "콜백 예약에는 콜백 시각이 필요합니다.",
                    "Callback scheduled needs a callback time",
                )
            }
        )
    if data.callback_at is not None and data.callback_at <= now:
        raise _callback_error("지금 이후여야 합니다.", "Callback at: must be in the future")


def effect(state: CallState, data: AfterCallWorkInput, actor: Actor, now: datetime) -> Result:
    call = steps.copied(state).call
    call.summary = data.summary
    call.disposition = data.disposition.value
    call.follow_up = data.follow_up
    call.callback_at = data.callback_at
    call.state = Phase.ENDED
    call.ended_at = call.ended_at or now
    return Result(
        primary=call,
        others=[call],
        audit=[steps.audit("call", call.id, "after_call_work", **data.wire())],
        extra={"events": [("call.state", {"contact_id": call.id, "state": Phase.ENDED.value})]},
    )


COMMAND = Command(
    name="after_call_work",
    action=Action.AFTER_CALL_WORK,
    path="/calls/{id}/after-call-work",
    input=AfterCallWorkInput,
    guard=guard,
    effect=effect,
    on="call",
    who_may="the call's agent only",
    summary="summary, disposition, follow-up and callback stored; the call → ended",
    seed_rule="Access to objects: after-call work — the call's agent",
)
