"""All jobs over demo data, on SQLite and (where it can be started) PostgreSQL: a
day, a week and a restart pass; approvals expire, reports and an SC are written, nothing
raises."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.enums import EntityKind
from server import storage
from server import tables as t
from server.demo.cases import generate_cases
from server.demo.checkpoints import demo_checkpoints
from server.demo.decisions import demo_decisions
from server.events import EventBus
from server.scheduler import Scheduler
from server.storage import ServerDB
from tests.integration.jobs.conftest import T0, Clock
from tests.integration.pg import pg_bindir, postgres_cluster

BACKENDS = ["sqlite"] + (["postgresql"] if pg_bindir() else [])


@pytest.fixture(scope="module", params=BACKENDS)
def url(request, tmp_path_factory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('jobs') / 's.db'}"
        return
    with postgres_cluster() as pg:
        assert pg, "PostgreSQL binaries exist but the cluster did not start"
        yield pg


def test_a_week_of_ticks_with_a_restart(url) -> None:
    clock = Clock(T0)
    db = ServerDB(url)
    cases, tasks = generate_cases(40, T0, seed=11)
    decisions, approvals = demo_decisions(T0)
    with db.session() as s:
        storage.create_user(s, "reviewer1", "pw", "박지훈", ["reviewer"], ["credit_review"], now=T0)
        storage.store_token(s, "tok-r1", "u_reviewer1", T0 + timedelta(days=30))
        s.commit()
    for kind, items in [
        (EntityKind.CASE, cases),
        (EntityKind.TASK, tasks),
        (EntityKind.DECISION, decisions),
        (EntityKind.APPROVAL, approvals),
        (EntityKind.CHECKPOINT, demo_checkpoints(T0)),
    ]:
        storage.bulk_insert(db, kind, items, now=T0)
    Scheduler(db, EventBus(), clock).tick()
    for hours in (1, 25):
        clock.now = T0 + timedelta(hours=hours)
        Scheduler(db, EventBus(), clock).tick()
    db.dispose()
    db = ServerDB(url)  # restarted after a week
    clock.now = T0 + timedelta(days=8)
    bus = EventBus()
    Scheduler(db, bus, clock).tick()
    with db.read() as s:
        approvals = storage.query(s, EntityKind.APPROVAL)
        reports = [r[0] for r in s.execute(select(t.ops_reports.c.id))]
        scs = [c for c in storage.query(s, EntityKind.CHECKPOINT) if c["mode"] == "scheduled"]
        assigned = storage.query(s, EntityKind.TASK, assignee_id="u_reviewer1")
    db.dispose()
    assert {a["status"] for a in approvals} == {"EXPIRED"}
    assert "daily-2026-11-23" in reports and "weekly-2026-11-23" in reports
    assert any(c.get("review_document") for c in scs)
    assert 0 < len([a for a in assigned if a["status"] == "assigned"]) <= 5  # the load cap
