"""Run the server in a background thread on loopback (tests, the workstation's ``--demo``)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, replace

import uvicorn
from fastapi import FastAPI

from server.app import create_app, stop_chainer
from server.config import ServerConfig
from server.jobs.decisions import stop_runner


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    url: str
    port: int
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self, timeout: float = 5.0) -> None:
        """Close event streams, ask uvicorn to exit, and wait for the thread."""
        bus = getattr(self.app.state, "bus", None)
        if bus is not None:
            bus.close()
        stop_runner(self.app)  # a decision question still running finishes first
        self.server.should_exit = True
        self.thread.join(timeout)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout)
        stop_chainer(self.app)
        self.app.state.db.dispose()


def start_server(
    config: ServerConfig, app: FastAPI | None = None, timeout: float = 20.0
) -> RunningServer:
    """Start on 127.0.0.1; port 0 picks a free port. Returns once the server accepts requests."""
    port = config.port or free_port()
    config = replace(config, host="127.0.0.1", port=port)
    app = app or create_app(config)
    uv_config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(uv_config)
    thread = threading.Thread(target=server.run, name=f"reviewer-server:{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server thread ended before it started")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise TimeoutError(f"server did not start on port {port} within {timeout} s")
        time.sleep(0.02)
    return RunningServer(f"http://127.0.0.1:{port}", port, app, server, thread)
