"""Who is calling: name, tier (MSP / general / unregistered), masked identifiers, the call flow
and queue with its SLA countdown (app.rules.sla queue policies), open cases and the customer's
prior interactions (earlier calls and cases, newest first: ``ui.call.timeline``)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.calls import Call
from app.domain.enums import CallFlow, CallState
from app.rules import sla
from app.rules.errors import RuleError
from app.rules.pii import mask_identifier, mask_name
from app.text.labels import label_of, queue_label
from ui.call.common import section_title
from ui.call.source import CaseLine, Interaction
from ui.call.timeline import TimelineView
from widgets.a11y import ending_in, name_with_value
from widgets.formatting import language
from widgets.sla_countdown import (
    BANDS,
    accessible_text,
    countdown_text,
    countdown_tooltip,
    paint_shape,
)


class SlaBadge(QWidget):
    """Shape cue + remaining time of one SLA clock (colour is never the only cue)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: sla.SlaView | None = None
        self.setMinimumHeight(self.fontMetrics().height() + 6)

    def set_view(self, view: sla.SlaView | None) -> None:
        self.view = view
        self.setToolTip(countdown_tooltip(view) if view else "")
        self.setAccessibleName(accessible_text(view) if view else "")
        self.update()

    def text(self) -> str:
        return countdown_text(self.view) if self.view else ""

    def sizeHint(self) -> QSize:
        return QSize(160, self.fontMetrics().height() + 6)

    def paintEvent(self, _event) -> None:
        if self.view is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        band = BANDS[self.view.state]
        size = min(12, self.height() - 4)
        paint_shape(painter, band, QRect(0, (self.height() - size) // 2, size, size))
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            self.rect().adjusted(size + 6, 0, 0, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self.text(),
        )


class CustomerCard(QFrame):
    """The left-hand card of the call page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.mask_names = False  # a supervisor-only user (shared screen) sees 김*훈
        self._sla: sla.SlaInfo | None = None
        self.name = QLabel(self)
        self.name.setObjectName("customerName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.tier = QLabel(self)
        self.tier.setObjectName("customerTier")
        self.account = QLabel(self)
        self.phone = QLabel(self)
        self.flow = QLabel(self)
        self.queue = QLabel(self)
        self.queue.setWordWrap(True)
        self.sla_badge = SlaBadge(self)
        self.cases = QLabel(self)
        self.cases.setWordWrap(True)
        self.timeline = TimelineView(self)
        self.no_history = QLabel(self.tr("No earlier calls or cases"), self)
        self.no_history.setObjectName("emptyState")
        for label in (self.account, self.phone, self.cases):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Flow"), self.flow)
        form.addRow(self.tr("Queue"), self.queue)
        form.addRow(self.tr("SLA"), self.sla_badge)
        cases_title = section_title(self.tr("Open cases"), self)
        past_title = section_title(self.tr("Prior interactions"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.name)
        layout.addWidget(self.tier)
        layout.addLayout(form)
        layout.addWidget(cases_title)
        layout.addWidget(self.cases)
        layout.addWidget(past_title)
        layout.addWidget(self.timeline)
        layout.addWidget(self.no_history)
        self.clear()

    def tier_text(self, tier: str) -> str:
        return {
            "msp": self.tr("■ MSP customer"),
            "general": self.tr("● General customer"),
            "vip": self.tr("◆ VIP customer"),
        }.get(tier, self.tr("○ Unregistered caller"))

    def flow_text(self, flow: CallFlow) -> str:
        return {
            CallFlow.MSP: self.tr("MSP"),
            CallFlow.GENERAL: self.tr("General"),
            CallFlow.AFTER_HOURS: self.tr("After hours"),
            CallFlow.EMERGENCY: self.tr("Emergency"),
        }[flow]

    def clear(self) -> None:
        self._sla = None
        self.name.setText(self.tr("No call"))
        for label in (self.tier, self.account, self.phone, self.flow, self.queue):
            label.setText("—")
        self.sla_badge.set_view(None)
        self.cases.setText("")
        self.show_timeline([])

    def set_call(
        self,
        call: Call,
        queue_name: str,
        policy: str,
        cases: list[CaseLine],
        past: list[Interaction],
        now: datetime,
    ) -> None:
        c = call.customer
        name = mask_name(c.name) if self.mask_names else c.name
        self.name.setText(name or self.tr("Unknown caller"))
        self.tier.setText(self.tier_text(c.tier))
        self.tier.setProperty("tier", c.tier)
        self.account.setText(mask_identifier(c.account_id) or "—")
        self.account.setToolTip(self.tr("Masked: only the last 4 digits are shown"))
        self.phone.setText(mask_identifier(c.phone) or "—")
        for field, what in ((self.account, self.tr("Account")), (self.phone, self.tr("Phone"))):
            field.setAccessibleName(name_with_value(what, ending_in(field.text())))
        self.flow.setText(self.flow_text(call.flow))
        self.queue.setText(queue_label(call.queue, language(), {call.queue: queue_name}))
        self._sla = None
        if call.started_at is not None:
            try:
                self._sla = sla.start(
                    policy if policy in sla.policies() else call.queue, call.started_at
                )
            except RuleError:
                self._sla = None
        if self._sla is not None and call.state is CallState.ENDED:
            self._sla = sla.mark_met(self._sla, call.ended_at or now)
        self.tick(now)
        lang = language()
        self.cases.setText(
            "\n".join(
                f"{k.id} · {str(k.priority).upper()} · {label_of('CaseStatus', k.status, lang)}"
                for k in cases
            )
            or self.tr("No open cases")
        )
        self.show_timeline(past)

    def show_timeline(self, past: list[Interaction]) -> None:
        """Earlier calls and cases of the customer, newest first (``CallSource.timeline``)."""
        self.timeline.timeline.set_rows(past)
        self.timeline.setVisible(bool(past))
        self.no_history.setVisible(not past)

    def tick(self, now: datetime) -> None:
        self.sla_badge.set_view(sla.evaluate(self._sla, now) if self._sla else None)
