"""Table models of the wall and the ops desk: queue statistics and live calls.

Both adapt plain lists of the server's dicts. A poll with the same rows repaints with
``dataChanged`` (selection and scroll kept, STYLE.md §12); only a changed set of rows resets.
Banded cells carry a shape as well as a colour (● ok, ▲ warning, ◆ critical). The bands follow
the supervisor's thresholds (``app.rules.wallboard.Thresholds``: service level, the longest wait
of a contact queue, abandon rate); a cell named in ``flashing`` paints the palette's flash wash
while ``flash_on`` (the wall blinks a new breach).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor

from app.rules import ops_metrics as om
from app.rules import wallboard as wb
from app.text.labels import person_name, queue_label
from widgets.formatting import format_duration, language
from widgets.kpi_tile import LEVEL_COLORS, LEVEL_SHAPES, level_word
from widgets.palette import qcolor
from widgets.table_model import CENTER, TableModel

translate = QCoreApplication.translate
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


def age_text(seconds: int | float | None) -> str:
    """How long the oldest contact waits: "1시간 5분" / "4분 9초" ("1 h 5 min"), "—" for nobody
    waiting (never "0:00")."""
    if not seconds or seconds < 1:
        return "—"
    return format_duration(timedelta(seconds=int(seconds)))


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def cue(text: str, level: str) -> str:
    return (
        f"{LEVEL_SHAPES.get(level, '')} {text}".strip()
        if level in ("warning", "critical")
        else text
    )


class QueueStatsModel(TableModel):
    """One row per queue; ``COLUMNS`` names what each column shows."""

    COLUMNS = (
        "queue",
        "p0",
        "p1",
        "p2",
        "p3",
        "in_queue",
        "oldest",
        "service_level",
        "abandon",
        "at_risk",
        "breached",
        "handled",
        "online",
        "available",
        "on_contact",
        "acw",
        "on_break",
    )

    HEADER_ALIGN = CENTER

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._stats: dict[str, dict[str, Any]] = {}
        self.thresholds = wb.DEFAULT_THRESHOLDS
        self.flashing: set[tuple[str, str]] = set()  # (queue id, column name)
        self.flash_on = False

    def set_thresholds(self, thresholds: wb.Thresholds) -> None:
        self.thresholds = thresholds
        self.refresh()

    def set_flash(self, cells: set[tuple[str, str]], on: bool) -> None:
        """Blink ``cells``: repaint the background of the rows that change."""
        if cells == self.flashing and on == self.flash_on:
            return
        self.flashing, self.flash_on = set(cells), on
        self.refresh(roles=[Qt.ItemDataRole.BackgroundRole])

    def levels(self) -> dict[tuple[str, str], str]:
        """(queue id, metric) → band of the service level and abandon rate cells — what the
        wall watches for breaches (the longest wait it watches live, between polls)."""
        out = {}
        for q in self._items:
            for name in ("service_level", "abandon"):
                out[(q["id"], name)] = self._value(name, q)[1]
        return out

    def text(self, queue_id: str, name: str) -> str:
        """What the cell of ``queue_id`` in column ``name`` reads (without its shape)."""
        q = next((q for q in self._items if q["id"] == queue_id), None)
        return self._value(name, q)[0] if q is not None else "—"

    @staticmethod
    def headers() -> dict[str, str]:
        return {
            "queue": translate("QueueStatsModel", "Queue"),
            "p0": "P0",
            "p1": "P1",
            "p2": "P2",
            "p3": "P3",
            "in_queue": translate("QueueStatsModel", "In queue"),
            "oldest": translate("QueueStatsModel", "Oldest"),
            "service_level": translate("QueueStatsModel", "Service level"),
            "abandon": translate("QueueStatsModel", "Abandon rate"),
            "at_risk": translate("QueueStatsModel", "At risk"),
            "breached": translate("QueueStatsModel", "Breached"),
            "handled": translate("QueueStatsModel", "Handled"),
            "online": translate("QueueStatsModel", "Online"),
            "available": translate("QueueStatsModel", "Available"),
            "on_contact": translate("QueueStatsModel", "On contact"),
            "acw": translate("QueueStatsModel", "After-call work"),
            "on_break": translate("QueueStatsModel", "On break"),
        }

    def column(self, name: str) -> int:
        return self.COLUMNS.index(name)

    def set_data(self, queues: list[dict[str, Any]], stats: dict[str, dict[str, Any]]) -> None:
        self._stats = dict(stats)
        self.update_rows(queues)

    def queue_id(self, row: int) -> str | None:
        q = self.at(row)
        return q["id"] if q is not None else None

    def stats(self, row: int) -> dict[str, Any]:
        qid = self.queue_id(row)
        return self._stats.get(qid or "", {})

    def column_count(self) -> int:
        return len(self.COLUMNS)

    def header(self, section: int) -> str:
        return self.headers()[self.COLUMNS[section]]

    def _value(self, name: str, q: dict[str, Any]) -> tuple[str, str]:
        s = self._stats.get(q["id"], {})
        metrics = s.get("metrics") or {}
        waiting = s.get("waiting_by_priority") or {}
        if name == "queue":
            status = om.queue_status(s, self.thresholds) if s else om.UNKNOWN
            names = {q["id"]: str(q.get("name") or "")}  # the server's name when no word
            return queue_label(q["id"], language(), names), status
        if not s:
            return "—", om.UNKNOWN
        if name in om.PRIORITIES:
            n = int(waiting.get(name) or 0)
            return str(n), om.CRITICAL if name == "p0" and n else om.OK
        if name == "service_level":
            pct = om.service_level_percent(s)
            return percent_text(pct), om.service_level_band(pct, self.thresholds)
        if name == "abandon":
            pct = (s.get("abandon_rate") or {}).get("percent")
            return percent_text(pct), wb.band_abandon(pct, self.thresholds)
        if name == "at_risk":
            n = int(s.get("at_risk") or 0)
            return str(n), om.WARNING if n else om.OK
        if name == "breached":
            n = int(s.get("breached") or 0)
            return str(n), om.CRITICAL if n else om.OK
        keys = {
            "in_queue": "CONTACTS_IN_QUEUE",
            "online": "AGENTS_ONLINE",
            "available": "AGENTS_AVAILABLE",
            "on_contact": "AGENTS_ON_CONTACT",
            "acw": "AGENTS_AFTER_CONTACT_WORK",
            "on_break": "AGENTS_NON_PRODUCTIVE",
        }
        if name == "oldest":
            age = metrics.get("OLDEST_CONTACT_AGE")
            level = wb.band_wait(age, self.thresholds) if q.get("kind") == "contact" else om.OK
            return age_text(age), level
        if name == "handled":
            return str(int(s.get("handled_today") or 0)), om.OK
        return str(int(metrics.get(keys[name]) or 0)), om.OK

    def cell(self, q: dict[str, Any], column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, STATUS_ROLE):
            text, level = self._value(name, q)
            if role == STATUS_ROLE:
                return level
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(LEVEL_COLORS[level]) if level in ("warning", "critical") else None
            return cue(text, level)
        if role == Qt.ItemDataRole.BackgroundRole:
            lit = self.flash_on and (q["id"], name) in self.flashing
            return qcolor("flash") if lit else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignLeft if name == "queue" else Qt.AlignmentFlag.AlignCenter
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text, level = self._value(name, q)
            return f"{self.headers()[name]}: {text} ({level_word(level)})"
        if role == Qt.ItemDataRole.ToolTipRole and name == "queue":
            return self._value(name, q)[0]  # the full name where the wall elides it
        return None


SENTIMENT_LEVEL = {"NEGATIVE": "critical", "NEUTRAL": "unknown", "POSITIVE": "ok"}


class LiveCallsModel(TableModel):
    """Live calls: queue, state, agent, customer sentiment (shape + word), duration."""

    COLUMNS = ("queue", "state", "agent", "sentiment", "duration")
    HEADERS = (
        QT_TRANSLATE_NOOP("LiveCallsModel", "Queue"),
        QT_TRANSLATE_NOOP("LiveCallsModel", "State"),
        QT_TRANSLATE_NOOP("LiveCallsModel", "Agent"),
        QT_TRANSLATE_NOOP("LiveCallsModel", "Customer sentiment"),
        QT_TRANSLATE_NOOP("LiveCallsModel", "Duration"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._queue_names: dict[str, str] = {}
        self._ages: dict[str, float] = {}
        self.people: dict[str, str] = {}  # user id → display name

    def set_calls(
        self,
        calls: list[dict[str, Any]],
        queue_names: dict[str, str],
        ages: dict[str, float],
    ) -> None:
        order = {"NEGATIVE": 0}
        calls = sorted(
            calls,
            key=lambda c: (
                order.get(c.get("current_sentiment") or "", 1),
                c.get("started_at") or "",
            ),
        )
        self._queue_names, self._ages = queue_names, ages
        self.update_rows(calls)

    def call(self, row: int) -> dict[str, Any]:
        return self._items[row]

    def _text(self, name: str, call: dict[str, Any]) -> tuple[str, str]:
        if name == "queue":
            return queue_label(call.get("queue"), language(), self._queue_names), "ok"
        if name == "state":
            states = {
                "ringing": translate("LiveCallsModel", "Ringing"),
                "connected": translate("LiveCallsModel", "Connected"),
                "acw": translate("LiveCallsModel", "After-call work"),
            }
            return states.get(call.get("state") or "", call.get("state") or ""), "ok"
        if name == "agent":
            agent = call.get("agent_id")
            return (person_name(agent, self.people, language()) if agent else "—"), "ok"
        if name == "sentiment":
            s = call.get("current_sentiment") or ""
            words = {
                "NEGATIVE": translate("LiveCallsModel", "Negative"),
                "NEUTRAL": translate("LiveCallsModel", "Neutral"),
                "POSITIVE": translate("LiveCallsModel", "Positive"),
            }
            level = SENTIMENT_LEVEL.get(s, "unknown")
            shape = {"critical": "◆", "ok": "●"}.get(level, "○")
            return (f"{shape} {words[s]}" if s in words else "—"), level
        return age_text(self._ages.get(call["id"])), "ok"

    def cell(self, call: dict[str, Any], column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        text, level = self._text(name, call)
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ForegroundRole and level == "critical":
            return QColor(LEVEL_COLORS["critical"])
        if role == STATUS_ROLE:
            return level
        if role == Qt.ItemDataRole.TextAlignmentRole and name != "queue":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
