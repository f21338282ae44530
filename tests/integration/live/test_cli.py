"""``reviewer-server --demo`` as a real subprocess: answers /v1/healthz, exits 0 on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from server.runner import free_port


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 40) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            r = httpx.get(f"{url}/v1/healthz", timeout=5)
            if r.status_code == 200:
                return r.json()
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become healthy")


def test_demo_server_subprocess_serves_and_exits_cleanly(tmp_path: Path) -> None:
    port = free_port()
    exe = Path(sys.executable).with_name("reviewer-server")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "server.cli"]
    cmd += [
        "--demo",
        "--port",
        str(port),
        "--db",
        f"sqlite:///{tmp_path / 'cli.db'}",
        "--speed",
        "50",
        "--log-level",
        "warning",
    ]
    log = tmp_path / "server.log"
    with log.open("wb") as err:  # Popen keeps its own copy of the descriptor
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        assert _wait_healthy(url, proc, log)["status"] == "ok"
        r = httpx.post(
            f"{url}/v1/auth/token", json={"username": "agent1", "password": "demo"}, timeout=30
        )
        assert r.status_code == 200
        token = r.json()["access_token"]
        # an open event stream must not keep the server from stopping
        with (
            httpx.Client(timeout=30) as client,
            client.stream(
                "GET", f"{url}/v1/events", headers={"Authorization": f"Bearer {token}"}
            ) as stream,
        ):
            assert stream.status_code == 200
            proc.send_signal(signal.SIGTERM)
            for _ in stream.iter_bytes():
                pass
        assert proc.wait(timeout=15) == 0, log.read_text(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
