"""Table models of the contact-center wallboard: the agent state board and the contacts waiting.

Both adapt the server's dicts (``GET /v1/ops/agents``, ringing calls of ``GET /v1/calls``) and
show times that run: :meth:`tick` repaints only the time column with ``dataChanged`` (one shared
1 Hz clock, STYLE.md §12) from the server's timestamps — nothing is polled per second.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.domain.wire import parse_time
from app.rules import wallboard as wb
from app.text.labels import label_of, person_name, queue_label
from widgets.formatting import language
from widgets.ops_models import age_text, cue
from widgets.palette import qcolor
from widgets.table_model import CENTER, TableModel

STATE_COLOURS = {  # palette roles: busy blue, wrap-up orange, free green, away grey
    "on_call": "accent.sky",
    "after_call_work": "level.warning",
    "available": "level.ok",
    "break": "accent.paused",
    "offline": "level.unknown",
}


def _seconds(since: str | None, now: datetime | None) -> float | None:
    if not since or now is None:
        return None
    return max(0.0, (now - parse_time(since)).total_seconds())


class AgentBoardModel(TableModel):
    """Every agent: display name, state (word, coloured by state), time in state, queue."""

    COLUMNS = ("agent", "state", "time", "queue")
    HEADERS = (
        QT_TRANSLATE_NOOP("AgentBoardModel", "Agent"),
        QT_TRANSLATE_NOOP("AgentBoardModel", "State"),
        QT_TRANSLATE_NOOP("AgentBoardModel", "Time in state"),
        QT_TRANSLATE_NOOP("AgentBoardModel", "Queue"),
    )
    HEADER_ALIGN = CENTER

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people: dict[str, str] = {}  # user id → display name
        self.queue_names: dict[str, str] = {}
        self.now: datetime | None = None

    def key_of(self, item: Any) -> str:
        return item["user_id"]

    def set_agents(self, agents: list[dict[str, Any]], people: dict[str, str], now: datetime):
        """``agents`` in the server's order (``app.rules.wallboard.agent_board``)."""
        names = {a["user_id"]: a["display_name"] for a in agents if a.get("display_name")}
        self.people = {**names, **people}
        self.now = now
        self.update_rows(agents)

    def tick(self, now: datetime) -> None:
        self.now = now
        self.refresh(self.COLUMNS.index("time"), [Qt.ItemDataRole.DisplayRole])

    def _text(self, name: str, agent: dict[str, Any]) -> str:
        lang = language()
        if name == "agent":
            return person_name(agent["user_id"], self.people, lang)
        if name == "state":
            return label_of("AgentState", agent.get("state"), lang)
        if name == "time":
            return age_text(_seconds(agent.get("since"), self.now))
        return queue_label(agent.get("queue_id"), lang, self.queue_names)

    def cell(self, agent: dict[str, Any], column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(name, agent)
        if role == Qt.ItemDataRole.ForegroundRole and name == "state":
            return qcolor(STATE_COLOURS.get(agent.get("state") or "", "level.unknown"))
        if role == Qt.ItemDataRole.TextAlignmentRole and name in ("state", "time"):
            return CENTER
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.header(column)}: {self._text(name, agent)}"
        return None


class WaitingModel(TableModel):
    """Contacts waiting, by queue, the longest wait first; the wait runs each second and is
    banded by the thresholds' longest wait."""

    COLUMNS = ("queue", "wait")
    HEADERS = (
        QT_TRANSLATE_NOOP("WaitingModel", "Queue"),
        QT_TRANSLATE_NOOP("WaitingModel", "Waiting for"),
    )
    HEADER_ALIGN = CENTER

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.queue_names: dict[str, str] = {}
        self.order: list[str] = []  # queue ids in the wall's order
        self.thresholds = wb.DEFAULT_THRESHOLDS
        self.now: datetime | None = None
        self.flashing: set[str] = set()  # queue ids whose longest wait breached
        self.flash_on = False

    def set_contacts(
        self, calls: list[dict[str, Any]], queue_names: dict[str, str], now: datetime
    ) -> None:
        """The ringing calls of ``calls`` (the live calls), grouped by queue."""
        self.queue_names, self.now = queue_names, now
        rank = {q: i for i, q in enumerate(self.order)}
        ringing = [c for c in calls if c.get("state") == "ringing" and c.get("started_at")]
        ringing.sort(key=lambda c: (rank.get(c.get("queue"), len(rank)), c["started_at"]))
        self.update_rows(ringing)

    def longest(self, now: datetime) -> dict[str, float]:
        """Queue id → the longest wait at ``now``, in seconds."""
        out: dict[str, float] = {}
        for c in self._items:
            wait = _seconds(c["started_at"], now) or 0.0
            out[c["queue"]] = max(out.get(c["queue"], 0.0), wait)
        return out

    def tick(self, now: datetime) -> None:
        self.now = now
        self.refresh(self.COLUMNS.index("wait"))

    def set_flash(self, queues: set[str], on: bool) -> None:
        if queues == self.flashing and on == self.flash_on:
            return
        self.flashing, self.flash_on = set(queues), on
        self.refresh(roles=[Qt.ItemDataRole.BackgroundRole])

    def _wait(self, call: dict[str, Any]) -> tuple[str, str]:
        seconds = _seconds(call["started_at"], self.now)
        return age_text(seconds), wb.band_wait(seconds, self.thresholds)

    def cell(self, call: dict[str, Any], column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        if name == "queue":
            if role == Qt.ItemDataRole.DisplayRole:
                return queue_label(call.get("queue"), language(), self.queue_names)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text, level = self._wait(call)
            return cue(text, level)
        if role == Qt.ItemDataRole.ForegroundRole:
            level = self._wait(call)[1]
            return qcolor(f"level.{level}") if level in ("warning", "critical") else None
        if role == Qt.ItemDataRole.BackgroundRole:
            lit = self.flash_on and call.get("queue") in self.flashing
            return qcolor("flash") if lit else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.header(column)}: {self._wait(call)[0]}"
        return None
