"""``reviewer-server``: run the reference backend with uvicorn on loopback.

    reviewer-server [--db URL] [--host 127.0.0.1] [--port 8765] [--demo] [--seed-cases N]
                    [--speed F] [--audit-key-file PATH]

``--demo`` creates the demo users and data (once per database) and starts the call simulator
and the scheduler. SIGINT / SIGTERM close the event streams, stop the background services and
exit with status 0.
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

from server.app import create_app
from server.config import ServerConfig

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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    if args.speed <= 0:
        print("reviewer-server: --speed must be positive", file=sys.stderr)
        return 2
    config = ServerConfig(
        db_url=args.db or default_db_url(),
        demo=args.demo,
        host=args.host,
        port=args.port,
        speed=args.speed,
        audit_key_file=args.audit_key_file,
    )
    app = create_app(config)
    db = app.state.db
    live = None
    if args.demo:
        from server.demo import seed_demo_once, start_live

        t0 = time.perf_counter()
        if seed_demo_once(db, config.clock()):
            log.info("demo data created in %.1f s", time.perf_counter() - t0)
        live = start_live(app)
    if args.seed_cases > 0:
        from server.demo import seed_cases

        t0 = time.perf_counter()
        seed_cases(db, args.seed_cases, config.clock())
        log.info("%d cases seeded in %.1f s", args.seed_cases, time.perf_counter() - t0)
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
        if live is not None:
            live.stop()
        app.state.bus.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
