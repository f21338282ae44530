"""Periodic jobs of the reference server, on the injectable ``config.clock``.

Every ``interval_s`` (real seconds) ``tick()`` runs; each decision comes from ``app.rules`` and
the scheduler only applies it:

* SLA: ``sla.transition_alerts(sla, last_run, now)`` per active case → ``sla_warning`` /
  ``sla_breach`` alert events exactly once (the crossing happens in one interval only); on a
  breach the case's ``sla.breached_at`` is filled in (a change in the feed).
* Checkpoints: ``checkpoints.overdue_action`` → ``apply_overdue``: an event checkpoint unanswered
  48 h is ``halt_and_escalate_to_audit`` (status escalated, workflow halted, audit event,
  ``checkpoint_halted`` alert); a scheduled one past due is ``skipped`` (or escalated with a
  critical signal: ``critical_signal`` alert, code ``critical_unanswered``).
* Documents: an ``awaiting_docs`` case whose deadline (end of that day, Asia/Seoul) passed in
  the interval → ``docs_overdue`` alert.
* ``queue.stats`` snapshot per queue.
* The jobs of ``server.jobs`` (approvals, assignment, call queues, checkpoints, reports), each
  ``run(s, before, now)``.

The last run time is kept in the meta table (``scheduler_last_run``), so a restart does not
alert twice; the very first run only records the time.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from app.domain.cases import SlaInfo
from app.domain.checkpoints import Checkpoint
from app.domain.enums import AlertKind, EntityKind
from app.domain.wire import format_time, from_wire, parse_time, to_wire
from app.rules import checkpoints as cp_rules
from app.rules import ops_metrics
from app.rules import sla as sla_rules
from app.rules.zone import KST as SEOUL
from app.text.formats import form_date
from server import feed_seq, jobs, storage
from server.events import EventBus

log = logging.getLogger(__name__)
ACTIVE = ["open", "pending", "escalated", "awaiting_docs"]
META_KEY = "scheduler_last_run"
SNAPSHOT = ("sla", "docs_deadline")  # the members of an active case the tick reads
FAILURES_KEY = "scheduler_failures"


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Scheduler:
    def __init__(
        self,
        db,
        bus: EventBus,
        clock: Callable[[], datetime] = _utc_now,
        interval_s: float = 30.0,
    ) -> None:
        self.db, self.bus, self.clock, self.interval_s = db, bus, clock, interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="scheduler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick_retrying()
            except Exception as exc:
                log.exception("scheduler tick failed")
                self._record_failure(exc)
            self._stop.wait(self.interval_s)

    def _tick_retrying(self, attempts: int = 3) -> dict:
        """``tick``, run again when it lost a race to a concurrent mutation (PostgreSQL: a
        deadlock's victim, or a document changed between its read and its conditional write —
        nothing of the failed attempt was stored)."""
        for attempt in range(attempts):
            try:
                return self.tick()
            except Exception as exc:
                if attempt == attempts - 1 or not (
                    isinstance(exc, storage.StaleVersion) or storage.lost_race(exc)
                ):
                    raise
        raise AssertionError("unreachable")

    def _record_failure(self, exc: Exception) -> None:
        """The last 20 failed ticks in meta ``scheduler_failures`` (the scheduled_jobs tool)."""
        try:
            with self.db.session() as s:
                raw = storage.get_meta(s, FAILURES_KEY)
                kept = (json.loads(raw) if raw else [])[-19:]
                kept.append([format_time(self.clock()), f"{type(exc).__name__}: {exc}"[:300]])
                storage.set_meta(s, FAILURES_KEY, json.dumps(kept, ensure_ascii=False))
                s.commit()
        except Exception:
            log.exception("could not record the scheduler failure")

    # -- one run ------------------------------------------------------------------------------
    def tick(self) -> dict:
        """One pass; returns counts of what it did.

        The active cases are read in a read transaction (no lock: on a large database this is
        the slow part); the write transaction that follows holds the tick lock only to
        move ``scheduler_last_run`` and to apply the alerts of the cases that have one, each read
        again there, so a case changed meanwhile is never overwritten with the old document."""
        now = self.clock()
        with self.db.read() as s:
            seen = storage.get_meta(s, META_KEY)
            # the members the tick reads, not whole documents; each clock parsed once
            cases = storage.query(s, EntityKind.CASE, status=ACTIVE, fields=SNAPSHOT)
        slas = {c["id"]: from_wire(SlaInfo, c["sla"]) for c in cases if c.get("sla")}
        alerts: list[dict] = []
        with self.db.session() as s:
            # the tick lock first: even two overlapping ticks (a leader that just lost its
            # lease) read and move ``scheduler_last_run`` one after the other, never alert twice
            feed_seq.lock(s, feed_seq.TICK_LOCK)
            raw = storage.get_meta(s, META_KEY)
            before = parse_time(raw) if raw else None
            storage.set_meta(s, META_KEY, format_time(now))
            if before is not None and before < now:
                # another tick ran since the snapshot: look at every case again
                suspects = cases if raw != seen else self._suspects(cases, slas, before, now)
                for snapshot in suspects:
                    case = storage.get(s, EntityKind.CASE, snapshot["id"])
                    if case is not None and case.get("status") in ACTIVE:
                        alerts += self._case_alerts(s, case, before, now)
            alerts += self._checkpoints(s, now)
            alerts += jobs.run_all(s, before if before is not None and before < now else None, now)
            for a in alerts:
                storage.add_alert(s, a["kind"], a["entity"], a["id"], a, now)
            changed = s.info.get("changed", [])
            s.commit()
        if changed:
            self.bus.publish("change", {"seq": max(seq for _k, _i, seq in changed)})
        for a in alerts:
            self.bus.publish("alert", a)
        stats = self._queue_stats(cases, slas, now)
        for snapshot in stats:
            self.bus.publish("queue.stats", snapshot)
        return {"alerts": Counter(a["kind"] for a in alerts), "queues": len(stats)}

    def _suspects(
        self, cases: list[dict], slas: dict[str, SlaInfo], before: datetime, now: datetime
    ) -> list[dict]:
        """The cases whose snapshot has an alert due in (before, now]."""
        return [c for c in cases if self._case_alerts(None, c, before, now, slas.get(c["id"]))]

    def _case_alerts(
        self, s, case: dict, before: datetime, now: datetime, sla: SlaInfo | None = None
    ) -> list[dict]:
        """The alerts of one case in (before, now]; with a session (``s``) a breach is also
        stored on the case (``sla.breached_at``), without one nothing is written. ``sla``: the
        case's clock already parsed."""
        out: list[dict] = []
        if case.get("sla"):
            sla = sla or from_wire(SlaInfo, case["sla"])
            for kind in sla_rules.transition_alerts(sla, before, now):
                out.append(self._alert(kind, case, self._sla_message(kind, case)))
                if kind is AlertKind.SLA_BREACH and s is not None:
                    case["sla"] = to_wire(sla_rules.with_breach(sla, now))
                    storage.put(s, EntityKind.CASE, case, actor="system:scheduler", now=now)
        deadline = case.get("docs_deadline")
        if case.get("status") == "awaiting_docs" and deadline:
            day = datetime.fromisoformat(deadline).date() + timedelta(days=1)
            cutoff = datetime.combine(day, time(0), tzinfo=SEOUL).astimezone(UTC)
            if before < cutoff <= now:
                due = form_date(datetime.fromisoformat(deadline).date())
                msg = f"서류 제출 기한({due})이 지났습니다: {case['id']}"
                out.append(self._alert(AlertKind.DOCS_OVERDUE, case, msg, deadline=deadline))
        return out

    @staticmethod
    def _sla_message(kind: AlertKind, case: dict) -> str:
        what = "SLA 80% 경과" if kind is AlertKind.SLA_WARNING else "SLA 위반"
        return f"{what}: {case['id']} ({case.get('priority', '').upper()})"

    @staticmethod
    def _alert(kind: AlertKind, case: dict, message: str, **params: str) -> dict:
        priority = str(case.get("priority") or "").upper()
        return {
            "kind": kind.value,
            "entity": EntityKind.CASE.value,
            "id": case["id"],
            "code": kind.value,  # texts: app.rules.alert_text
            "params": {"case_id": case["id"], "priority": priority, **params},
            "message": message,
            "priority": case.get("priority"),
            "queue_id": case.get("queue_id"),
            "due_at": (case.get("sla") or {}).get("due_at"),
        }

    def _checkpoints(self, s, now: datetime) -> list[dict]:
        out = []
        for data in storage.query(s, EntityKind.CHECKPOINT, status="open"):
            checkpoint = from_wire(Checkpoint, data)
            action = cp_rules.overdue_action(checkpoint, now)
            if action is None:
                continue
            after = cp_rules.apply_overdue(checkpoint, now)
            stored = storage.put(
                s,
                EntityKind.CHECKPOINT,
                {**data, **to_wire(after)},
                actor="system:scheduler",
                now=now,
            )
            storage.append_audit(
                s,
                "system:scheduler",
                action,
                EntityKind.CHECKPOINT.value,
                checkpoint.id,
                {"status": stored["status"], "mode": stored["mode"]},
                now,
            )
            if action != cp_rules.SKIPPED:
                halted = action == cp_rules.HALT_AND_ESCALATE
                hours = int(cp_rules.EVENT_TIMEOUT.total_seconds() // 3600)
                out.append(
                    jobs.alert(
                        AlertKind.CHECKPOINT_HALTED if halted else AlertKind.CRITICAL_SIGNAL,
                        EntityKind.CHECKPOINT.value,
                        checkpoint.id,
                        "checkpoint_halted" if halted else "critical_unanswered",
                        {"checkpoint_id": checkpoint.id, "hours": hours},
                        action=action,
                    )
                )
        return out

    @staticmethod
    def _queue_stats(cases: list[dict], slas: dict[str, SlaInfo], now: datetime) -> list[dict]:
        by_queue: dict[str, dict] = {}
        clocks: dict[str, list[SlaInfo]] = {}
        for case in cases:
            key = case.get("queue_id") or ""
            q = by_queue.setdefault(
                key,
                {
                    "queue_id": case.get("queue_id"),
                    "snapshot_time": format_time(now),
                    "waiting_by_priority": {"p0": 0, "p1": 0, "p2": 0, "p3": 0},
                    "at_risk": 0,
                    "breached": 0,
                },
            )
            if (
                case.get("status") in ("open", "pending")
                and case.get("priority") in (q["waiting_by_priority"])
            ):
                q["waiting_by_priority"][case["priority"]] += 1
            if (sla := slas.get(case["id"])) is not None:
                clocks.setdefault(key, []).append(sla)
        for key, q in by_queue.items():
            q["at_risk"], q["breached"] = ops_metrics.sla_counts(clocks.get(key, ()), now)
        return list(by_queue.values())
