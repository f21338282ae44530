"""The two appeal forms: submit (case, reason, evidence) and resolve (uphold / overturn /
partial with the fields each needs; validated by app.commands.appeal_resolve's schema)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.commands import forms as action_input
from app.domain.enums import Action, AppealResolution
from app.domain.people import User
from app.rules import appeals
from app.rules.errors import FieldError, RuleError, ValidationFailed
from app.rules.reason_codes import codes_for
from app.services import appeal_actions
from app.services.common import NotFound
from app.store.store import Store
from ui.runner import OperationRunner
from ui.submit_form import SubmitForm
from widgets.forms import FieldSpec

translate = QCoreApplication.translate
Now = Callable[[], datetime]

# which resolve fields each resolution uses (the rest are hidden and not sent)
RESOLVE_FIELDS = {
    AppealResolution.UPHOLD.value: ("resolution", "message", "reason_codes"),
    AppealResolution.OVERTURN.value: ("resolution", "message", "limit", "rate", "conditions"),
    AppealResolution.PARTIAL.value: ("resolution", "message", "limit", "rate", "conditions"),
}


def _as_field_error(exc: RuleError) -> ValidationFailed:
    return ValidationFailed({"case_id": FieldError(exc.code, exc.ko, exc.en)})


def submit_specs() -> list[FieldSpec]:
    return [
        FieldSpec(
            "case_id",
            translate("AppealForms", "Case"),
            placeholder=translate("AppealForms", "A rejected case, e.g. C-102"),
        ),
        FieldSpec("reason", translate("AppealForms", "Reason"), "long"),
        FieldSpec(
            "evidence",
            translate("AppealForms", "Evidence"),
            "list",
            required=False,
            placeholder=translate("AppealForms", "Comma-separated documents"),
        ),
    ]


def resolve_specs(lang: str = "en") -> list[FieldSpec]:
    choices = (
        (AppealResolution.UPHOLD.value, translate("AppealForms", "Uphold (keep the decision)")),
        (AppealResolution.OVERTURN.value, translate("AppealForms", "Overturn (approve)")),
        (
            AppealResolution.PARTIAL.value,
            translate("AppealForms", "Partial (approve with conditions)"),
        ),
    )
    return [
        FieldSpec("resolution", translate("AppealForms", "Resolution"), "choice", choices=choices),
        FieldSpec("message", translate("AppealForms", "Message to the customer"), "long"),
        FieldSpec(  # picked from the catalogue, never typed (issue 17)
            "reason_codes",
            translate("AppealForms", "Reason codes"),
            "codes",
            choices=tuple((c.code, c.label(lang)) for c in codes_for("appeal_resolve")),
        ),
        FieldSpec("limit", translate("AppealForms", "Limit"), "int", placeholder="30,000,000"),
        FieldSpec(
            "rate", translate("AppealForms", "Rate (%)"), "rate", required=False, placeholder="4.5"
        ),
        FieldSpec("conditions", translate("AppealForms", "Conditions"), "list", required=False),
    ]


class SubmitAppealForm(SubmitForm):
    """``POST /v1/appeals`` on behalf of the customer (agent, reviewer…)."""

    def __init__(
        self,
        store: Store,
        user: User,
        lang: str,
        now: Now,
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("AppealForms", "Submit an appeal"),
            submit_specs(),
            lambda values: self._work(values),
            runner,
            lang,
            parent,
            cancellable=False,
            op_name="appeal.submit",
        )
        self.setObjectName("submitAppealForm")
        self._store, self._user, self._now = store, user, now

    def _work(self, values: dict[str, Any]) -> Callable[[], Any]:
        """Read on the GUI thread; the returned work runs on the store writer."""
        case_id = str(values.pop("case_id", "") or "").strip()
        if not case_id:
            raise ValidationFailed(
                {"case_id": FieldError("required", "케이스: 필수 입력입니다.", "Case: required")}
            )
        store, user, now = self._store, self._user, self._now()

        def work() -> Any:
            try:
                return appeal_actions.submit_appeal(store, user, case_id, values, now)
            except ValidationFailed:
                raise
            except (RuleError, NotFound) as exc:  # window closed, not rejected, appealed…
                raise _as_field_error(exc) from exc

        return work


class ResolveAppealForm(SubmitForm):
    """``POST /v1/appeals/{id}/resolve`` by an independent senior reviewer."""

    def __init__(
        self,
        store: Store,
        user: User,
        lang: str,
        now: Now,
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("AppealForms", "Resolve the appeal"),
            resolve_specs(lang),
            lambda values: self._work(values),
            runner,
            lang,
            parent,
            cancellable=False,
            op_name="appeal.resolve",
        )
        self.setObjectName("resolveAppealForm")
        self._store, self._user, self._now = store, user, now
        self.appeal_id = ""
        self.submitted_appeal_id = ""
        combo = self.fields.rows["resolution"].editor
        combo.currentIndexChanged.connect(self._on_resolution_changed)
        self._on_resolution_changed()

    def resolution(self) -> str:
        return str(self.fields.rows["resolution"].value() or AppealResolution.UPHOLD.value)

    def payload(self) -> dict[str, Any]:
        """The request body: the visible fields, typed, and ``new_decision`` from the choice."""
        wanted = RESOLVE_FIELDS[self.resolution()]
        raw = {k: v for k, v in self.values().items() if k in wanted}
        typed = action_input.normalise(
            Action.APPROVE, {k: v for k, v in raw.items() if k in ("limit", "rate", "conditions")}
        )
        body = {**raw, **typed}
        if "reason_codes" in body:
            body["reason_codes"] = action_input.normalise(
                Action.DENY, {"reason_codes": body["reason_codes"]}
            )["reason_codes"]
        decision = appeals.NEW_DECISION.get(AppealResolution(self.resolution()))
        if decision:
            body["new_decision"] = decision
        return body

    def _work(self, _values: dict[str, Any]) -> Callable[[], Any]:
        """Read on the GUI thread; the returned work runs on the store writer."""
        self.submitted_appeal_id = self.appeal_id  # the list may move on before it is done
        return functools.partial(
            appeal_actions.resolve_appeal,
            self._store,
            self._user,
            self.appeal_id,
            self.payload(),
            self._now(),
        )

    def set_appeal(self, appeal_id: str) -> None:
        if appeal_id != self.appeal_id:
            self.fields.clear()
            self.show_problem("")
            self._on_resolution_changed()
        self.appeal_id = appeal_id

    def _on_resolution_changed(self, *_: object) -> None:
        wanted = RESOLVE_FIELDS[self.resolution()]
        for name, row in self.fields.rows.items():
            row.setVisible(name in wanted)
            label = self.fields.form.labelForField(row)
            if label is not None:
                label.setVisible(name in wanted)
