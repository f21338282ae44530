"""Demo content of the reference server (API.md "Demo mode") and the live services.

``seed_demo(db, now)`` creates the demo users (password ``demo``), queues, ~60 cases covering
every priority and state (with the runbook's four scenarios), appeals, QA reviews, checkpoints,
the demo organisation's HR knowledge graph (server/demo/hr_org.py) and three decision
executions produced by running seed 002's workflow on it (paused for approval), generated
content awaiting review (seed 003)
and the Korean knowledge articles of
``resources/knowledge``. ``seed_cases`` bulk-generates more cases. ``start_live(app)``
starts the call simulator and the scheduler for a running app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.domain.enums import EntityKind
from app.domain.people import KnowledgeArticle
from app.domain.wire import format_time, from_wire, to_wire
from server import storage
from server.demo.audit import append_demo_audit, case_events, other_events
from server.demo.cases import generate_cases, link, seed_cases
from server.demo.checkpoints import demo_checkpoints
from server.demo.decisions import demo_decisions
from server.demo.generated import demo_generated
from server.demo.hr_org import demo_graph
from server.demo.past_contacts import past_calls, past_cases
from server.demo.people import create_users, put_queues
from server.demo.scenarios import qa_reviews, rejected_with_appeals, runbook_cases
from server.hr.load import store_graph
from server.jobs.reports import ANCHOR_KEY as REPORTS_FROM
from server.kpi_store import Lookup
from server.simulator import load_scripts

__all__ = ["LiveServices", "seed_cases", "seed_demo", "seed_demo_once", "start_live"]

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "resources" / "knowledge"


def knowledge_articles() -> list[dict]:
    out = []
    for path in sorted(KNOWLEDGE_DIR.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            out.append(to_wire(from_wire(KnowledgeArticle, item)))
    return out


def seed_demo(db, now: datetime) -> dict:
    """Create all demo content in an empty database; returns counts per kind."""
    counts: dict[str, int] = {}
    cases, tasks = runbook_cases(now)
    rejected, appeals = rejected_with_appeals(now)
    more, more_tasks = generate_cases(52, now, seed=11)
    callers = load_scripts()
    history, history_tasks = past_cases(callers, now)
    cases, tasks = cases + rejected + more + history, tasks + more_tasks + history_tasks
    link(cases, tasks, appeals)
    decided = [c["id"] for c in more if c["status"] in ("approved", "rejected", "closed")]
    with db.session() as s:
        create_users(s, now)
        put_queues(s, now)
        # the demo's cases go back weeks: its operations reports start 5 weeks ago, so the
        # scheduler's first tick stores the daily, weekly and monthly reports since then
        storage.set_meta(s, REPORTS_FROM, format_time(now - timedelta(days=35)))
        counts.update({f"hr_{k}": v for k, v in store_graph(s, demo_graph(now)).items()})
        s.commit()
    decisions, approvals = demo_decisions(now)
    batches = {
        EntityKind.CASE: cases,
        EntityKind.TASK: tasks,
        EntityKind.APPEAL: appeals,
        EntityKind.QA_REVIEW: qa_reviews(now, decided),
        EntityKind.CHECKPOINT: demo_checkpoints(now),
        EntityKind.DECISION: decisions,
        EntityKind.APPROVAL: approvals,
        EntityKind.KNOWLEDGE_ARTICLE: knowledge_articles(),
        EntityKind.CALL: past_calls(callers, now),
    }
    for kind, items in batches.items():
        if items:
            storage.bulk_insert(db, kind, items, now=now)
        counts[kind.value] = len(items)
    with db.read() as s:  # written from the KPI store of the data just seeded
        generated = demo_generated(now, Lookup(s, now))
    storage.bulk_insert(db, EntityKind.GENERATED, generated, now=now)
    counts[EntityKind.GENERATED.value] = len(generated)
    events = case_events(cases, now) + other_events(appeals, decisions, approvals, now)
    counts["audit"] = append_demo_audit(db, events, now)
    return counts


def seed_demo_once(db, now: datetime) -> bool:
    """``seed_demo`` unless the demo users already exist; True when it seeded."""
    with db.read() as s:
        if storage.user_by_id(s, "u_agent1") is not None:
            return False
    seed_demo(db, now)
    return True


@dataclass
class LiveServices:
    simulator: object
    scheduler: object | None

    def stop(self) -> None:
        self.simulator.stop()
        if self.scheduler is not None:
            self.scheduler.stop()


def start_live(
    app,
    *,
    scheduler_interval_s: float = 30.0,
    with_scheduler: bool = True,
    by_calendar: bool = False,
) -> LiveServices:
    """Start the call simulator and (unless the caller runs it itself) the scheduler for
    ``app`` (daemon threads). ``by_calendar``: the simulator plays only the calls whose flow
    the business calendar chooses at the time (after hours outside 평일 09:00~18:00)."""
    from server.jobs.service import start_scheduler
    from server.simulator import CallSimulator

    config = app.state.config
    sim = CallSimulator(
        app.state.db, app.state.bus, speed=config.speed, clock=config.clock, by_calendar=by_calendar
    )
    sim.start()
    sched = start_scheduler(app, interval_s=scheduler_interval_s) if with_scheduler else None
    live = LiveServices(sim, sched)
    app.state.live = live
    return live
