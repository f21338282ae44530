"""The summaries the case page asks the user to confirm before approving 1억원 or more or closing
a case (which needs it: ``app.rules.confirmation``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.commands import guards
from app.commands.forms import normalise, validate
from app.domain.cases import Case
from app.domain.enums import Action
from app.rules.confirmation import needs_confirmation
from widgets.formatting import format_krw

translate = QCoreApplication.translate


def summary(
    action: Action, case: Case | None, values: dict[str, Any], lang: str, today: date
) -> str:
    """The text of the confirmation for ``action`` on ``case`` with the form's ``values``, or ""
    when it runs without asking (also when the values are not valid: the form says why first)."""
    typed = normalise(action, values)
    if case is None or validate(action, typed, today):
        return ""
    korean = lang == "ko"
    if action == Action.APPROVE:
        limit = typed.get("limit")
        if not isinstance(limit, int):
            return ""
        stake = guards.amount_at_stake(case, limit)
        if not needs_confirmation("approve", amount_at_stake=stake):
            return ""
        codes = typed.get("reason_codes") or []
        return translate(
            "CaseConfirm",
            "Approve case {id} for {customer}?\n\n"
            "Applied for: {applied}\nApproved limit: {limit}\nRate: {rate} %\n"
            "Reason codes: {codes}\n\nAn approval cannot be taken back.",
        ).format(
            id=case.id,
            customer=case.customer.name,
            applied=format_krw(case.application.amount, korean_units=korean),
            limit=format_krw(limit, korean_units=korean),
            rate=typed.get("rate", "—"),
            codes=", ".join(str(c) for c in codes) or "—",
        )
    if action == Action.CLOSE and needs_confirmation("close"):
        return translate(
            "CaseConfirm",
            "Close case {id} for {customer}?\n\nA closed case leaves the inbox and cannot be "
            "worked on again.",
        ).format(id=case.id, customer=case.customer.name)
    return ""
