"""How an alert reads in the UI, on every page that lists alerts: its kind's label, its message
in the UI language and its time. How urgent it is lives in ``app.rules.alert_severity``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.wire import parse_time
from app.rules.alert_text import render
from ui.look import current_language

translate = QCoreApplication.translate


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
