"""The wall's alert banner: the most urgent open alert in large type, with how many more wait.

It stays as long as the server lists the alert as open — only a supervisor's acknowledgement at
the desk (``POST /v1/alerts/{id}/ack``) removes it; the wall itself needs no click.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.domain.wire import parse_time
from app.rules.alert_text import render
from app.rules.pii import shared_subject, shared_text
from ui.look import current_language
from ui.wall.style import wall_theme
from widgets.formatting import local_time
from widgets.kpi_tile import LEVEL_COLORS, LEVEL_SHAPES
from widgets.palette import hex_of

translate = QCoreApplication.translate
SEVERITY = {
    "sla_breach": "critical",
    "p0_arrival": "critical",
    "critical_signal": "critical",
    "negative_sentiment": "warning",
    "sla_warning": "warning",
    "docs_overdue": "warning",
    "checkpoint_halted": "critical",
    "approval_expired": "warning",
    "call_queue_breach": "critical",
    "callback_due": "warning",
}
RANK = {"critical": 0, "warning": 1}


def kind_label(kind: str) -> str:
    labels = {
        "sla_breach": translate("Alerts", "SLA breach"),
        "p0_arrival": translate("Alerts", "P0 arrival"),
        "critical_signal": translate("Alerts", "Event checkpoint"),
        "negative_sentiment": translate("Alerts", "Negative sentiment"),
        "sla_warning": translate("Alerts", "SLA at risk"),
        "docs_overdue": translate("Alerts", "Documents overdue"),
        "checkpoint_halted": translate("Alerts", "Checkpoint halted"),
        "approval_expired": translate("Alerts", "Approval expired"),
        "call_queue_breach": translate("Alerts", "Call queue SLA passed"),
        "callback_due": translate("Alerts", "Callback overdue"),
    }
    return labels.get(kind, kind)


def alert_time(alert: dict[str, Any]) -> datetime | None:
    try:
        return parse_time(alert["at"]) if alert.get("at") else None
    except ValueError:
        return None


def alert_message(alert: dict[str, Any]) -> str:
    """The alert's text in the UI language: from its ``code`` + ``params`` when it has them
    (``app.rules.alert_text``), else the message as the server wrote it."""
    code = alert.get("code")
    if code:
        return render(str(code), alert.get("params") or {}, current_language())
    return str(alert.get("message") or "")


def alert_text(alert: dict[str, Any]) -> str:
    """ "SLA breach · C-1001 (P0) — message" in the UI language, message as the server wrote it
    but fit for a shared screen: case ids, never raw call ids; identifiers redacted
    (``app.rules.pii.shared_subject`` / ``shared_text``)."""
    what = kind_label(str(alert.get("kind") or ""))
    subject = shared_subject(alert)
    prio = str(alert.get("priority") or "").upper()
    text = f"{what} · {subject}" + (f" ({prio})" if prio else "")
    message = shared_text(alert_message(alert))
    return f"{text} — {message}" if message else text


def most_urgent(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Critical first, then newest first."""
    newest = sorted(alerts, key=lambda a: a.get("at") or "", reverse=True)
    return sorted(newest, key=lambda a: RANK.get(SEVERITY.get(a.get("kind", ""), "warning"), 1))


class AlertStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallAlertStrip")
        self.icon = QLabel(self)
        self.icon.setObjectName("wallAlertIcon")
        self.text = QLabel(self)
        self.text.setObjectName("wallAlertText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.more = QLabel(self)
        self.more.setObjectName("wallAlertMore")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.more)
        self._ids: list[str] = []
        self.hide()

    def alert_ids(self) -> list[str]:
        return list(self._ids)

    def set_alerts(self, alerts: list[dict[str, Any]]) -> None:
        ordered = most_urgent(alerts)
        self._ids = [str(a.get("id")) for a in ordered]
        if not ordered:
            self.hide()
            return
        top = ordered[0]
        level = SEVERITY.get(str(top.get("kind")), "warning")
        color = LEVEL_COLORS[level]
        wash = hex_of(
            "alert.background" if level == "critical" else "warning.background", wall_theme()
        )
        self.setStyleSheet(
            f"#wallAlertStrip {{ border-left: 14px solid {color}; background: {wash}; }}"
            f"#wallAlertIcon {{ color: {color}; }}"
        )
        self.icon.setText(LEVEL_SHAPES[level])
        at = alert_time(top)
        when = local_time(at, "%H:%M") if at else ""
        self.text.setText(f"{alert_text(top)}  {when}".strip())
        rest = len(ordered) - 1
        self.more.setText(translate("Alerts", "+{n} more").format(n=rest) if rest else "")
        self.setAccessibleName(self.text.text())
        self.show()
