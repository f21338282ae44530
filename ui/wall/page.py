"""The supervisor wall: kiosk layout, large type, rotating panels, alert banner, stale veil.

Layout (top to bottom): header (title, "data as of HH:MM:SS", rotation state), the alert banner
(until acknowledged at the desk), the KPI strip (always visible), the rotating panels. Rotation
every ``rotate_s`` seconds; it pauses for ``resume_s`` after a person moves the pointer, clicks or
types (``ui.wall.rotation``: a pointer merely resting over a full-screen wall does not pause it),
and until Space is pressed again; Left / Right change panel. When the feed reports stale data
(no good update for ``stale_after_s``, 30 s by default) the page is veiled grey with the age
of its data, and unveils by itself once updates flow again.

Contact-center wallboard (issue 17): the contact panel's queues carry the abandon rate, and below
them the contacts waiting, each wait running on the shared 1 Hz clock from the server's
``started_at``; the agents panel lists every agent's state and time in it. Cells are banded by
the supervisor's thresholds (settings file, or the dialog on key T: ``ui.wall.thresholds``); a
new breach flashes its cell, chimes once (mutable) and is announced assertively
(``ui.wall.breach``), and the wall turns to the panel holding it unless a person paused it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.domain.wire import parse_time
from app.rules import ops_metrics as om
from app.rules import wallboard as wb
from app.text.labels import queue_label
from ui.ops_feed import WallFeed
from ui.ops_source import Trend, WallSnapshot
from ui.wall.alert_strip import AlertStrip
from ui.wall.breach import BreachWatch, Cell, Chime
from ui.wall.panels import (
    CONTACT_KINDS,
    REVIEW_KINDS,
    AgentsPanel,
    ContactPanel,
    QueuesPanel,
    TrendsPanel,
)
from ui.wall.rotation import RESUME_S, InteractionWatch
from ui.wall.style import wall_qss
from ui.wall.thresholds import load_muted, load_thresholds
from ui.wall.thresholds_dialog import ThresholdsDialog
from widgets.clock import Clock
from widgets.formatting import language, local_time
from widgets.kpi_tile import KpiTile
from widgets.ops_models import age_text, percent_text
from widgets.stale_overlay import StaleOverlay

translate = QCoreApplication.translate
ROTATE_S = 20.0


class WallPage(QWidget):
    sig_panel_changed = Signal(int)
    """Emitted with the index of the panel now shown (rotation or keys)."""

    sig_rotation_paused = Signal(bool)
    """Emitted with True when rotation paused (a person's input or Space), False on resume."""

    sig_thresholds_changed = Signal(object)
    """Emitted with the ``Thresholds`` the wall now bands its cells by."""

    def __init__(
        self,
        feed: WallFeed,
        clock: Clock,
        rotate_s: float = ROTATE_S,
        parent=None,
        *,
        resume_s: float = RESUME_S,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wallPage")
        self.setStyleSheet(wall_qss())
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # dark margins on a desk
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("Wall", "Operations wall"))
        self.feed, self.clock = feed, clock
        self._touched = self._held = False
        self.resume_s = resume_s
        self.watch = InteractionWatch(self, self._on_touch)
        self.resume_timer = QTimer(self)
        self.resume_timer.setSingleShot(True)
        self.resume_timer.setInterval(max(100, int(resume_s * 1000)))
        self.resume_timer.timeout.connect(lambda: self._set_paused(touched=False))
        self.title = QLabel(translate("Wall", "Operations wall"), self)
        self.title.setObjectName("wallTitle")
        self.as_of = QLabel(translate("Wall", "Waiting for data…"), self)
        self.as_of.setObjectName("wallAsOf")
        self.rotation = QLabel(self)
        self.rotation.setObjectName("wallRotation")
        self.alerts = AlertStrip(self)
        self.tiles = {
            "in_queue": KpiTile(translate("Wall", "In queue"), self),
            "oldest": KpiTile(translate("Wall", "Oldest waiting"), self),
            "service_level": KpiTile(translate("Wall", "Lowest service level"), self),
            "at_risk": KpiTile(translate("Wall", "At risk (< 1 h left)"), self),
            "breached": KpiTile(translate("Wall", "SLA breached"), self),
            "handled": KpiTile(translate("Wall", "Handled today"), self),
        }
        self.review = QueuesPanel(self)
        self.contact = ContactPanel(self)
        self.agents = AgentsPanel(self)
        self.trends = TrendsPanel(self)
        self.stack = QStackedWidget(self)
        for panel in (self.review, self.contact, self.agents, self.trends):
            self.stack.addWidget(panel)
        self.settings = settings
        self.thresholds = load_thresholds(settings) if settings is not None else wb.Thresholds()
        self.chime = Chime(load_muted(settings) if settings is not None else False, self)
        self.breach = BreachWatch(self, self.chime, self._describe)
        self.breach.sig_flash_changed.connect(self._paint_flash)
        self.breach.sig_new_breaches.connect(self._on_new_breaches)
        self.dialog: ThresholdsDialog | None = None
        self._apply_thresholds(self.thresholds)
        self._build()
        self.overlay = StaleOverlay(self)
        self.rotate_timer = QTimer(self)
        self.rotate_timer.setInterval(max(1000, int(rotate_s * 1000)))
        self.rotate_timer.timeout.connect(self._on_rotate_tick)
        self.rotate_timer.start()
        feed.sig_snapshot_updated.connect(self.on_snapshot)
        feed.sig_trend_updated.connect(self.on_trend)
        feed.sig_freshness_changed.connect(self.on_freshness)
        clock.sig_tick.connect(self._on_tick)
        self._show_rotation()

    def _build(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.as_of)
        header.addSpacing(24)
        header.addWidget(self.rotation)
        strip = QHBoxLayout()
        strip.setSpacing(10)
        for tile in self.tiles.values():
            strip.addWidget(tile)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.alerts)
        layout.addLayout(strip)
        layout.addWidget(self.stack, 1)

    # -- data -------------------------------------------------------------------------------
    def screenshot_ready(self) -> bool:
        """For ``--screenshots``: the first snapshot is showing (not "Waiting for data…")."""
        return self.feed.snapshot is not None and self.review.model.rowCount() > 0

    def on_snapshot(self, snap: WallSnapshot) -> None:
        now = self.clock.now()
        self.review.model.set_data(
            [q for q in snap.queues if q.get("kind") in REVIEW_KINDS], snap.stats
        )
        self.contact.model.set_data(
            [q for q in snap.queues if q.get("kind") in CONTACT_KINDS], snap.stats
        )
        names = {q["id"]: str(q.get("name") or q["id"]) for q in snap.queues}
        ages = {c["id"]: self._age(c, now) for c in snap.calls}
        board_names = {
            a["user_id"]: a["display_name"] for a in snap.agents if a.get("display_name")
        }
        people = {**board_names, **self.feed.source.user_names()}
        self.agents.calls_model.people = people
        self.agents.calls_model.set_calls(snap.calls, names, ages)
        waiting = self.contact.waiting_model
        waiting.order = [q["id"] for q in snap.queues if q.get("kind") in CONTACT_KINDS]
        waiting.set_contacts(snap.calls, names, now)
        self.agents.model.queue_names = names
        self.agents.model.set_agents(snap.agents, people, now)
        self.alerts.set_alerts(snap.alerts)
        self._set_tiles(om.totals(snap.ordered_stats()))
        source = self.feed.source
        health = om.appeals_health(source.appeals(now), source.rejected_case_ids(now))
        self.trends.set_appeals(health)
        rule = om.BurstRule()
        self.trends.set_burst(om.burst(self.feed.source.arrivals(now, rule.window), now, rule))
        if snap.as_of is not None:
            stamp = local_time(snap.as_of, "%H:%M:%S")
            self.as_of.setText(translate("Wall", "Data as of {time}").format(time=stamp))
        self.as_of.setProperty("stale", False)
        self.breach.update(self.levels(now))

    # -- thresholds and breaches ------------------------------------------------------------
    def levels(self, now: datetime) -> dict[Cell, str]:
        """(queue id, metric) → band of every watched cell at ``now``: service level and abandon
        rate of each queue, the longest running wait of each contact queue."""
        out = {**self.review.model.levels(), **self.contact.model.levels()}
        for queue_id, seconds in self.contact.waiting_model.longest(now).items():
            out[(queue_id, "wait")] = wb.band_wait(seconds, self.thresholds)
        return out

    def _on_tick(self, now: datetime) -> None:
        self.contact.waiting_model.tick(now)
        self.agents.model.tick(now)
        if self.feed.snapshot is not None:
            self.breach.update(self.levels(now))

    def set_thresholds(self, thresholds: wb.Thresholds, muted: bool | None = None) -> None:
        """Band the cells by ``thresholds`` from now on (a breach they reveal is new)."""
        self._apply_thresholds(thresholds)
        if muted is not None:
            self.chime.muted = muted
        if self.feed.snapshot is not None:
            self.breach.update(self.levels(self.clock.now()))
        self.sig_thresholds_changed.emit(thresholds)

    def _apply_thresholds(self, thresholds: wb.Thresholds) -> None:
        self.thresholds = thresholds
        for model in (self.review.model, self.contact.model):
            model.set_thresholds(thresholds)
        self.contact.waiting_model.thresholds = thresholds
        self.contact.waiting_model.refresh()

    def open_thresholds(self) -> ThresholdsDialog | None:
        """The thresholds dialog (key T), when the wall has a settings file."""
        if self.settings is None:
            return None
        self.dialog = ThresholdsDialog(self.settings, self)
        self.dialog.sig_saved.connect(self.set_thresholds)
        self.dialog.open()
        return self.dialog

    def _describe(self, cell: Cell) -> str:
        queue_id, metric = cell
        names = {q["id"]: str(q.get("name") or q["id"]) for q in (self._queues() or [])}
        queue = queue_label(queue_id, language(), names)
        if metric == "wait":
            seconds = self.contact.waiting_model.longest(self.clock.now()).get(queue_id)
            what, value = translate("Wall", "longest wait"), age_text(seconds)
        else:
            model = self.contact.model if self.contact.model.row_of(queue_id) >= 0 else None
            model = model or self.review.model
            what = {
                "service_level": translate("Wall", "service level"),
                "abandon": translate("Wall", "abandon rate"),
            }[metric]
            value = model.text(queue_id, metric)
        return translate("Wall", "Breach: {queue}, {what} {value}").format(
            queue=queue, what=what, value=value
        )

    def _queues(self) -> list[dict]:
        snap = self.feed.snapshot
        return snap.queues if snap is not None else []

    def _paint_flash(self) -> None:
        cells, on = self.breach.flashing(), self.breach.phase
        queue_cells = {c for c in cells if c[1] != "wait"}
        self.review.model.set_flash(queue_cells, on)
        self.contact.model.set_flash(queue_cells, on)
        self.contact.waiting_model.set_flash({q for q, m in cells if m == "wait"}, on)

    def _on_new_breaches(self, cells: set[Cell]) -> None:
        """Turn to the panel holding a new breach, unless a person paused the wall."""
        if self.paused():
            return
        contact = any(self.contact.model.row_of(q) >= 0 or m == "wait" for q, m in cells)
        self.show_panel(self.stack.indexOf(self.contact if contact else self.review))
        self.rotate_timer.start()  # a full interval on it

    @staticmethod
    def _age(call: dict, now: datetime) -> float:
        started = call.get("started_at")
        return max(0.0, (now - parse_time(started)).total_seconds()) if started else 0.0

    def _set_tiles(self, t: om.Totals) -> None:
        sl_level = om.service_level_band(t.service_level)
        target = translate("Wall", "target {pct}").format(pct=f"{om.SERVICE_LEVEL_TARGET:.0f}%")
        self.tiles["in_queue"].set_value(str(t.in_queue), om.OK)
        oldest = om.WARNING if t.oldest_age_s > 4 * 3600 else om.OK
        self.tiles["oldest"].set_value(age_text(t.oldest_age_s), oldest)
        self.tiles["service_level"].set_value(percent_text(t.service_level), sl_level, target)
        self.tiles["at_risk"].set_value(str(t.at_risk), om.WARNING if t.at_risk else om.OK)
        self.tiles["breached"].set_value(str(t.breached), om.CRITICAL if t.breached else om.OK)
        self.tiles["handled"].set_value(str(t.handled_today), om.OK)

    def on_trend(self, trend: Trend) -> None:
        for prio, values in trend.by_priority.items():
            self.trends.chart.set_series(prio, trend.days, values)

    def on_freshness(self, stale: bool, age_s: float) -> None:
        if not stale:
            self.overlay.hide()
            return
        age = age_text(age_s)
        self.overlay.set_text(
            translate("Wall", "Data is {age} old — reconnecting…").format(age=age)
        )
        self.overlay.raise_()
        self.overlay.show()
        if self.feed.snapshot is None:
            self.as_of.setText(translate("Wall", "No data yet — reconnecting…"))

    # -- rotation ---------------------------------------------------------------------------
    def paused(self) -> bool:
        return self._touched or self._held

    def show_panel(self, index: int) -> None:
        index %= self.stack.count()
        if index != self.stack.currentIndex():
            self.stack.setCurrentIndex(index)
            self.sig_panel_changed.emit(index)
        self._show_rotation()

    def _on_rotate_tick(self) -> None:
        if not self.paused():
            self.show_panel(self.stack.currentIndex() + 1)

    def _on_touch(self) -> None:
        """A person moved the pointer, clicked or typed: pause, and resume ``resume_s`` later."""
        self.resume_timer.start()
        if not self._touched:
            self._set_paused(touched=True)

    def _set_paused(self, touched: bool | None = None, held: bool | None = None) -> None:
        before = self.paused()
        if touched is not None:
            self._touched = touched
            if not touched:
                self.rotate_timer.start()  # a full interval on the panel after resuming
        if held is not None:
            self._held = held
        if self.paused() != before:
            self.sig_rotation_paused.emit(self.paused())
        self._show_rotation()

    def _show_rotation(self) -> None:
        n, i = self.stack.count(), self.stack.currentIndex() + 1
        state = translate("Wall", "(paused)") if self.paused() else ""
        self.rotation.setText(f"{i}/{n} {state}".strip())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.cover()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.watch.install()

    def hideEvent(self, event: QHideEvent) -> None:
        self.watch.remove()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self._set_paused(held=not self._held)
        elif key == Qt.Key.Key_Right:
            self.show_panel(self.stack.currentIndex() + 1)
        elif key == Qt.Key.Key_Left:
            self.show_panel(self.stack.currentIndex() - 1)
        elif key == Qt.Key.Key_T and not event.modifiers():
            self.open_thresholds()
        else:
            super().keyPressEvent(event)

    def stop(self) -> None:
        self.breach.stop()
        self.clock.sig_tick.disconnect(self._on_tick)
        self.watch.remove()
        self.resume_timer.stop()
        self.rotate_timer.stop()
        self.feed.stop()
