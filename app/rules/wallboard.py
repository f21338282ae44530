"""The contact-center wallboard's rules (issue 17, next to Genesys-style wallboards): the agent
state board, the abandon rate of a queue, the supervisor's thresholds and which cells breach
them. Pure functions; time is a parameter.

* **Agent state board** (:func:`agent_board`): one row per agent with the state
  (``app.rules.agent_state.AgentState``) and since when. A live call decides first — connected:
  On call since ``connected_at``; in wrap-up: After-call work since ``acw_at`` — then the state
  the agent chose (Break, Offline, Available — read from the user entity's ``agent_state`` and
  ``agent_state_since`` by :func:`chosen_of`, the one model ``POST /agents/me/state`` keeps),
  and an agent who chose Available (or nothing) is Available while signed in, else Offline.
  Available counts from the later of the choice and the end of the agent's last call. Rows
  sort by :data:`STATE_ORDER` (busy first, offline last), the longest in a state first, then by
  name.
* **Abandon rate** (:func:`abandon_rate`): of the contacts that arrived in ``[since, now]`` and
  were decided (answered, or gone without an answer), the percent that hung up before an answer.
  A hang-up within ``SHORT_ABANDON`` (5 s: a misdial) counts as neither offered nor abandoned;
  contacts still waiting are not judged yet.
* **Thresholds** (:class:`Thresholds`): service level (target and warning margin), longest wait
  and abandon rate, each with a warning and a critical bound; :func:`band_service_level`,
  :func:`band_wait`, :func:`band_abandon` give ``ok`` / ``warning`` / ``critical`` / ``unknown``.
* **Breaches** (:func:`new_breaches`): the cells critical now that were not at the last look —
  each breach flashes and sounds once; one that clears and comes back is new again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.domain.wire import parse_time
from app.rules.agent_state import AgentState, chosen_state

OK, WARNING, CRITICAL, UNKNOWN = "ok", "warning", "critical", "unknown"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SHORT_ABANDON = timedelta(seconds=5)
STATE_ORDER = (
    AgentState.ON_CALL,
    AgentState.AFTER_CALL_WORK,
    AgentState.AVAILABLE,
    AgentState.BREAK,
    AgentState.OFFLINE,
)


# -- agent state board --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgentCall:
    """What the board needs of one call: who, its phase and when each phase began."""

    id: str
    agent_id: str | None
    state: str  # ringing | connected | acw | ended
    queue: str = ""
    connected_at: datetime | None = None
    acw_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Chosen:
    """The state an agent picked (Available, Break, Offline) and when."""

    state: AgentState
    since: datetime | None  # None: not recorded


def chosen_of(user: Mapping) -> Chosen | None:
    """The state the agent chose, from their ``user`` entity (``agent_state``,
    ``agent_state_since``, set by ``POST /agents/me/state``); None when they never chose."""
    if not user.get("agent_state"):
        return None
    since = user.get("agent_state_since")
    return Chosen(chosen_state(user["agent_state"]), parse_time(since) if since else None)


@dataclass(frozen=True, slots=True)
class AgentRow:
    user_id: str
    state: AgentState
    since: datetime | None  # None: not known (never seen on this server)
    queue: str = ""  # the queue of the call an agent is on or wrapping up
    call_id: str = ""

    def seconds_in_state(self, now: datetime) -> float | None:
        return None if self.since is None else max(0.0, (now - self.since).total_seconds())


def agent_row(
    user_id: str,
    calls: Iterable[AgentCall],
    chosen: Chosen | None,
    signed_in: bool,
) -> AgentRow:
    """One agent's row from their calls, their chosen state and whether they are signed in."""
    mine = [c for c in calls if c.agent_id == user_id]
    for phase, state, when in (
        ("connected", AgentState.ON_CALL, lambda c: c.connected_at),
        ("acw", AgentState.AFTER_CALL_WORK, lambda c: c.acw_at or c.connected_at),
    ):
        live = [c for c in mine if c.state == phase]
        if live:
            call = max(live, key=lambda c: when(c) or _EPOCH)
            return AgentRow(user_id, state, when(call), call.queue, call.id)
    ended = [c.ended_at for c in mine if c.state == "ended" and c.ended_at is not None]
    last_end = max(ended) if ended else None
    if chosen is not None and chosen.state in (AgentState.BREAK, AgentState.OFFLINE):
        return AgentRow(user_id, chosen.state, chosen.since)
    if not signed_in:  # chose Available (or nothing) and signed out: not reachable
        return AgentRow(user_id, AgentState.OFFLINE, None)
    starts = [t for t in (chosen.since if chosen else None, last_end) if t is not None]
    return AgentRow(user_id, AgentState.AVAILABLE, max(starts) if starts else None)


