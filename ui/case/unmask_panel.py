"""The case page's "Unmask": choose one identifier, give a reason, see the full value for 60 s.

The value comes from ``POST /v1/cases/{id}/unmask`` through the sync engine's API client (online
only; offline the panel says so). It lives in one label and in no other place: not in the local
store, not in the outbox, not in a log line, not on the clipboard (the label takes no mouse or
keyboard selection and has no context menu). The shared 1 Hz clock hides it again
``SHOW_SECONDS`` after it was shown (and so does choosing another case or leaving the page).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.rules.errors import RuleError
from app.services.unmask import REASON_MAX, SHOW_SECONDS, prepare, unmask
from sync.problems import ApiProblem, NetworkError
from ui.context import AppContext
from ui.wiring import domain_user


class UnmaskPanel(QWidget):
    sig_value_shown = Signal(str)
    """Emitted with the field name (never the value) when a full value is on screen."""

    sig_value_hidden = Signal()
    """Emitted when the value was taken off the screen again."""

    sig_failed = Signal(str)
    """Emitted with the message shown when the server refused or could not be reached."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unmaskPanel")
        self.context = context
        self.case_id = ""
        self.shown_until: datetime | None = None
        self._shown = ("", "")  # label and value while shown
        self.field = QComboBox(self)
        self.field.setObjectName("unmaskField")
        self._labels = {
            "resident_id": self.tr("Resident ID"),
            "account_id": self.tr("Account"),
            "phone": self.tr("Phone"),
            "card_number": self.tr("Card number"),
        }
        self.set_fields(list(self._labels))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("unmaskReason")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("Why do you need the full value?"))
        self.show_button = QPushButton(self.tr("Show for 60 seconds"), self)
        self.show_button.setObjectName("unmaskShow")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.value = QLabel(self)
        self.value.setObjectName("unmaskValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.value.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.message = QLabel(self)
        self.message.setObjectName("unmaskMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 0, 0)
        form.addRow(self.tr("Identifier"), self.field)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)
        form.addRow(self.value)
        form.addRow(self.message)
        self.show_button.clicked.connect(self._on_show_clicked)
        self.reason.returnPressed.connect(self._on_show_clicked)
        self.cancel_button.clicked.connect(self.close_panel)
        context.clock.sig_tick.connect(self._on_tick)
        self.value.hide()
        self.message.hide()

    # -- state ----------------------------------------------------------------------------------
    def set_fields(self, fields: list[str]) -> None:
        """The identifiers offered: those the case has (masked in the local store)."""
        self.field.clear()
        for key in fields:
            self.field.addItem(self._labels[key], key)

    def open_for(self, case_id: str, fields: list[str] | None = None) -> None:
        """Ask for a reason (the panel shows; the reason field has the focus)."""
        if case_id != self.case_id:
            self.hide_value()
        if fields is not None:
            self.set_fields([f for f in fields if f in self._labels])
        self.case_id = case_id
        self.message.hide()
        self.show()
        self.reason.setFocus()

    def close_panel(self) -> None:
        self.hide_value()
        self.reason.clear()
        self.message.hide()
        self.hide()

    def value_visible(self) -> bool:
        return self.shown_until is not None

    def hide_value(self) -> None:
        was = self.shown_until is not None
        self.shown_until = None
        self._shown = ("", "")
        self.value.clear()
        self.value.hide()
        if was:
            self.sig_value_hidden.emit()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.sig_failed.emit(text)

    # -- handlers -------------------------------------------------------------------------------
    def _on_show_clicked(self) -> None:
        field = str(self.field.currentData())
        lang = self.context.lang
        user = self._user()
        try:
            prepare(user, self.case_id, field, self.reason.text())
        except RuleError as exc:
            self._say(exc.text(lang))
            return
        api = self.context.bridge.api()
        if api is None:
            self._say(self.tr("Unmasking needs a connection to the server."))
            return
        self.show_button.setEnabled(False)
        reason = self.reason.text()
        self.context.keeper.start(self._fetch(api, field, reason), name="unmask")

    async def _fetch(self, api: Any, field: str, reason: str) -> None:
        case_id = self.case_id
        try:
            value = await unmask(api.unmask, self._user(), case_id, field, reason)
        except ApiProblem as exc:
            self._on_refused(exc)
            return
        except NetworkError:
            self._say(self.tr("The server could not be reached; nothing was shown."))
            return
        except RuleError as exc:
            self._say(exc.text(self.context.lang))
            return
        finally:
            self.show_button.setEnabled(True)
        if case_id != self.case_id or self.isHidden():
            return  # another case (or no panel) by now: the value is dropped, never shown
        self.reason.clear()
        self.message.hide()
        self._shown = (self._labels.get(field, field), value)
        self.shown_until = self.context.clock.now() + timedelta(seconds=SHOW_SECONDS)
        self._render(self.context.clock.now())
        self.value.show()
        self.sig_value_shown.emit(field)

    def _render(self, now: datetime) -> None:
        """ "Resident ID: 581111-… · hidden in 42 s": which value it is and for how long."""
        if self.shown_until is None:
            return
        label, value = self._shown
        left = max(0, int((self.shown_until - now).total_seconds() + 0.999))
        self.value.setText(
            self.tr("{label}: {value} · hidden in {n} s").format(label=label, value=value, n=left)
        )

    def _on_refused(self, exc: ApiProblem) -> None:
        if exc.status == 429:
            wait = int(exc.retry_after or 60)
            self._say(self.tr("Too many unmask requests. Try again in {n} s.").format(n=wait))
        elif exc.status == 403:
            self._say(self.tr("Your role may not unmask customer identifiers."))
        elif exc.status == 404:
            self._say(self.tr("This case has no such identifier."))
        else:
            self._say(self.tr("The server refused: {detail}").format(detail=exc.code))

    def _on_tick(self, now: datetime) -> None:
        if self.shown_until is not None and now >= self.shown_until:
            self.hide_value()
        else:
            self._render(now)

    def _user(self) -> Any:
        return domain_user(self.context)
