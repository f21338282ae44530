"""The operations desk (``--page ops``) for supervisors and ops admins: queue statistics, open
alerts with Acknowledge, the SLA report with CSV export, reassign, and the server's stored
daily / weekly / monthly reports. Queue stats and alerts
share the wall's feed (``ui.ops_feed.WallFeed``): polled, never blocking, reconnecting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.people import User
from app.rules.errors import RuleError
from app.services import ops_actions
from app.store.store import Store
from app.text.labels import person_name
from ui.ops.alerts_tab import AlertsTab
from ui.ops.reassign import ReassignForm, local_users
from ui.ops.report import ReportTab
from ui.ops_feed import WallFeed
from ui.ops_source import WallSnapshot
from ui.runner import Op, OperationRunner
from ui.tasks import TaskKeeper
from widgets.clock import Clock
from widgets.formatting import local_time
from widgets.ops_models import QueueStatsModel
from widgets.table_view import make_table

translate = QCoreApplication.translate


class OpsPage(QWidget):
    sig_action_done = Signal(str, str)
    """Emitted with (intent, message) after an action was written to the outbox."""

    sig_action_failed = Signal(str, str)
    """Emitted with (intent, message) when an action was refused (nothing was written)."""

    def __init__(
        self,
        feed: WallFeed,
        report: ReportTab,
        store: Store,
        runner: OperationRunner,
        actor: User,
        clock: Clock,
        keeper: TaskKeeper,
        lang: str = "ko",
        parent: QWidget | None = None,
        stored: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opsPage")
        self.feed, self.store, self.runner, self.actor = feed, store, runner, actor
        self.clock, self.keeper, self.lang = clock, keeper, lang
        title = QLabel(translate("OpsPage", "Operations"), self)
        title.setObjectName("pageTitle")
        self.as_of = QLabel(translate("OpsPage", "Waiting for data…"), self)
        self.queues = QueueStatsModel(self)
        self.queue_view = make_table(
            self,
            self.queues,
            name="opsQueueTable",
            row_pad=None,
            stretch=None,  # a stretched last column shrinks below its header when the font is large
            accessible_name=translate("OpsPage", "Queues"),
        )
        roles = set(actor.roles)
        can_ack = any(r in roles for r in ops_actions.ACK_ROLES)
        self.alerts = AlertsTab(can_ack, self)
        self.report = report
        report.setParent(self)
        can_reassign = any(r.value == "ops_admin" for r in roles)
        self.reassign = ReassignForm(store, can_reassign, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.queue_view, translate("OpsPage", "Queues"))
        self.tabs.addTab(self.alerts, translate("OpsPage", "Alerts"))
        self.tabs.addTab(self.report, translate("OpsPage", "SLA report"))
        self.tabs.addTab(self.reassign, translate("OpsPage", "Reassign"))
        self.stored = stored  # the server's daily / weekly / monthly reports
        if stored is not None:
            self.tabs.addTab(stored, translate("OpsPage", "Reports"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.as_of)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        feed.sig_snapshot_updated.connect(self.on_snapshot)
        feed.sig_freshness_changed.connect(self._on_freshness)
        self.alerts.sig_ack_requested.connect(self._on_ack_requested)
        self.reassign.sig_reassign_requested.connect(self._on_reassign_requested)

    def on_snapshot(self, snap: WallSnapshot) -> None:
        self.queues.set_data(snap.queues, snap.stats)
        self.alerts.model.set_alerts(snap.all_alerts)
        self.tabs.setTabText(1, translate("OpsPage", "Alerts ({n})").format(n=len(snap.all_alerts)))
        if snap.as_of is not None:
            self.as_of.setText(
                translate("OpsPage", "Data as of {time}").format(
                    time=local_time(snap.as_of, "%H:%M:%S")
                )
            )

    def _on_freshness(self, stale: bool, age_s: float) -> None:
        if stale:
            self.as_of.setText(
                translate("OpsPage", "No update for {s} s — reconnecting…").format(s=int(age_s))
            )

    # -- actions ----------------------------------------------------------------------------
    def _run(self, intent: str, fn: Any, *args: Any, done: str) -> Op:
        """Write on the runner (the store writer); the desk hears back on the GUI thread."""
        op = self.runner.op(fn, self.store, self.actor, *args, self.clock.now())
        op.success(lambda _result: self._on_done(intent, done))
        op.failure(lambda exc: self._on_failed(intent, exc))
        return op.run(intent)

    def _on_done(self, intent: str, done: str) -> None:
        self.message.setText(done)
        self.sig_action_done.emit(intent, done)
        self._after(intent)

    def _on_failed(self, intent: str, exc: Exception) -> None:
        text = exc.text(self.lang) if isinstance(exc, RuleError) else str(exc)
        self.message.setText(text)
        self.sig_action_failed.emit(intent, text)

    def _after(self, intent: str) -> None:
        snap = self.feed.snapshot
        if intent == ops_actions.ACK_INTENT and snap is not None:
            snap.alerts = self.feed.source.banner_alerts(snap.alerts)
            snap.all_alerts = self.feed.source.open_alerts(snap.all_alerts)
            self.feed.sig_snapshot_updated.emit(snap)  # gone from the wall and the list at once

    def _on_ack_requested(self, alert: dict, note: str) -> None:
        form = {"note": note} if note else {}
        done = translate("OpsPage", "Alert acknowledged; it leaves the wall.")
        self._run(ops_actions.ACK_INTENT, ops_actions.acknowledge_alert, alert, form, done=done)

    def _on_reassign_requested(self, source: str, target: str) -> None:
        names = dict(local_users(self.store))
        done = translate("OpsPage", "Reassignment queued: {a} → {b}.").format(
            a=person_name(source, names, self.lang),
            b=person_name(target, names, self.lang),
        )
        form = {"from": source, "to": target}
        self._run("ops.reassign", ops_actions.reassign, form, done=done)
