"""Where the numbers of the wall and the ops desk come from. Network on the qasync loop (httpx,
the sync engine's ``ApiClient`` when one is running); the few local facts (appeals, case
arrivals) are short indexed reads of the local store.

* ``GET /v1/queues`` (every ``QUEUES_EVERY`` polls) and ``GET /v1/queues/{id}/stats`` for each
* ``GET /v1/calls?state=live`` — live calls with the customer's current sentiment
* ``GET /v1/alerts?open=true`` — alerts not yet acknowledged (minus acks still in the outbox)
* ``GET /v1/ops/agents`` — every agent's state and since when (the wall only: ``agents=True``;
  a server without it leaves the board empty)
* ``GET /v1/ops/sla-report`` per day of the trend window (slower timer)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.domain.people import Appeal
from app.domain.wire import format_time, from_wire, parse_time
from app.rules import ops_metrics
from app.services.ops_actions import pending_acks
from app.store.lookups import user_names
from app.store.models import AppealRow, CaseRow
from app.store.store import Store
from sync.problems import ApiProblem

BANNER_KINDS = (
    "sla_breach",
    "p0_arrival",
    "critical_signal",
    "checkpoint_halted",
    "call_queue_breach",
    "negative_sentiment",
)
QUEUES_EVERY = 12


@dataclass
class WallSnapshot:
    queues: list[dict[str, Any]]
    stats: dict[str, dict[str, Any]]
    calls: list[dict[str, Any]]
    alerts: list[dict[str, Any]]  # open alerts of the banner kinds
    as_of: datetime | None  # the newest server snapshot_time
    all_alerts: list[dict[str, Any]] = field(default_factory=list)  # every open alert
    agents: list[dict[str, Any]] = field(default_factory=list)  # GET /ops/agents rows

    def ordered_stats(self, kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
        return [
            self.stats[q["id"]]
            for q in self.queues
            if q["id"] in self.stats and (kinds is None or q.get("kind") in kinds)
        ]


@dataclass
class Trend:
    days: list[float] = field(default_factory=list)  # POSIX seconds, start of each day
    by_priority: dict[str, list[float]] = field(default_factory=dict)  # percent or NaN


class WallSource:
    """``api()`` returns a ``sync.api.ApiClient`` (or None while there is none)."""

    def __init__(
        self, api: Callable[[], Any], store: Store | None = None, *, agents: bool = False
    ) -> None:
        self._api = api
        self._store = store
        self._with_agents = agents
        self._queues: list[dict[str, Any]] = []
        self._polls = 0

    def _client(self) -> Any:
        api = self._api()
        if api is None:
            raise ConnectionError("no server connection yet")
        return api

    async def snapshot(self) -> WallSnapshot:
        api = self._client()
        if not self._queues or self._polls % QUEUES_EVERY == 0:
            self._queues = sorted(await api.queues(), key=lambda q: (q.get("kind", ""), q["id"]))
        self._polls += 1
        ids = [q["id"] for q in self._queues]
        stats_list, calls, alerts, agents = await asyncio.gather(
            asyncio.gather(*(api.queue_stats(i) for i in ids)),
            api.get_json("/calls", state="live"),
            api.get_json("/alerts", open="true", limit=200),
            self._agents(api),
        )
        stats = dict(zip(ids, stats_list, strict=True))
        times = [parse_time(s["snapshot_time"]) for s in stats_list if s.get("snapshot_time")]
        return WallSnapshot(
            queues=list(self._queues),
            stats=stats,
            calls=list(calls or []),
            alerts=self.banner_alerts(alerts or []),
            as_of=max(times) if times else None,
            all_alerts=self.open_alerts(alerts or []),
            agents=agents,
        )

    async def _agents(self, api: Any) -> list[dict[str, Any]]:
        if not self._with_agents:
            return []
        try:
            body = await api.get_json("/ops/agents")
        except ApiProblem as exc:  # a server without the board: the wall shows "No agents"
            if exc.status in (403, 404):
                return []
            raise
        return list((body or {}).get("agents") or [])

    def user_names(self) -> dict[str, str]:
        """User id → display name from the local store (empty without one)."""
        if self._store is None:
            return {}
        with self._store.session() as session:
            return user_names(session)

    def open_alerts(self, alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Open alerts without those acknowledged here whose ack is still in the outbox."""
        acked = pending_acks(self._store) if self._store is not None else set()
        return [a for a in alerts if a.get("id") not in acked]

    def banner_alerts(self, alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Open alerts of the kinds the wall's banner shows."""
        return [a for a in self.open_alerts(alerts) if a.get("kind") in BANNER_KINDS]

    async def trend(self, now: datetime, days: int = 14) -> Trend:
        api = self._client()
        start = now - timedelta(days=days - 1)
        windows = ops_metrics.periods(start, now, "day")
        reports = await asyncio.gather(
            *(api.sla_report(format_time(a), format_time(b)) for a, b in windows)
        )
        trend = Trend(days=[a.timestamp() for a, _b in windows])
        for prio in ops_metrics.PRIORITIES:
            values = []
            for report in reports:
                line = next((x for x in report["by_priority"] if x["priority"] == prio), None)
                pct = line.get("compliance_percent") if line else None
                values.append(float("nan") if pct is None else float(pct))
            trend.by_priority[prio] = values
        return trend

    # -- local facts ------------------------------------------------------------------------
    def appeals(self, now: datetime, days: int = 30) -> list[Appeal]:
        if self._store is None:
            return []
        since = now - timedelta(days=days)
        stmt = select(AppealRow.data).where(AppealRow.submitted_at >= since)
        with self._store.session() as session:
            return [from_wire(Appeal, d) for d in session.execute(stmt).scalars()]

    def rejected_case_ids(self, now: datetime, days: int = 30) -> list[str]:
        """Cases rejected (or closed with a denial) in the last ``days`` — the base of the
        appeals submission rate."""
        if self._store is None:
            return []
        since = now - timedelta(days=days)
        stmt = select(CaseRow.id, CaseRow.status, CaseRow.data).where(
            CaseRow.decided_at >= since, CaseRow.status.in_(("rejected", "closed"))
        )
        with self._store.session() as session:
            return [
                case_id
                for case_id, status, data in session.execute(stmt)
                if status == "rejected" or (data or {}).get("final_decision") == "deny"
            ]

    def arrivals(self, now: datetime, window: timedelta) -> list[datetime]:
        if self._store is None:
            return []
        stmt = select(CaseRow.created_at).where(CaseRow.created_at > now - window)
        with self._store.session() as session:
            return [t for t in session.execute(stmt).scalars() if t is not None]
