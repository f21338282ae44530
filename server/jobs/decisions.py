"""Running asked decision questions (``POST /v1/decisions``) in the background: one worker
thread per server process runs seed 002's steps 1-7 (app.decisions.workflow) over the HR graph
rows fetched with SQL (server.hr.fetch), stores the execution after every step and publishes
``decision.step`` ``{execution_id, step, status}`` plus ``change``. At step 7 the approval
request is stored and the execution waits (PAUSED_FOR_HITL); the approval route finishes it.

The Monte Carlo generator is seeded from the execution id, so a run can be reproduced. The
execution lives in the database, not in this process: a process that dies mid-run leaves the
execution RUNNING at its last stored step; ten minutes later the scheduler fails it with E008
(server/jobs/interrupted_decisions.py) — it is not resumed."""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from app.decisions.graph import HRGraph
from app.decisions.workflow import e008, fail, run_to_approval
from app.domain.decisions import DecisionExecution, DecomposedQuery, StepType
from app.domain.enums import EntityKind
from app.domain.wire import to_wire
from server import storage
from server.hr.fetch import fetch_graph

log = logging.getLogger(__name__)
SEOUL = ZoneInfo("Asia/Seoul")
ACTOR = "system:decisions"
KIND = EntityKind.DECISION.value


def decision_wire(decision: DecisionExecution, current: dict | None = None) -> dict:
    """The stored document: the execution as JSON plus ``status`` (the execution's status, an
    indexed column, so interrupted runs are found without reading every decision)."""
    return {**(current or {}), **to_wire(decision), "status": decision.execution.status.value}


def start_week(now: datetime) -> str:
    """The Monday of ``now``'s business week (Asia/Seoul), ISO."""
    day: date = now.astimezone(SEOUL).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def rng_for(execution_id: str) -> np.random.Generator:
    seed = int.from_bytes(hashlib.sha256(execution_id.encode()).digest()[:8], "big")
    return np.random.default_rng(seed)


def load_graph(db, now: datetime, horizon_weeks: int) -> tuple[HRGraph, str]:
    first = start_week(now)
    last = (date.fromisoformat(first) + timedelta(weeks=max(1, horizon_weeks) - 1)).isoformat()
    with db.read() as s:
        return fetch_graph(s, first, last), first


def run_workflow(
    decision: DecisionExecution,
    query: str,
    context: dict,
    graph: HRGraph,
    first_week: str,
    now: datetime,
    *,
    requester_id: str,
    decomposed: DecomposedQuery | None = None,
    on_step=None,
) -> DecisionExecution:
    """Steps 1-7 with the server's ids and seeded generator (the demo calls this too)."""
    request_id = "APR-" + decision.id.removeprefix("EXE-")
    return run_to_approval(
        decision, query, context, graph, first_week, now, rng_for(decision.id),
        requester_id=requester_id, request_id=request_id, decomposed=decomposed,
        on_step=on_step,
    )  # fmt: skip


class DecisionRunner:
    """One worker thread; ``submit`` queues a run, ``shutdown`` waits for the running one."""

    def __init__(self, app) -> None:
        self.app = app
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decisions")

    def submit(self, decision: DecisionExecution, context: dict, requester_id: str) -> Future:
        return self._pool.submit(self._run, decision, context, requester_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _save(self, decision: DecisionExecution, step: StepType, status: str) -> None:
        state = self.app.state
        now = state.config.clock()
        with state.db.session() as s:
            current = storage.get(s, EntityKind.DECISION, decision.id) or {}
            wire = decision_wire(decision, current)
            storage.put(s, EntityKind.DECISION, wire, actor=ACTOR, now=now)
            if decision.approval_request is not None and step is StepType.HITL_APPROVAL:
                storage.put(
                    s, EntityKind.APPROVAL, to_wire(decision.approval_request), actor=ACTOR, now=now
                )
                audit = {"approval_id": decision.approval_request.request_id}
                storage.append_audit(s, ACTOR, "decision_paused", KIND, decision.id, audit, now)
            elif status == "failed":
                code = decision.execution.error_code
                audit = {"step": step.value, "code": code and code.value}
                storage.append_audit(s, ACTOR, "decision_failed", KIND, decision.id, audit, now)
            changed = s.info.get("changed", [])
            s.commit()
        bus = state.bus
        if changed:
            bus.publish("change", {"seq": max(seq for _k, _i, seq in changed)})
        bus.publish("decision.step", {"execution_id": decision.id, "step": step.value,
                                      "status": status})  # fmt: skip

    def _run(self, decision: DecisionExecution, context: dict, requester_id: str) -> None:
        state = self.app.state
        now = state.config.clock()
        try:
            dq = decision.query
            horizon = int(dq.constraints.get("horizon_weeks", 12)) if dq else 12
            graph, first = load_graph(state.db, now, horizon)
            run_workflow(decision, dq.original_query if dq else "", context, graph, first, now,
                         requester_id=requester_id, decomposed=dq, on_step=self._save)  # fmt: skip
        except Exception as exc:  # the thread must survive; the execution shows E008
            log.exception("decision %s failed", decision.id)
            step = StepType.KG_QUERY  # the graph could not be read
            fail(decision, step, e008(exc), now)
            try:
                self._save(decision, step, "failed")
            except Exception:
                log.exception("decision %s: the failure could not be stored", decision.id)


_lock = threading.Lock()


def runner_of(app) -> DecisionRunner:
    """The app's runner, made on first use."""
    with _lock:
        runner = getattr(app.state, "decision_runner", None)
        if runner is None:
            runner = app.state.decision_runner = DecisionRunner(app)
        return runner


def stop_runner(app) -> None:
    runner = getattr(app.state, "decision_runner", None)
    if runner is not None:
        runner.shutdown()
