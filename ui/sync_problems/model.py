"""The rows the server refused (conflict / rejected), oldest first, from the local outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from app.rules.messages import action_label
from app.store.outbox import outbox_problems
from app.store.store import Store
from app.text.labels import label_of
from widgets.formatting import table_time
from widgets.table_model import TableModel


@dataclass(frozen=True, slots=True)
class Problem:
    """One refused outbox row, detached from the session."""

    id: int
    intent: str
    path: str
    status: str
    case_id: str | None
    entity_id: str
    user_input: dict[str, Any]
    problem: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None

    @property
    def title(self) -> str:
        return str(self.problem.get("title") or self.problem.get("code") or self.status)

    @property
    def detail(self) -> str:
        return str(self.problem.get("detail") or "")

    @property
    def errors(self) -> dict[str, str]:
        raw = self.problem.get("errors") or {}
        return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def load_problems(store: Store) -> list[Problem]:
    with store.session() as session:
        return [
            Problem(
                r.id,
                r.intent,
                r.path,
                r.status,
                r.case_id,
                r.entity_id,
                dict(r.user_input or {}),
                dict(r.problem or {}),
                r.updated_at,
            )
            for r in outbox_problems(session)
        ]


class ProblemsModel(TableModel):
    """Columns: when, action, case, outcome, the server's reason."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ProblemsModel", "When"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Action"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Case"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Outcome"),
        QT_TRANSLATE_NOOP("ProblemsModel", "Server's reason"),
    )

    def __init__(self, store: Store, lang: str = "ko", parent=None) -> None:
        super().__init__(parent, load=lambda: load_problems(store))
        self._lang = lang

    def problem(self, row: int) -> Problem | None:
        return self.at(row)

    def cell(self, p: Problem, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        outcome = label_of("OutboxStatus", p.status, self._lang)
        what = action_label(p.intent.split(".")[-1], self._lang)
        values = (table_time(p.updated_at), what, p.case_id or "", outcome, p.title)
        return values[column]
