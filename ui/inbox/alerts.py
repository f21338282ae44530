"""Watches the store for what a reviewer must not miss: new P0 cases and SLA warnings/breaches.

New P0: among the case ids a sync changed, P0 cases not seen before. SLA: every few ticks, the
at-risk and breached cases assigned to me or unassigned, compared with the last look. Each
finding is one ``sig_alert_raised``; the page flashes the rows, the window notifies.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from app.domain.enums import AlertKind, CaseStatus, Priority
from app.store.inbox import InboxFilter
from ui.inbox.source import InboxSource

ACTIVE = frozenset(
    s.value
    for s in (CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.AWAITING_DOCS, CaseStatus.ESCALATED)
)
SLA_EVERY_TICKS = 15


class InboxAlerts(QObject):
    """Turns store state into alerts; knows nothing about widgets."""

    sig_alert_raised = Signal(str, str, object)
    """Emitted with (AlertKind value, message, set of case ids)."""

    def __init__(self, source: InboxSource, me: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._me = me
        self._p0_seen: set[str] | None = None
        self._warned: set[str] | None = None
        self._breached: set[str] | None = None
        self._ticks = 0

    def _mine(self, sla: str, now: datetime) -> set[str]:
        base = InboxFilter(me=self._me, sla=sla, statuses=ACTIVE)  # type: ignore[arg-type]
        ids: set[str] = set()
        for who in ("me", "unassigned"):
            ids.update(self._source.ids(replace(base, assignee=who), now))
        return ids

    def prime(self, now: datetime) -> None:
        """Remember what exists now, so only later arrivals alert."""
        p0 = InboxFilter(priorities=frozenset([Priority.P0]), statuses=ACTIVE)
        self._p0_seen = set(self._source.ids(p0, now))
        self._warned = self._mine("at_risk", now)
        self._breached = self._mine("breached", now)

    def on_cases_changed(self, case_ids: set[str], now: datetime) -> None:
        if self._p0_seen is None:
            self.prime(now)
            return
        fresh = case_ids - self._p0_seen
        if not fresh:
            return
        rows = self._source.rows(sorted(fresh))
        new_p0 = {
            cid for cid, r in rows.items() if r.priority == Priority.P0.value and r.status in ACTIVE
        }
        if new_p0:
            self._p0_seen |= new_p0
            first = rows[sorted(new_p0)[0]]
            text = self.tr("New P0 case {case} — {customer}").format(
                case=first.id, customer=first.customer_name
            )
            if len(new_p0) > 1:
                text = self.tr("{n} new P0 cases").format(n=len(new_p0))
            self.sig_alert_raised.emit(AlertKind.P0_ARRIVAL.value, text, new_p0)

    def on_tick(self, now: datetime) -> None:
        self._ticks += 1
        if self._ticks % SLA_EVERY_TICKS == 0:
            self.check_sla(now)

    def check_sla(self, now: datetime) -> None:
        if self._warned is None or self._breached is None:
            self.prime(now)
            return
        warned, breached = self._mine("at_risk", now), self._mine("breached", now)
        new_warn, new_breach = warned - self._warned, breached - self._breached
        self._warned, self._breached = warned, breached
        if new_breach:
            text = self.tr("SLA breached: {cases}").format(cases=_some(new_breach))
            self.sig_alert_raised.emit(AlertKind.SLA_BREACH.value, text, new_breach)
        if new_warn:
            text = self.tr("SLA at risk (80% used): {cases}").format(cases=_some(new_warn))
            self.sig_alert_raised.emit(AlertKind.SLA_WARNING.value, text, new_warn)


def _some(ids: set[str], shown: int = 3) -> str:
    ordered = sorted(ids)
    text = ", ".join(ordered[:shown])
    return text + (f" +{len(ordered) - shown}" if len(ordered) > shown else "")
