"""The approvals inbox: executions paused for HITL approval (seed 002, the local store's
``approval`` entities) and generated content awaiting review (seed 003, its ``generated``
entities). The time-left column follows the shared 1 Hz clock with ``dataChanged`` over that
column only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from app.domain.decisions import ApprovalRequest
from app.domain.generated import GeneratedContent, GeneratedStatus
from app.domain.wire import from_wire
from app.store.models import ApprovalRow, GeneratedRow
from app.store.store import Store
from app.text.labels import label
from widgets.formatting import format_duration, language
from widgets.palette import qcolor
from widgets.table_model import TableModel

OPEN = ("PENDING", "ESCALATED")
WAITING = (GeneratedStatus.PENDING.value,)
TIME_COLUMN = 5


@dataclass
class ApprovalItem:
    id: str
    generated: bool
    request: ApprovalRequest | None = None
    content: GeneratedContent | None = None

    @property
    def expires_at(self) -> datetime | None:
        return self.request.expires_at if self.request else None


def load_items(store: Store) -> list[ApprovalItem]:
    """Open items, decisions first by expiry, then generated content by age."""
    with store.session() as s:
        requests = s.execute(
            select(ApprovalRow.id, ApprovalRow.data).where(ApprovalRow.status.in_(OPEN))
        ).all()
        generated = s.execute(
            select(GeneratedRow.id, GeneratedRow.data)
            .where(GeneratedRow.status.in_(WAITING))
            .order_by(GeneratedRow.generated_at, GeneratedRow.id)
        ).all()
    items = [ApprovalItem(i, False, request=from_wire(ApprovalRequest, d)) for i, d in requests]
    items += [ApprovalItem(i, True, content=from_wire(GeneratedContent, d)) for i, d in generated]
    return sorted(
        items, key=lambda i: (i.generated, i.expires_at or datetime.max.replace(tzinfo=UTC), i.id)
    )


class ApprovalsModel(TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ApprovalsModel", "Kind"),
        QT_TRANSLATE_NOOP("ApprovalsModel", "Item"),
        QT_TRANSLATE_NOOP("ApprovalsModel", "Type"),
        QT_TRANSLATE_NOOP("ApprovalsModel", "Status"),
        QT_TRANSLATE_NOOP("ApprovalsModel", "Approval level"),
        QT_TRANSLATE_NOOP("ApprovalsModel", "Time left (24 h)"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._now: datetime | None = None

    def set_items(self, items: list[ApprovalItem], now: datetime) -> None:
        self._now = now
        self.set_rows(items)

    def item(self, row: int) -> ApprovalItem | None:
        return self.at(row)

    def on_tick(self, now: datetime) -> None:
        self._now = now
        self.refresh(TIME_COLUMN, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    def _time_left(self, item: ApprovalItem) -> str:
        if item.expires_at is None or self._now is None:
            return "—"
        left = item.expires_at - self._now
        if left.total_seconds() <= 0:
            return self.tr("expired {time} ago (E007)").format(time=format_duration(left))
        return format_duration(left)

    def cell(self, item: ApprovalItem, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            lang = language()
            if item.generated:
                c = item.content
                check = "" if c.fact_check is None else (" ✔" if c.fact_check.passed else " ⚠")
                values = (
                    self.tr("Generated"),
                    f"{c.id} · {c.title}",
                    label(c.kind, lang),
                    label(c.status, lang) + check,
                    "—",
                    "—",
                )
            else:
                r = item.request
                values = (
                    self.tr("Decision"),
                    f"{r.execution_id} ({r.request_id})",
                    label(r.decision_type, lang),
                    label(r.status, lang),
                    label(r.required_level, lang),
                    self._time_left(item),
                )
            return values[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == TIME_COLUMN and item.expires_at:
            left = (item.expires_at - self._now).total_seconds() if self._now else 1
            return qcolor("error") if left < 4 * 3600 else None
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None
