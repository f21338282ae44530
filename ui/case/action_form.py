"""The form of one runbook action of the case page: exactly the service's fields
(``ui.case.actions``), in a :class:`ui.submit_form.SubmitForm` that runs on the operation
runner."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from app.domain.people import User
from app.store.store import Store
from ui.case.actions import ActionSpec, action_title, field_specs
from ui.runner import OperationRunner
from ui.submit_form import SubmitForm

translate = QCoreApplication.translate


class ActionForm(SubmitForm):
    """The form of one runbook action for a task or case id (``target_id``)."""

    sig_action_submitted = Signal(object, object)
    """Emitted with (Action, ActionResult) after the service wrote the change and outbox row."""

    def __init__(
        self,
        spec: ActionSpec,
        store: Store,
        user: User,
        lang: str,
        now: Callable[[], datetime],
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            action_title(spec.action),
            field_specs(spec.action, lang),
            lambda values: self._work(values),
            runner,
            lang,
            parent,
            op_name=f"case.{spec.action.value}",
        )
        self.setObjectName(f"actionForm_{spec.action.value}")
        self.spec, self._store, self._user, self._now = spec, store, user, now
        self.target_id = ""
        self.sig_form_submitted.connect(lambda r: self.sig_action_submitted.emit(spec.action, r))

    def _work(self, form: dict[str, Any]) -> Callable[[], Any]:
        return functools.partial(
            self.spec.service, self._store, self._user, self.target_id, form, self._now()
        )

    def set_target(self, target_id: str) -> None:
        if target_id != self.target_id:
            self.fields.clear()
            self.show_problem("")
        self.target_id = target_id
