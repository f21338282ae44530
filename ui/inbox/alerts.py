"""Watches the store for what a reviewer must not miss: new P0 cases and SLA warnings/breaches.

New P0: among the case ids a sync changed, P0 cases not seen before. SLA: every few ticks, the
at-risk and breached cases assigned to me or unassigned, compared with the last look (the looks
run on the UI worker thread). Each finding is one ``sig_alert_raised``; the page flashes the
rows, the window notifies.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from app.domain.enums import AlertKind, CaseStatus, Priority
from app.rules.pii import mask_name
from app.store.inbox import InboxFilter
from ui.inbox.source import InboxSource
from ui.offthread import run_in_thread

ACTIVE = frozenset(
    s.value
    for s in (CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.AWAITING_DOCS, CaseStatus.ESCALATED)
)
SLA_EVERY_TICKS = 15


class InboxAlerts(QObject):
    """Turns store state into alerts; knows nothing about widgets."""

    sig_alert_raised = Signal(str, str, object)
    """Emitted with (AlertKind value, message, set of case ids)."""

    def __init__(
        self,
        source: InboxSource,
        me: str,
        parent: QObject | None = None,
        *,
        mask_names: bool = False,
    ) -> None:
        super().__init__(parent)
        self._mask_names = mask_names
        self._source = source
        self._me = me
        self._p0_seen: set[str] | None = None
        self._warned: set[str] | None = None
        self._breached: set[str] | None = None
        self._ticks = 0
        self._busy = False  # a look at the store is running on the worker thread

    def prime(self, now: datetime) -> None:
        """Remember what exists now, so only later arrivals alert. The queries run on the UI
        worker thread (at 100 000 cases they take a good part of a second)."""
        if self._busy:
            return
        self._busy = True
        source, me = self._source, self._me
        run_in_thread(
            lambda: _snapshot(source, me, now), self._on_primed, "inbox-alerts", self._on_failed
        )

    @property
    def primed(self) -> bool:
        return self._p0_seen is not None

    def _on_primed(self, snapshot: tuple[set[str], set[str], set[str]]) -> None:
        self._busy = False
        self._p0_seen, self._warned, self._breached = snapshot

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
                case=first.id,
                customer=mask_name(first.customer_name)
                if self._mask_names
                else first.customer_name,
            )
            if len(new_p0) > 1:
                text = self.tr("{n} new P0 cases").format(n=len(new_p0))
            self.sig_alert_raised.emit(AlertKind.P0_ARRIVAL.value, text, new_p0)

    def on_tick(self, now: datetime) -> None:
        self._ticks += 1
        if self._ticks % SLA_EVERY_TICKS == 0:
            self.check_sla(now)

    def check_sla(self, now: datetime) -> None:
        """Compare the at-risk and breached cases (mine or unassigned) with the last look,
        off the UI thread; alerts follow when the look is back."""
        if self._warned is None or self._breached is None:
            self.prime(now)
            return
        if self._busy:
            return
        self._busy = True
        source, me = self._source, self._me
        run_in_thread(
            lambda: (_mine(source, me, "at_risk", now), _mine(source, me, "breached", now)),
            self._on_checked,
            "inbox-alerts",
            self._on_failed,
        )

    def _on_failed(self, _exc: Exception) -> None:
        self._busy = False  # logged by run_in_thread; the next tick looks again

    def _on_checked(self, looked: tuple[set[str], set[str]]) -> None:
        self._busy = False
        if self._warned is None or self._breached is None:
            return
        warned, breached = looked
        new_warn, new_breach = warned - self._warned, breached - self._breached
        self._warned, self._breached = warned, breached
        if new_breach:
            text = self.tr("SLA breached: {cases}").format(cases=_some(new_breach))
            self.sig_alert_raised.emit(AlertKind.SLA_BREACH.value, text, new_breach)
        if new_warn:
            text = self.tr("SLA at risk (80% used): {cases}").format(cases=_some(new_warn))
            self.sig_alert_raised.emit(AlertKind.SLA_WARNING.value, text, new_warn)


def _mine(source: InboxSource, me: str, sla: str, now: datetime) -> set[str]:
    """At-risk / breached active cases assigned to ``me`` or unassigned (worker thread)."""
    base = InboxFilter(me=me, sla=sla, statuses=ACTIVE)  # type: ignore[arg-type]
    ids: set[str] = set()
    for who in ("me", "unassigned"):
        ids.update(source.ids(replace(base, assignee=who), now))
    return ids


def _snapshot(source: InboxSource, me: str, now: datetime) -> tuple[set[str], set[str], set[str]]:
    """(active P0 ids, mine at risk, mine breached) now (worker thread)."""
    p0 = InboxFilter(priorities=frozenset([Priority.P0]), statuses=ACTIVE)
    at_risk, breached = _mine(source, me, "at_risk", now), _mine(source, me, "breached", now)
    return set(source.ids(p0, now)), at_risk, breached


def _some(ids: set[str], shown: int = 3) -> str:
    ordered = sorted(ids)
    text = ", ".join(ordered[:shown])
    return text + (f" +{len(ordered) - shown}" if len(ordered) > shown else "")
