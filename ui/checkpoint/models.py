"""The signal summary table of a checkpoint (seed 001: Type | Count | Severity | Affected Nodes),
with the unresolved streak that promotes a warning to critical after three SCs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.domain.checkpoints import Signal
from app.rules.checkpoints import PROMOTE_AFTER_SCS
from app.text.labels import label, label_of, queue_label
from widgets.formatting import language
from widgets.palette import qcolor
from widgets.table_model import TableModel

SEVERITY = {"critical": ("▲▲", "error"), "warning": ("▲", "warning"),
            "info": ("●", "info")}  # fmt: skip
"""Shape and palette role by severity (the word comes from ``app.text.labels``)."""


class SignalsModel(TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("SignalsModel", "Signal"),
        QT_TRANSLATE_NOOP("SignalsModel", "Type"),
        QT_TRANSLATE_NOOP("SignalsModel", "Count"),
        QT_TRANSLATE_NOOP("SignalsModel", "Severity"),
        QT_TRANSLATE_NOOP("SignalsModel", "Affected nodes"),
        QT_TRANSLATE_NOOP("SignalsModel", "Unresolved"),
    )
    NUMERIC = frozenset({2})

    def set_signals(self, signals: list[Signal]) -> None:
        self.set_rows(signals)

    def cell(self, s: Signal, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 5:
                if not s.unresolved_streak:
                    return "—"
                text = self.tr("{n} SCs in a row").format(n=s.unresolved_streak)
                if s.severity.value == "warning" and s.unresolved_streak + 1 >= PROMOTE_AFTER_SCS:
                    text += self.tr(" → critical next")
                return text
            lang = language()
            return (s.id, label_of("signal_type", s.type, lang), str(s.count),
                    f"{SEVERITY[s.severity.value][0]} {label(s.severity, lang)}",
                    ", ".join(queue_label(n, lang) for n in s.affected_nodes))[column]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return qcolor(SEVERITY[s.severity.value][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.evidence}\n{s.impact}"
        return None
