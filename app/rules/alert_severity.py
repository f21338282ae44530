"""How urgent each kind of alert is, and the order alerts are shown in: critical first, then
newest first. One rule for every screen that lists alerts (the wall's strip, the ops desk)."""

from __future__ import annotations

from typing import Any

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
"""Alert kind → "critical" | "warning"; a kind not listed is a warning."""
RANK = {"critical": 0, "warning": 1}


def most_urgent(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Critical first, then newest first."""
    newest = sorted(alerts, key=lambda a: a.get("at") or "", reverse=True)
    return sorted(newest, key=lambda a: RANK.get(SEVERITY.get(a.get("kind", ""), "warning"), 1))
