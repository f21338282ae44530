"""docs_received — ``POST /v1/cases/{id}/docs-received`` (runbook "awaiting_docs (서류 대기)":
"서류 도착 시 pending 으로 복귀"). The SLA clock resumes; its due time moves by the pause."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import OptCodes, OptText
from app.domain.enums import Action
from app.rules import sla


class DocsReceivedInput(CommandInput):
    docs: OptCodes = Field(default_factory=list, description="which arrived (empty: all)")
    note: OptText | None = None


def guard(state: CaseState, data: DocsReceivedInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.DOCS_RECEIVED)
    guards.case_object(actor, state.case)
    guards.transition(state.case, Action.DOCS_RECEIVED)


def effect(state: CaseState, data: DocsReceivedInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case = s.case
    case.status = guards.transition(case, Action.DOCS_RECEIVED)
    names = set(data.docs)
    for doc in case.documents:
        if doc.received_at is None and (not names or doc.name in names):
            doc.received_at = now
    if case.sla is not None:
        case.sla = sla.resume(case.sla, now)
    note(case, actor, Action.DOCS_RECEIVED.value, data.note or "", now, data.wire())
    return Result(primary=case, cases=[case], audit=[steps.audit("case", case.id, "docs_received")])


COMMAND = Command(
    name="docs_received",
    action=Action.DOCS_RECEIVED,
    path="/cases/{id}/docs-received",
    input=DocsReceivedInput,
    guard=guard,
    effect=effect,
    on="case",
    who_may="the case's assignee (unassigned: queue "
    "skill; escalated: the escalation role; ops_admin always)",
    summary="case awaiting_docs → pending, documents marked received, SLA resumed",
    seed_rule="서류 도착 시 pending 으로 복귀",
)
