"""Time-driven work on exactly one instance at a time (API.md "Live events").

:class:`Leadership` runs ``elected()`` (which starts the scheduler, and in demo mode the call
simulator, and returns their stop function) on the one instance that holds the session-level
advisory lock ``LEADER_LOCK`` on a connection of its own. Every ``poll_s`` seconds a follower
tries ``pg_try_advisory_lock`` and the leader checks that its connection (hence its lock) is
still there. When the leader's process dies, PostgreSQL ends its session and frees the lock, and
a follower takes over within ``poll_s``; a leader that loses its connection stops its work at
once. The lock-holding connection is named ``rws-leader:<instance>`` (``application_name``), so
``pg_locks`` / ``pg_stat_activity`` show who leads.

On SQLite (one instance only) the instance leads from the start.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from server.storage import ServerDB

log = logging.getLogger(__name__)
LEADER_LOCK = 724_003
Stop = Callable[[], None]


class Leadership:
    def __init__(
        self, db: ServerDB, elected: Callable[[], Stop], *, name: str, poll_s: float = 5.0
    ) -> None:
        self.db, self.elected, self.name, self.poll_s = db, elected, name, poll_s
        self.leading = False
        self._stop_work: Stop | None = None
        self._halt = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Leadership:
        if self.db.is_sqlite:
            self._lead()
            return self
        self._thread = threading.Thread(target=self._run, name="leadership", daemon=True)
        self._thread.start()
        return self

    def _lead(self) -> None:
        log.info("instance %s leads the time-driven work", self.name)
        self._stop_work = self.elected()
        self.leading = True

    def _step_down(self) -> None:
        if self.leading:
            log.info("instance %s no longer leads", self.name)
        self.leading = False
        stop, self._stop_work = self._stop_work, None
        if stop is not None:
            stop()

    def _run(self) -> None:
        from server.pg_events import psycopg_dsn

        dsn = psycopg_dsn(self.db)
        conn: psycopg.Connection | None = None
        while not self._halt.is_set():
            try:
                if conn is None:
                    conn = psycopg.connect(
                        dsn,
                        autocommit=True,
                        connect_timeout=5,
                        application_name=f"rws-leader:{self.name}"[:63],
                    )
                if self.leading:
                    conn.execute("SELECT 1")  # the session, hence the lock, is still ours
                else:
                    row = conn.execute("SELECT pg_try_advisory_lock(%s)", (LEADER_LOCK,)).fetchone()
                    if row and row[0]:
                        self._lead()
            except Exception:
                log.warning("leadership connection lost", exc_info=True)
                self._step_down()
                if conn is not None:
                    conn.close()
                conn = None
            self._halt.wait(self.poll_s)
        self._step_down()
        if conn is not None:
            conn.close()  # frees the lock for the next leader

    def stop(self, timeout: float = 10.0) -> None:
        self._halt.set()
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self._step_down()


def time_driven_work(app, *, demo: bool, scheduler: bool = True) -> Callable[[], Stop]:
    """What the leader runs: the scheduler (unless ``scheduler`` is off: a read-only replica);
    in demo mode also the call simulator, playing the calls the business calendar routes."""
    config = app.state.config

    def elected() -> Stop:
        if demo:
            from server.demo import start_live

            return start_live(
                app,
                scheduler_interval_s=config.scheduler_interval_s,
                with_scheduler=scheduler,
                by_calendar=True,
            ).stop
        if not scheduler:
            return lambda: None
        from server.jobs.service import start_scheduler

        return start_scheduler(app, interval_s=config.scheduler_interval_s).stop

    return elected


def start_leadership(app, *, demo: bool, scheduler: bool = True) -> Leadership:
    config = app.state.config
    leadership = Leadership(
        app.state.db,
        time_driven_work(app, demo=demo, scheduler=scheduler),
        name=config.instance,
        poll_s=config.leader_poll_s,
    )
    app.state.leadership = leadership
    return leadership.start()