def agent_board(
    agents: Iterable[str],
    calls: Iterable[AgentCall],
    chosen: Mapping[str, Chosen],
    signed_in: set[str],
    now: datetime,
    names: Mapping[str, str] | None = None,
) -> list[AgentRow]:
    """Every agent's row, sorted: by :data:`STATE_ORDER`, longest in the state first, then by
    display name (``names``) or id."""
    calls = list(calls)
    rows = [agent_row(a, calls, chosen.get(a), a in signed_in) for a in sorted(set(agents))]
    names = names or {}

    def key(row: AgentRow) -> tuple:
        seconds = row.seconds_in_state(now)
        return (
            STATE_ORDER.index(row.state),
            -(seconds if seconds is not None else -1.0),
            names.get(row.user_id, row.user_id),
        )

    return sorted(rows, key=key)


# -- abandon rate -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Contact:
    started_at: datetime
    connected_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Abandon:
    abandoned: int
    offered: int  # answered + abandoned (short abandons and contacts still waiting left out)
    percent: float | None  # None when nothing was offered


def abandoned(contact: Contact, short: timedelta = SHORT_ABANDON) -> bool:
    """Hung up before an answer, after waiting at least ``short``."""
    if contact.connected_at is not None or contact.ended_at is None:
        return False
    return contact.ended_at - contact.started_at >= short


def abandon_rate(
    contacts: Iterable[Contact],
    since: datetime,
    now: datetime,
    short: timedelta = SHORT_ABANDON,
) -> Abandon:
    """Abandon rate of the contacts that arrived in ``[since, now]`` (see the module doc)."""
    gone = offered = 0
    for c in contacts:
        if not (since <= c.started_at <= now):
            continue
        if c.connected_at is not None and c.connected_at <= now:
            offered += 1
        elif c.ended_at is not None and c.ended_at <= now and abandoned(c, short):
            offered += 1
            gone += 1
    percent = round(100.0 * gone / offered, 1) if offered else None
    return Abandon(gone, offered, percent)


# -- thresholds ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Thresholds:
    """The supervisor's bounds (settings file or the wall's thresholds dialog)."""

    service_level_target: float = 80.0  # percent: ok at or above (ops_metrics' target)
    service_level_margin: float = 10.0  # points below the target still "warning"
    wait_warning_s: float = 60.0  # longest wait of a contact queue
    wait_critical_s: float = 180.0
    abandon_warning: float = 5.0  # percent
    abandon_critical: float = 10.0

    def problems(self) -> dict[str, str]:
        """Field → what is wrong; empty when the thresholds can be used."""
        out: dict[str, str] = {}
        if not 0 < self.service_level_target <= 100:
            out["service_level_target"] = "between 0 and 100"
        if not 0 <= self.service_level_margin < self.service_level_target:
            out["service_level_margin"] = "at least 0 and below the target"
        if not 0 < self.wait_warning_s < self.wait_critical_s:
            out["wait_critical_s"] = "warning above 0 and below critical"
        if not 0 < self.abandon_warning < self.abandon_critical <= 100:
            out["abandon_critical"] = "warning above 0, below critical, critical at most 100"
        return out


DEFAULT_THRESHOLDS = Thresholds()


def band_service_level(percent: float | None, th: Thresholds = DEFAULT_THRESHOLDS) -> str:
    if percent is None:
        return UNKNOWN
    if percent >= th.service_level_target:
        return OK
    if percent >= th.service_level_target - th.service_level_margin:
        return WARNING
    return CRITICAL


def band_wait(seconds: float | None, th: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """Nobody waiting (None or 0) is ok."""
    if not seconds:
        return OK
    if seconds >= th.wait_critical_s:
        return CRITICAL
    if seconds >= th.wait_warning_s:
        return WARNING
    return OK


def band_abandon(percent: float | None, th: Thresholds = DEFAULT_THRESHOLDS) -> str:
    if percent is None:
        return UNKNOWN
    if percent >= th.abandon_critical:
        return CRITICAL
    if percent >= th.abandon_warning:
        return WARNING
    return OK


# -- breaches -----------------------------------------------------------------------------------
def breached(levels: Mapping[tuple[str, str], str]) -> set[tuple[str, str]]:
    """The (row, metric) cells at ``critical``."""
    return {cell for cell, level in levels.items() if level == CRITICAL}


def new_breaches(
    before: set[tuple[str, str]], levels: Mapping[tuple[str, str], str]
) -> set[tuple[str, str]]:
    """Cells critical now that were not critical at the last look."""
    return breached(levels) - before
