"""The runbook actions of the case page: their shortcut, their service, their form, and whether
the signed-in user may take them now (role and amount from app.rules.access, state from
app.rules.lifecycle) — with the reason when not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.commands import forms as action_input
from app.commands import guards
from app.commands.base import Actor
from app.domain.cases import Case, Task
from app.domain.enums import Action, TaskStatus
from app.domain.people import User
from app.rules import access, lifecycle, reason_codes
from app.rules.errors import ALLOWED, Forbidden, InvalidTransition, Verdict
from app.services import case_actions, task_actions
from app.services.common import ActionResult
from app.store.store import Store
from app.text.labels import has_label, label_of
from widgets.formatting import language
from widgets.forms import FieldSpec

translate = QCoreApplication.translate
Service = Callable[[Store, User, str, dict[str, Any], datetime], ActionResult]
LONG_FIELDS = frozenset(
    {"note", "body", "reason", "improvement_advice", "resolution", "recommendation", "context"}
)
OPEN_TASK = (TaskStatus.OPEN, TaskStatus.ASSIGNED)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    action: Action
    shortcut: str  # "" = none
    service: Service
    on_task: bool  # True: POST /tasks/{id}/actions/…, False: POST /cases/{id}/…


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(Action.APPROVE, "A", task_actions.approve, True),
    ActionSpec(Action.DENY, "D", task_actions.deny, True),
    ActionSpec(Action.REQUEST_DOCS, "R", task_actions.request_docs, True),
    ActionSpec(Action.ESCALATE, "E", task_actions.escalate, True),
    ActionSpec(Action.COMMENT, "C", task_actions.comment, True),
    ActionSpec(Action.DOCS_RECEIVED, "", case_actions.docs_received, False),
    ActionSpec(Action.CLOSE, "", case_actions.close, False),
    ActionSpec(Action.ASSIGN, "", case_actions.assign, False),
)
BY_ACTION = {s.action: s for s in SPECS}


def action_title(action: Action) -> str:
    return {
        Action.APPROVE: translate("CaseActions", "Approve"),
        Action.DENY: translate("CaseActions", "Deny"),
        Action.REQUEST_DOCS: translate("CaseActions", "Request documents"),
        Action.ESCALATE: translate("CaseActions", "Escalate"),
        Action.COMMENT: translate("CaseActions", "Comment"),
        Action.DOCS_RECEIVED: translate("CaseActions", "Documents received"),
        Action.CLOSE: translate("CaseActions", "Close case"),
        Action.ASSIGN: translate("CaseActions", "Assign"),
    }[action]


CHOICE_KINDS = ("EscalationTarget", "FinalDecision", "Priority")
"""The enums whose values the case actions offer as choices (``app.text.labels``)."""


def choice_text(value: str) -> str:
    """A choice in the UI's words: 선임 검토자, 거부, P1 … (the value itself if no table has it)."""
    kind = next((k for k in CHOICE_KINDS if has_label(k, value)), "")
    return label_of(kind, value, language()) if kind else value


def placeholder(kind: str) -> str:
    return {
        "list": translate("CaseActions", "Comma-separated, e.g. A01, A02"),
        "date": translate("CaseActions", "YYYY-MM-DD"),
        "int": translate("CaseActions", "KRW, e.g. 30,000,000"),
        "rate": translate("CaseActions", "Percent, e.g. 4.5"),
    }.get(kind, "")


def field_specs(action: Action, lang: str) -> list[FieldSpec]:
    """Exactly the runbook's fields of ``action`` (app.commands.forms), labelled in ``lang``."""
    out = []
    for f in action_input.fields_of(action):
        ko, en = action_input.FIELD_LABELS.get(f.name, (f.name, f.name))
        kind = "long" if f.kind == "text" and f.name in LONG_FIELDS else f.kind
        choices = tuple((c, choice_text(c)) for c in f.choices)
        catalogue = reason_codes.codes_for(action.value) if f.name == "reason_codes" else ()
        if catalogue:  # picked from the catalogue, never typed (issue 17)
            kind, choices = "codes", tuple((c.code, c.label(lang)) for c in catalogue)
        out.append(
            FieldSpec(
                name=f.name,
                label=en if lang == "en" else ko,
                kind=kind,
                required=f.required,
                choices=choices,
                placeholder=placeholder(f.kind),
            )
        )
    return out


def open_task_of(tasks: list[Task]) -> Task | None:
    """The case's open review task (the one task actions go to), else any open task."""
    open_ = [t for t in tasks if t.status in OPEN_TASK]
    reviews = [t for t in open_ if t.type.value == "review"]
    return (reviews or open_ or [None])[0]


def decision_amount(action: Action, case: Case) -> int | None:
    """The amount the authority check uses before the form is filled: the applied-for amount."""
    return case.application.amount if action in access.DECISION_ACTIONS else None


def availability(spec: ActionSpec, case: Case, task: Task | None, user: User) -> Verdict:
    """May ``user`` take ``spec.action`` on ``case`` now? The reason in both languages if not."""
    verdict = access.can_act(user.roles, spec.action, amount=decision_amount(spec.action, case))
    if not verdict:
        return verdict
    if spec.action not in lifecycle.allowed_actions(case.status):
        try:
            lifecycle.transition(case.status, spec.action)
        except InvalidTransition as exc:
            return Verdict(False, exc.code, exc.ko, exc.en)
    if spec.on_task and task is None:
        return Verdict(
            False,
            "conflict",
            "열린 검토 태스크가 없습니다 (이미 처리됨).",
            "the case has no open review task (already handled)",
        )
    return object_verdict(spec, case, task, user)


def object_verdict(spec: ActionSpec, case: Case, task: Task | None, user: User) -> Verdict:
    """shared/API.md "Access to objects", mirrored from the commands' guards to grey out what
    the server would refuse (assignee, queue skill, escalation role)."""
    try:
        if spec.on_task and task is not None:
            guards.task_object(Actor.of(user), task, case)
        elif spec.action in (Action.CLOSE, Action.DOCS_RECEIVED, Action.NOTIFY_CUSTOMER):
            guards.case_object(Actor.of(user), case)
    except Forbidden as exc:
        return Verdict(False, exc.code, exc.ko, exc.en)
    return ALLOWED
