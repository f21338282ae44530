"""The scheduler runs in every reviewer-server (not only --demo), on config.clock;
--no-scheduler leaves it out; work due while the server was down runs once on restart."""

from __future__ import annotations

import random
from datetime import timedelta

from app.domain.enums import CaseStatus, EntityKind, Priority
from server.app import create_app
from server.cli import build_parser
from server.config import ServerConfig
from server.demo.cases import build_case, sla_dict
from server.leader import start_leadership
from server.scheduler import Scheduler
from tests.integration.jobs.conftest import T0, Clock


def _app(tmp_path, clock):
    return create_app(ServerConfig(db_url=f"sqlite:///{tmp_path / 'a.db'}", clock=clock))


def test_plain_server_starts_the_scheduler_on_its_clock(tmp_path) -> None:
    clock = Clock()
    app = _app(tmp_path, clock)
    args = build_parser().parse_args([])
    leadership = start_leadership(app, demo=args.demo, scheduler=not args.no_scheduler)
    try:
        assert leadership.leading  # SQLite: the one instance leads from the start
        sched = app.state.scheduler
        assert isinstance(sched, Scheduler) and sched.clock is clock
    finally:
        leadership.stop()
        app.state.db.dispose()


def test_no_scheduler_for_a_read_only_replica(tmp_path) -> None:
    app = _app(tmp_path, Clock())
    args = build_parser().parse_args(["--no-scheduler"])
    leadership = start_leadership(app, demo=args.demo, scheduler=not args.no_scheduler)
    try:
        assert getattr(app.state, "scheduler", None) is None
    finally:
        leadership.stop()
        app.state.db.dispose()


def test_breach_while_down_alerts_once_after_restart(env) -> None:
    case, _ = build_case(
        random.Random(1), "case_down_1", T0, priority=Priority.P0, status=CaseStatus.OPEN
    )
    case["sla"] = sla_dict(Priority.P0, T0)
    env.put(EntityKind.CASE, case)
    env.at(T0 + timedelta(hours=1))
    env.restart()  # down from 01:00 to 06:00 UTC; the 4 h SLA passed at 05:00
    env.at(T0 + timedelta(hours=5))
    env.at(T0 + timedelta(hours=5, minutes=1))
    assert [a["id"] for a in env.alerts("sla_breach")] == ["case_down_1"]
    assert [a["id"] for a in env.alerts("sla_warning")] == ["case_down_1"]  # passed too


def test_reviewer_server_process_runs_the_scheduler_without_demo(tmp_path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from server import storage
    from server.runner import free_port
    from server.scheduler import META_KEY
    from server.storage import ServerDB
    from tests.integration.sync.helpers import ROOT, wait_healthy

    url, port = f"sqlite:///{tmp_path / 'p.db'}", free_port()
    cmd = [sys.executable, "-m", "server.cli", "--db", url, "--port", str(port),
           "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        db = ServerDB(url)
        deadline = time.monotonic() + 30
        ran = ""
        while not ran and time.monotonic() < deadline:  # the first tick runs at start-up
            with db.read() as s:
                ran = storage.get_meta(s, META_KEY)
            time.sleep(0.05)
        db.dispose()
        assert ran, "the scheduler of a plain reviewer-server never ran"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
