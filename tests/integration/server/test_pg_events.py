"""The pieces of several instances, in-process over the throwaway PostgreSQL cluster: the event
bus of two "instances" on one database, the change event stored by its own transaction, and the
leadership of the time-driven work."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.domain.enums import EntityKind
from server import storage
from server.leader import Leadership, exclusive
from server.pg_events import PgEventBus
from server.storage import ServerDB

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def wait_for(cond, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (value := cond()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
    return value


@pytest.fixture
def url(pg_url: str | None) -> str:
    """A fresh database in the session's cluster."""
    assert pg_url, "PostgreSQL binaries exist but the cluster did not start"
    name = f"rws_ev_{uuid.uuid4().hex[:8]}"
    dsn = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def two(url: str) -> Iterator[tuple[PgEventBus, PgEventBus]]:
    dbs = [ServerDB(url), ServerDB(url)]
    buses = (PgEventBus(dbs[0], poll_s=0.2), PgEventBus(dbs[1], poll_s=0.2))
    yield buses
    for bus, db in zip(buses, dbs, strict=True):
        bus.close()
        db.dispose()


def _ids(sub) -> list[int]:
    return [e.id for e in list(sub.queue)]


def test_events_reach_both_instances_in_one_order(two) -> None:
    a, b = two
    sub_a, sub_b = a.subscribe(), b.subscribe()
    threads = [
        threading.Thread(target=lambda bus=bus: [bus.publish("alert", {"n": i}) for i in range(20)])
        for bus in (a, b)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wait_for(lambda: len(sub_a.queue) == 40 and len(sub_b.queue) == 40, 5, "40 events on each")
    assert _ids(sub_a) == _ids(sub_b) == sorted(set(_ids(sub_a)))
    # Last-Event-ID from A's stream resumes on B with exactly what followed
    pivot = _ids(sub_a)[9]
    resumed = b.subscribe(pivot)
    assert _ids(resumed) == _ids(sub_a)[10:]
    late = a.publish("alert", {"n": "late"})
    wait_for(lambda: len(resumed.queue) == 31, 5, "the next event on the resumed stream")
    assert _ids(resumed)[-1] == late == _ids(resumed)[-2] + 1


def test_the_change_event_is_stored_by_its_transaction(two) -> None:
    a, b = two
    sub = b.subscribe()
    with a.db.session() as s:
        storage.put(s, EntityKind.CASE, {"id": "EV-1"}, actor="t", now=NOW)
        seq = s.info["changed"][-1][2]
        s.commit()  # no publish call: the transaction stored its change event
    wait_for(lambda: sub.queue, 5, "the change event")
    assert [e.payload() for e in sub.queue] == [{"seq": seq}]
    assert a.publish("change", {"seq": seq}) == 0  # published again after the commit: dropped
    a.publish("alert", {"n": 1})
    wait_for(lambda: len(sub.queue) == 2, 5, "the alert")
    assert [e.type for e in sub.queue] == ["change", "alert"]


def test_leadership_is_held_once_and_moves_when_the_leader_goes(url: str) -> None:
    db = ServerDB(url)
    running: list[str] = []

    def work(name: str):
        def elected():
            running.append(name)
            return lambda: running.remove(name)

        return elected

    a = Leadership(db, work("a"), name="a", poll_s=0.1).start()
    wait_for(lambda: running == ["a"], 10, "a to lead")
    b = Leadership(db, work("b"), name="b", poll_s=0.1).start()
    time.sleep(0.5)  # several of b's tries: the lock stays with a
    assert running == ["a"] and a.leading and not b.leading
    a.stop()  # its session ends, the lock with it
    wait_for(lambda: running == ["b"], 10, "b to take over")
    assert b.leading and not a.leading
    b.stop()
    assert running == []
    db.dispose()


def test_exclusive_blocks_run_one_at_a_time(url: str) -> None:
    db = ServerDB(url)
    inside: list[int] = []
    overlaps: list[int] = []
    barrier = threading.Barrier(4)

    def seed_like() -> None:
        barrier.wait(10)
        with exclusive(db):
            inside.append(1)
            if len(inside) > 1:
                overlaps.append(1)
            time.sleep(0.05)
            inside.pop()

    threads = [threading.Thread(target=seed_like) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert not overlaps
    db.dispose()


def test_instances_starting_together_make_one_schema_and_one_db_id(url: str) -> None:
    ids: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def start() -> None:
        try:
            barrier.wait(10)
            db = ServerDB(url)
            ids.append(db.db_id)
            db.dispose()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert not errors, errors
    assert len(ids) == 3 and len(set(ids)) == 1


def test_a_publish_that_cannot_be_stored_returns_zero_without_raising(url: str) -> None:
    db = ServerDB(url)
    bus = PgEventBus(db, poll_s=0.2)
    try:
        assert bus.publish("alert", {"n": 1}) == 1
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE events RENAME TO events_gone")
        assert bus.publish("alert", {"n": 2}) == 0  # logged; the caller's commit stands
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE events_gone RENAME TO events")
        assert bus.publish("alert", {"n": 3}) == 2
    finally:
        bus.close()
        db.dispose()


def test_a_database_from_before_the_id_sequence_goes_on_after_its_last_event(url: str) -> None:
    """Event ids come from a sequence (lock, row and NOTIFY in one statement); a database whose
    events were numbered max + 1 before it existed goes on after its highest id."""
    db = ServerDB(url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO events (id, type, data, at) VALUES (41, 'alert', '{}', now())"
        )
    bus = PgEventBus(db, poll_s=0.2)
    try:
        assert bus.publish("alert", {"n": 1}) == 42
        assert bus.publish("alert", {"n": 2}) == 43
    finally:
        bus.close()
        db.dispose()
    again = ServerDB(url)  # a second start leaves the sequence where it is
    bus = PgEventBus(again, poll_s=0.2)
    try:
        assert bus.publish("alert", {"n": 3}) == 44
    finally:
        bus.close()
        again.dispose()
