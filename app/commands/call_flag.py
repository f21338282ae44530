"""call flag — ``POST /v1/calls/{id}/flag`` (an agent flags a live call to the supervisor).

- Object (shared/API.md "Access to objects"): "After-call work and call flags: the call's agent
  (a supervisor may flag any call)" — another agent is 403.
- Effect: a ``negative_sentiment`` alert (``flagged_by``, ``reason``, ``note``) for the
  supervisors' wall; the call itself is unchanged (it is the primary entity of the answer).

Bounds: ``reason`` one of a closed list; ``note`` ≤ 4,000 characters; ``segment_id`` ≤ 200.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from app.commands import guards
from app.commands.after_call_work import call_object
from app.commands.base import Actor, Alert, CallState, Command, CommandInput, Result
from app.commands.fields import OptText, ShortText
from app.domain.enums import Action, AlertKind, Role
from app.text.labels import label_of, queue_label


class FlagReason(StrEnum):
    NEGATIVE_SENTIMENT = "negative_sentiment"
    ESCALATION = "escalation"
    NEW_CASE = "new_case"


class CallFlagInput(CommandInput):
    reason: FlagReason = Field(description="why", json_schema_extra={"x-kind": "choice"})
    note: OptText = Field(default="", description="a note for the supervisor")
    segment_id: ShortText | None = Field(default=None, description="the transcript segment")


def guard(state: CallState, data: CallFlagInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.FLAG_CALL)
    if actor.has(Role.SUPERVISOR):
        return
    call_object(actor, state.call)


def message(call_id: str, queue: str, reason: str, note: str) -> str:
    text = f"{label_of('FlagReason', reason)}: {call_id} ({queue_label(queue)})"
    return f"{text} — {note}" if note else text


def effect(state: CallState, data: CallFlagInput, actor: Actor, now: datetime) -> Result:
    call = state.call
    alert = Alert(
        AlertKind.NEGATIVE_SENTIMENT.value,
        "call",
        call.id,
        {
            "kind": AlertKind.NEGATIVE_SENTIMENT.value,
            "entity": "call",
            "message": message(call.id, call.queue, data.reason.value, data.note),
            "reason": data.reason.value,
            "note": data.note,
            "segment_id": data.segment_id,
            "flagged_by": actor.id,
            "agent_id": call.agent_id,
            "queue_id": call.queue,
            "customer_sentiment": call.current_sentiment.value if call.current_sentiment else None,
        },
    )
    return Result(primary=call, alerts=[alert], audit=[])


COMMAND = Command(
    name="call_flag",
    action=Action.FLAG_CALL,
    path="/calls/{id}/flag",
    input=CallFlagInput,
    guard=guard,
    effect=effect,
    on="call",
    who_may="the call's agent; a supervisor may flag any call",
    summary="a negative_sentiment alert for the supervisors (flagged_by, reason, note)",
    seed_rule="Access to objects: call flags — the call's agent (a supervisor: any call)",
)
