"""``reviewer-server``: run the reference backend with uvicorn on loopback.

    reviewer-server [--db URL] [--host 127.0.0.1] [--port 8765] [--demo] [--seed-cases N]
                    [--speed F] [--no-scheduler] [--instance NAME] [--leader-poll S]
                    [--scheduler-interval S] [--audit-key-file PATH]
    reviewer-server load-hr DIR [--db URL]

``load-hr`` checks the HR knowledge graph in DIR (CSV / JSON per table, docs/HR_GRAPH.md) and
replaces the stored graph with it in one transaction; on any problem it prints each one (table,
row, column) and changes nothing (exit status 2).

The scheduler (SLA, checkpoint, approval, call-queue, assignment and report jobs) runs in every
mode on the server's one clock; ``--no-scheduler`` leaves it out (a read-only replica). Work
that fell due while the server was down runs once when it starts again. ``--demo`` also creates
the demo users and data (once per database) and runs the call simulator. Several servers may
share one PostgreSQL database (README "Running several instances"): events reach every
instance, and the time-driven work runs on the one instance that holds the leadership lock,
taken over within ``--leader-poll`` seconds when that instance dies. SIGINT / SIGTERM close the
event streams, stop the background services and exit with status 0.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

import platformdirs
import uvicorn

from app.text import log_redaction
from server.app import create_app, stop_chainer
from server.config import ServerConfig
from server.jobs.decisions import stop_runner
from server.leader import exclusive, start_leadership

log = logging.getLogger("reviewer-server")


def default_db_url() -> str:
    path = Path(platformdirs.user_data_dir("reviewer-workstation")) / "server.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reviewer-server", description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default=None, help="SQLAlchemy URL (default: SQLite in the data dir)")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--demo", action="store_true", help="demo users, data and live simulator")
    p.add_argument("--seed-cases", type=int, default=0, metavar="N", help="add N generated cases")
    p.add_argument("--speed", type=float, default=1.0, help="simulator / scheduler time factor")
    p.add_argument("--instance", default=None, help="this instance's name (default host:pid)")
    p.add_argument(
        "--leader-poll",
        type=float,
        default=5.0,
        metavar="S",
        help="seconds between leadership checks; a dead leader is replaced within S (default 5)",
    )
    p.add_argument(
        "--scheduler-interval",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds between scheduler runs (default 30)",
    )
    p.add_argument(
        "--no-scheduler",
        action="store_true",
        help="run no time-driven jobs (a read-only replica)",
    )
    p.add_argument(
        "--audit-key-file",
        default=None,
        metavar="PATH",
        help="HMAC key of the audit chain (default: RWS_AUDIT_KEY, else audit.key beside the "
        "SQLite file or in the data directory; created 0600)",
    )
    p.add_argument("--log-level", default="info")
    return p


class _Server(uvicorn.Server):
    """Closes the event bus first so open SSE responses end and shutdown is prompt."""

    def handle_exit(self, sig: int, frame: object) -> None:
        bus = getattr(self.config.app.state, "bus", None)
        if bus is not None:
            bus.close()
        super().handle_exit(sig, frame)


def _after_shutdown(sig: int, frame: object) -> None:
    log.info("stopped by signal %s", sig)


def load_hr(argv: list[str]) -> int:
    """``reviewer-server load-hr DIR [--db URL]``."""
    from server.hr.load import HRLoadError, load_dir
    from server.storage import ServerDB

    p = argparse.ArgumentParser(prog="reviewer-server load-hr", description=load_hr.__doc__)
    p.add_argument("directory", type=Path, help="CSV / JSON files, one per table")
    p.add_argument("--db", default=None, help="SQLAlchemy URL (default: SQLite in the data dir)")
    args = p.parse_args(argv)
    db = ServerDB(args.db or default_db_url())
    try:
        counts = load_dir(db, args.directory)
    except HRLoadError as exc:
        print("reviewer-server load-hr: nothing loaded:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(", ".join(f"{name} {n}" for name, n in counts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["load-hr"]:
        return load_hr(argv[1:])
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    log_redaction.install("uvicorn", "uvicorn.error", "uvicorn.access")  # no identifier logged
    if min(args.speed, args.leader_poll, args.scheduler_interval) <= 0:
        print(
            "reviewer-server: --speed, --leader-poll and --scheduler-interval must be positive",
            file=sys.stderr,
        )
        return 2
    config = ServerConfig(
        db_url=args.db or default_db_url(),
        demo=args.demo,
        host=args.host,
        port=args.port,
        speed=args.speed,
        leader_poll_s=args.leader_poll,
        scheduler_interval_s=args.scheduler_interval,
        audit_key_file=args.audit_key_file,
    )
    if args.instance:
        config.instance = args.instance
    app = create_app(config)
    db = app.state.db
    if args.demo:
        from server.demo import seed_demo_once

        t0 = time.perf_counter()
        with exclusive(db):  # instances started together: the first seeds, the others see it
            seeded = seed_demo_once(db, config.clock())
        if seeded:
            log.info("demo data created in %.1f s", time.perf_counter() - t0)
    if args.seed_cases > 0:
        from server.demo import seed_cases

        t0 = time.perf_counter()
        seed_cases(db, args.seed_cases, config.clock())
        log.info("%d cases seeded in %.1f s", args.seed_cases, time.perf_counter() - t0)
    live = start_leadership(app, demo=args.demo, scheduler=not args.no_scheduler)
    uv = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        lifespan="off",
        timeout_graceful_shutdown=3,
    )
    server = _Server(uv)
    # uvicorn re-raises a captured SIGINT / SIGTERM after its graceful shutdown, against the
    # handlers that were installed before it started; these make that a no-op, so we exit 0.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _after_shutdown)
    try:
        server.run()
    finally:
        live.stop()
        stop_runner(app)
        app.state.bus.close()
        stop_chainer(app)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
