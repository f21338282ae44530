"""``--demo``: the reference server in-process on a free loopback port, seeded with demo data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class DemoServer:
    running: Any  # server.runner.RunningServer
    live: Any = None  # server.demo.LiveServices (call simulator, SLA scheduler)

    @property
    def url(self) -> str:
        return self.running.url

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
        self.running.stop()


def start_demo_server(data_dir: Path, *, live: bool = True) -> DemoServer:
    """Blocking (call it with ``asyncio.to_thread``): create, seed once, serve, simulate."""
    from server.app import create_app
    from server.config import ServerConfig
    from server.demo import seed_demo_once, start_live
    from server.runner import start_server

    config = ServerConfig(db_url=f"sqlite:///{data_dir / 'demo-server.sqlite3'}", demo=True, port=0)
    app = create_app(config)
    seed_demo_once(app.state.db, config.clock())
    running = start_server(config, app=app)
    return DemoServer(running, start_live(app) if live else None)
