"""notify_customer — ``POST /v1/cases/{id}/notify-customer`` (runbook "고객 통지"; one of the
"종료 조건: … 고객 통지 완료"). The notice is recorded on the case (``notifications``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import Eta, Template
from app.domain.cases import Notification
from app.domain.enums import Action


class NotifyCustomerInput(CommandInput):
    template: Template = Field(description="the notice template")
    eta: Eta | None = Field(default=None, description='"+2h" or an RFC 3339 time')


def guard(state: CaseState, data: NotifyCustomerInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.NOTIFY_CUSTOMER)
    guards.case_object(actor, state.case)
    guards.transition(state.case, Action.NOTIFY_CUSTOMER)


def effect(state: CaseState, data: NotifyCustomerInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case = s.case
    case.notifications.append(Notification(data.template, now, actor.id, data.eta))
    note(case, actor, Action.NOTIFY_CUSTOMER.value, data.template, now, data.wire())
    return Result(
        primary=case,
        cases=[case],
        audit=[steps.audit("case", case.id, "notify_customer", template=data.template)],
    )


COMMAND = Command(
    name="notify_customer",
    action=Action.NOTIFY_CUSTOMER,
    path="/cases/{id}/notify-customer",
    input=NotifyCustomerInput,
    guard=guard,
    effect=effect,
    on="case",
    who_may="the case's assignee (unassigned: queue "
    "skill; escalated: the escalation role; ops_admin always)",
    summary="a notice recorded on the case (template, eta) and a timeline entry",
    seed_rule="종료 조건: … 고객 통지 완료",
)
